/**
 * The `parity` command. Each command lives in src/cli/commands/<name>.ts and only parses arguments,
 * calls a library in src/ and prints; no logic lives here.
 */
import { Command } from "commander";
import { registerCommands } from "./commands/index.ts";

const program = new Command();
program
  .name("parity")
  .description("Translate NSX DFW rules into Kubernetes network policies and prove both allow the same traffic.")
  .version("0.1.0");

registerCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
