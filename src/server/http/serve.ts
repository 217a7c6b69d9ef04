/**
 * Parity's HTTP server: Next.js behind a thin Node layer that does what only the socket layer can do.
 *
 * - The socket's address is passed to the app in PEER_HEADER (any client-sent value is dropped), so the client
 *   address can be derived under PARITY_TRUSTED_PROXIES instead of from a header anyone can write.
 * - Every route has a body limit applied before Next.js reads anything: a Content-Length over it is answered
 *   413 at once; a chunked body is counted as it arrives and the connection is cut past the limit.
 * - Header and request time-outs bound slow-loris clients.
 * - A connection closed while the client is still sending is closed gently ("lingering close", as Apache and
 *   nginx do): the answer is sent with FIN and the rest of the body is read and dropped for a bounded time.
 *   Closing at once makes the kernel answer the unread bytes with RST, which can wipe the 401/403/413 from the
 *   client's receive buffer — a browser would show "connection reset" instead of the refusal.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { Socket } from "node:net";
import next from "next";
import { assertProductionSafe, serverEnv } from "../env.ts";
import { PEER_HEADER, PEER_TRUSTED_FLAG } from "./client-address.ts";
import { formatBytes } from "./body-limit.ts";
import { TRPC_ENDPOINT, trpcBodyLimit, trpcPaths } from "./trpc-handler.ts";

/** The route's own reader answers 413 first; this cut-off is the backstop for streamed bodies. */
const STREAM_SLACK = 64 * 1024;

export function bodyLimitFor(url: string | undefined): number {
  const pathname = (url ?? "/").split("?")[0];
  if (pathname.startsWith(`${TRPC_ENDPOINT}/`)) return trpcBodyLimit(trpcPaths(pathname));
  return serverEnv().PARITY_MAX_JSON_KB * 1024;
}

function tooLarge(res: http.ServerResponse, limit: number) {
  res.writeHead(413, { "content-type": "application/json", connection: "close", "cache-control": "no-store" });
  res.end(JSON.stringify({ error: `Request body exceeds ${formatBytes(limit)}` }));
}

/** How long and how much a closing connection keeps draining before it is cut (see the header comment). */
const LINGER_MS = 2_000;
const LINGER_BYTES = 16 * 1024 * 1024;

/** Replaces the socket's destroySoon (what Node's HTTP server calls on `connection: close`) with a bounded linger. */
export function lingerOnClose(socket: Socket) {
  let lingering = false;
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (lingering || this.destroyed) return;
    lingering = true;
    // Node's HTTP parser may read the handle directly (no 'data' events), so count with bytesRead.
    const start = this.bytesRead;
    const started = Date.now();
    const watch = setInterval(() => {
      if (Date.now() - started > LINGER_MS || this.bytesRead - start > LINGER_BYTES) this.destroy();
    }, 50);
    watch.unref();
    this.once("end", () => this.destroy());
    this.once("close", () => clearInterval(watch));
    this.resume();
    if (this.writable) this.end();
  };
}

/** Counts body bytes as the socket parser delivers them; past the limit the request is cut off. */
function limitStreamedBody(req: http.IncomingMessage, res: http.ServerResponse, limit: number) {
  let seen = 0;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk && typeof (chunk as Buffer).length === "number") {
      seen += (chunk as Buffer).length;
      if (seen > limit + STREAM_SLACK) {
        if (!res.headersSent) tooLarge(res, limit);
        req.socket.destroySoon();
        return false;
      }
    }
    return push(chunk, encoding);
  };
}

export async function startParityServer(options: { port: number; hostname?: string; dir: string; dev?: boolean }) {
  assertProductionSafe();
  // Only this server sets PEER_HEADER, so the app may believe it (see client-address.ts).
  process.env[PEER_TRUSTED_FLAG] = "1";
  const app = next({ dev: options.dev ?? false, dir: options.dir, hostname: options.hostname, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    lingerOnClose(req.socket);
    delete req.headers[PEER_HEADER];
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    const limit = bodyLimitFor(req.url);
    const declared = req.headers["content-length"];
    if (declared !== undefined && !(Number(declared) <= limit)) {
      tooLarge(res, limit);
      return;
    }
    if (declared === undefined && req.headers["transfer-encoding"]) limitStreamedBody(req, res, limit);
    handle(req, res).catch((error: unknown) => {
      const reference = crypto.randomUUID();
      console.error(`[error ${reference}] ${req.method} ${req.url} failed:`, error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `Internal error (reference ${reference})` }));
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 10 * 60_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  return { server, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
