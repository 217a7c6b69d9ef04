/** One line of a verification report, as the CLI prints it and the UI shows it. */
export interface TCheck {
  name: string;
  ok: boolean;
  detail: string;
  /** True when the check could not apply (e.g. no trusted key given); `ok` stays true. */
  skipped?: boolean;
}

export interface TVerifyResult {
  ok: boolean;
  checks: TCheck[];
}

export function result(checks: TCheck[]): TVerifyResult {
  return { ok: checks.length > 0 && checks.every((c) => c.ok), checks };
}
