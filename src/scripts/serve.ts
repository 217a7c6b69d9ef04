/**
 * Serves the production build (`next build`) through Parity's HTTP server (src/server/http/serve.ts):
 * `tsx src/scripts/serve.ts [--port N] [--hostname H]`. `npm start` runs it after the migrations.
 */
import { parseArgs } from "node:util";
import { startParityServer } from "../server/http/serve.ts";
import { ROOT } from "./lib/database.ts";

const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const { close } = await startParityServer({ port, hostname: values.hostname, dir: ROOT });
console.log(`Parity listening on http://${values.hostname ?? "0.0.0.0"}:${port}`);
const stop = () => {
  void close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
