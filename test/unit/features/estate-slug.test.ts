import { describe, expect, it } from "vitest";
import { slugFromName } from "../../../src/features/admin/estate-slug.ts";

describe("estate slugs suggested from names", () => {
  it("lower-cases, drops accents and joins words with dashes", () => {
    expect(slugFromName("Bank Zürich AG")).toBe("bank-zurich-ag");
    expect(slugFromName("  Crédit  Genève / Lausanne  ")).toBe("credit-geneve-lausanne");
  });

  it("stays within the 63 characters the server accepts, without a trailing dash", () => {
    const slug = slugFromName(`${"a".repeat(62)} b`);
    expect(slug.length).toBeLessThanOrEqual(63);
    expect(slug).toMatch(/^[a-z0-9][a-z0-9-]{1,62}$/);
    expect(slug.endsWith("-")).toBe(false);
  });
});
