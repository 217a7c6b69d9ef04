import type { Command } from "commander";
import { registerOracleNetpolCommand } from "./oracle-netpol.ts";
import { registerOracleVmwareCommand } from "./oracle-vmware.ts";
import { registerScorecardCommand } from "./scorecard.ts";

/** Every command registers itself here; one line per command module. */
export function registerCommands(program: Command): void {
  void program;
  registerOracleNetpolCommand(program);
  registerOracleVmwareCommand(program);
  registerScorecardCommand(program);
}
