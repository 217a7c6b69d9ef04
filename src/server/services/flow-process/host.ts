/**
 * The flow-query engine process: a child of the web server (client.ts) that holds the compiled estates and
 * Kubernetes models for "can A reach B?" and answers over IPC. Building them takes seconds at 32,000 rules
 * (rule table, YAML of every emitted file); here that work never blocks the web server's event loop.
 * It exits when the web server does (the IPC channel closes).
 */
import { createPrismaClient } from "../../db.ts";
import { AppError } from "../../errors.ts";
import { endpointSuggestions, flowQuery, type TFlowQuery } from "../verification.ts";

export type FlowRequest =
  { id: number; op: "query"; estateId: string; query: TFlowQuery } | { id: number; op: "endpoints"; estateId: string; search: string };

export type FlowReply = { id: number; result: unknown } | { id: number; error: { code?: string; message: string } };

const url = process.env.DATABASE_URL;
if (!url || !process.send) {
  console.error("flow engine: needs DATABASE_URL and an IPC channel (started by the web server)");
  process.exit(2);
}
const prisma = createPrismaClient(url);
const reply = (message: FlowReply) => process.send!(message);

process.on("message", (request: FlowRequest) => {
  void (async () => {
    try {
      const result =
        request.op === "query"
          ? await flowQuery(prisma, request.estateId, request.query)
          : await endpointSuggestions(prisma, request.estateId, request.search);
      reply({ id: request.id, result });
    } catch (error) {
      reply({
        id: request.id,
        error: {
          ...(error instanceof AppError ? { code: error.code } : {}),
          message: error instanceof Error ? error.message : String(error),
        },
      });
    }
  })();
});
process.on("disconnect", () => void prisma.$disconnect().finally(() => process.exit(0)));
