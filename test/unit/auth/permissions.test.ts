import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type TPermission } from "../../../src/auth/permissions.ts";

describe("permission table", () => {
  it("lets auditors change nothing but their sign-off", () => {
    const allowed = (Object.keys(PERMISSIONS) as TPermission[]).filter((p) => can("auditor", p));
    expect(allowed).toEqual(["approveSnapshot"]);
  });

  it("gives every write to administrators and administration to them alone", () => {
    for (const permission of Object.keys(PERMISSIONS) as TPermission[]) expect(can("admin", permission)).toBe(true);
    expect(ROLES.filter((role) => can(role, "administer"))).toEqual(["admin"]);
  });

  it("separates estate data (security engineers) from scorecards (architects)", () => {
    expect(can("security_engineer", "changeEstateData")).toBe(true);
    expect(can("security_engineer", "changeScorecard")).toBe(false);
    expect(can("architect", "changeScorecard")).toBe(true);
    expect(can("architect", "changeEstateData")).toBe(false);
    expect(can("architect", "approveSnapshot")).toBe(false);
  });
});
