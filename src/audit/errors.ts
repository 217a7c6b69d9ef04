/** Typed errors callers (server, CLI) map to user-facing messages. */
import type { z } from "zod";

export class SnapshotValidationError extends Error {
  override name = "SnapshotValidationError";
  constructor(
    what: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`${what} is invalid: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`);
  }
  static from(what: string, error: z.ZodError): SnapshotValidationError {
    return new SnapshotValidationError(
      what,
      error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    );
  }
}

/** Four-eyes principle: the person who created a snapshot cannot approve it. */
export class ApprovalByCreatorError extends Error {
  override name = "ApprovalByCreatorError";
  constructor(readonly user: string) {
    super(`approval refused: ${user} created this snapshot; a second person must approve it`);
  }
}

export class ApprovalMismatchError extends Error {
  override name = "ApprovalMismatchError";
}
