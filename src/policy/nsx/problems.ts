/** What the engine could not model exactly or found inconsistent; never silently dropped. */
export interface NsxProblem {
  /** `error`: a reference or value is broken; `outside-model`: real NSX behaviour beyond L3/L4; `info`: worth knowing. */
  severity: "error" | "outside-model" | "info";
  code: string;
  message: string;
  /** The object concerned: policy/rule, group path, service path or VM id. */
  subject?: string;
}

export class ProblemLog {
  private readonly seen = new Set<string>();
  readonly problems: NsxProblem[] = [];

  add(problem: NsxProblem): void {
    const key = `${problem.code}|${problem.subject ?? ""}|${problem.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push(problem);
  }
}
