/**
 * The tRPC API over plain HTTP (node:http + the fetch adapter, the same router and HTTP context as
 * app/api/trpc), without Next.js: `npm run measure -- --http` runs it as the "web process" to measure HTTP
 * latency of the main reads while the job worker runs a big job. Usage: DATABASE_URL=… PORT=… tsx this file.
 */
import http from "node:http";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createHttpContextFor } from "../../server/api/context.ts";
import { appRouter } from "../../server/api/root.ts";
import { createPrismaClient } from "../../server/db.ts";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");
const prisma = createPrismaClient(url);
const port = Number(process.env.PORT ?? 3999);

const server = http.createServer((req, res) => {
  void (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
      method: req.method,
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: ({ resHeaders }) => createHttpContextFor(prisma, request, resHeaders),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  })().catch((error: unknown) => {
    res.writeHead(500);
    res.end(String(error));
  });
});
server.listen(port, "127.0.0.1", () => console.log(`api listening on ${port}`));
process.on("SIGTERM", () => server.close(() => void prisma.$disconnect().finally(() => process.exit(0))));
