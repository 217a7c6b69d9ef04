/** Which function runs each job kind. */
import { runImportJob } from "../services/imports.ts";
import { runTranslateJob } from "../services/translations.ts";
import { runVerifyJob, runVerifyShardJob } from "../services/verification.ts";
import type { JobHandler } from "./run-job.ts";
import type { TJobKind } from "./queue.ts";

export const JOB_HANDLERS: Record<TJobKind, JobHandler> = {
  import: runImportJob,
  translate: runTranslateJob,
  verify: runVerifyJob,
  "verify-shard": runVerifyShardJob,
};
