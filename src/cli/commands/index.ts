import type { Command } from "commander";
import { registerImportCommand } from "./import.ts";
import { registerOracleNetpolCommand } from "./oracle-netpol.ts";
import { registerOracleVmwareCommand } from "./oracle-vmware.ts";
import { registerScorecardCommand } from "./scorecard.ts";
import { registerSnapshotCommand } from "./snapshot.ts";

/** Every command registers itself here; one line per command module. */
export function registerCommands(program: Command): void {
  void program;
  registerImportCommand(program);
  registerOracleNetpolCommand(program);
  registerOracleVmwareCommand(program);
  registerScorecardCommand(program);
  registerSnapshotCommand(program);
}
