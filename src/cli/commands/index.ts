import type { Command } from "commander";
import { registerImportCommand } from "./import.ts";
import { registerOracleNetpolCommand } from "./oracle-netpol.ts";
import { registerOracleVmwareCommand } from "./oracle-vmware.ts";
import { registerQueryCommand } from "./query.ts";
import { registerScorecardCommand } from "./scorecard.ts";
import { registerSnapshotCommand } from "./snapshot.ts";
import { registerTranslateCommand } from "./translate.ts";
import { registerVerifyCommand } from "./verify.ts";

/** Every command registers itself here; one line per command module. */
export function registerCommands(program: Command): void {
  void program;
  registerImportCommand(program);
  registerOracleNetpolCommand(program);
  registerOracleVmwareCommand(program);
  registerQueryCommand(program);
  registerScorecardCommand(program);
  registerSnapshotCommand(program);
  registerTranslateCommand(program);
  registerVerifyCommand(program);
}
