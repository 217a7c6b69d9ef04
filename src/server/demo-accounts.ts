/**
 * The demo accounts `npm run dev` seeds. Shown on the login page only while PARITY_DEMO=true (set by the dev
 * launcher), never in a production start.
 */
export const DEMO_ACCOUNTS = [
  { email: "admin@parity.local", name: "Ada Admin", role: "admin", password: "parity-admin-demo" },
  { email: "secops@parity.local", name: "Sam Security", role: "security_engineer", password: "parity-secops-demo" },
  { email: "auditor@parity.local", name: "Alex Auditor", role: "auditor", password: "parity-auditor-demo" },
  { email: "architect@parity.local", name: "Ari Architect", role: "architect", password: "parity-architect-demo" },
] as const;

export function demoLogins(): { email: string; role: string; password: string }[] {
  if (process.env.PARITY_DEMO !== "true") return [];
  return DEMO_ACCOUNTS.map(({ email, role, password }) => ({ email, role, password }));
}
