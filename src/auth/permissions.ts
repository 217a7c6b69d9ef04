/**
 * Who may do what, by role: the one rule table both sides read. The server's named tRPC procedures
 * (src/server/api/trpc.ts) refuse what it forbids; the client hides the controls it forbids. It lives outside
 * src/server because client components import it, and it is pure (no I/O, no React, no Prisma) so the browser
 * bundle can carry it. Reading an estate is open to every member; membership itself is checked by the server.
 */

/** The roles of Parity; src/server/services/access.ts checks at compile time that Prisma's `Role` enum matches. */
export const ROLES = ["admin", "security_engineer", "auditor", "architect"] as const;
export type TRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<TRole, string> = {
  admin: "Administrator",
  security_engineer: "Security engineer",
  auditor: "Auditor",
  architect: "Architect",
};

/**
 * Each write and the roles allowed it. Auditors change nothing except their sign-off on a snapshot (FINMA
 * expects the second person to be independent); who may not approve a given snapshot (its creator) is
 * decided by the snapshot service, not by role.
 */
export const PERMISSIONS = {
  /** Imports, translations, mapping profiles, verifications, snapshots. */
  changeEstateData: ["admin", "security_engineer"],
  /** Scorecard weights, AHP judgements, workshop decisions. */
  changeScorecard: ["admin", "architect"],
  /** Four-eyes approval of an audit snapshot. */
  approveSnapshot: ["admin", "security_engineer", "auditor"],
  /** Users, estates and memberships. */
  administer: ["admin"],
} as const satisfies Record<string, readonly TRole[]>;

export type TPermission = keyof typeof PERMISSIONS;

/** What a refusal says the user tried ("Your role (auditor) may not change estate data"). */
export const PERMISSION_WORDS: Record<TPermission, string> = {
  changeEstateData: "change estate data",
  changeScorecard: "change scorecards",
  approveSnapshot: "approve snapshots",
  administer: "administer Parity",
};

export function can(role: TRole, permission: TPermission): boolean {
  return (PERMISSIONS[permission] as readonly TRole[]).includes(role);
}
