/**
 * The web server's side of the flow-query engine process (host.ts): started on the first flow query,
 * restarted if it dies, one request id per call. Used when the server runs with PARITY_FLOW_PROCESS=1
 * (`npm run dev` / `npm start` set it); otherwise, as in tests and scripts, queries run in-process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { PrismaClient } from "../../../generated/prisma/client.ts";
import { ENGINE_NODE_FLAGS } from "../../../scripts/lib/engine-node-flags.ts";
import { AppError, type AppErrorCode } from "../../errors.ts";
import { endpointSuggestions, flowQuery, type TFlowQuery } from "../verification.ts";
import type { FlowReply, FlowRequest } from "./host.ts";

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Request = FlowRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export class FlowEngineProcess {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly databaseUrl: string,
    /** The repository root (the host runs from source with tsx, like the job worker). */
    private readonly root = process.cwd(),
  ) {}

  private host(): ChildProcess {
    if (this.child?.connected) return this.child;
    const child = spawn(
      process.execPath,
      [...ENGINE_NODE_FLAGS, "--import", "tsx", path.join(this.root, "src/server/services/flow-process/host.ts")],
      {
        cwd: this.root,
        env: { ...process.env, DATABASE_URL: this.databaseUrl },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      },
    );
    child.on("message", (reply: FlowReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ("result" in reply) waiting.resolve(reply.result);
      else
        waiting.reject(
          reply.error.code ? new AppError(reply.error.code as AppErrorCode, reply.error.message) : new Error(reply.error.message),
        );
    });
    child.on("exit", () => {
      if (this.child === child) this.child = undefined;
      for (const [id, waiting] of this.pending) {
        this.pending.delete(id);
        waiting.reject(new Error("the flow engine process stopped; try again"));
      }
    });
    child.unref();
    this.child = child;
    return child;
  }

  request<T>(request: Request): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.host().send({ ...request, id } as FlowRequest);
    });
  }

  stop(): void {
    this.child?.kill("SIGTERM");
  }
}

const holder = globalThis as { parityFlowEngine?: FlowEngineProcess | null };
function shared(): FlowEngineProcess | null {
  if (holder.parityFlowEngine === undefined)
    holder.parityFlowEngine =
      process.env.PARITY_FLOW_PROCESS === "1" && process.env.DATABASE_URL ? new FlowEngineProcess(process.env.DATABASE_URL) : null;
  return holder.parityFlowEngine;
}

type FlowAnswer = Awaited<ReturnType<typeof flowQuery>>;
type Suggestions = Awaited<ReturnType<typeof endpointSuggestions>>;

export function flowQueryServed(prisma: PrismaClient, estateId: string, query: TFlowQuery): Promise<FlowAnswer> {
  const engine = shared();
  return engine ? engine.request<FlowAnswer>({ op: "query", estateId, query }) : flowQuery(prisma, estateId, query);
}

export function endpointSuggestionsServed(prisma: PrismaClient, estateId: string, search: string): Promise<Suggestions> {
  const engine = shared();
  return engine ? engine.request<Suggestions>({ op: "endpoints", estateId, search }) : endpointSuggestions(prisma, estateId, search);
}
