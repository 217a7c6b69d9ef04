/** Which function runs each job kind. Translation and verification join as their services land. */
import { runImportJob } from "../services/imports.ts";
import type { JobHandler } from "./run-job.ts";
import type { TJobKind } from "./queue.ts";

export const JOB_HANDLERS: Record<TJobKind, JobHandler> = {
  import: runImportJob,
  translate: async () => ({ failed: true, error: "translation is not available yet", result: null }),
  verify: async () => ({ failed: true, error: "verification is not available yet", result: null }),
};
