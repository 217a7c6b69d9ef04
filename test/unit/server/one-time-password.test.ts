import { describe, expect, it } from "vitest";
import { generateOneTimePassword } from "../../../src/server/auth/one-time-password.ts";
import { PASSWORD_MIN_LENGTH } from "../../../src/auth/password-policy.ts";

describe("one-time passwords", () => {
  it("are four groups of four readable characters, long enough for the password policy", () => {
    for (let i = 0; i < 200; i++) {
      const password = generateOneTimePassword();
      expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
      expect(password.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
    }
  });

  it("never repeat and use every symbol of the alphabet", () => {
    const passwords = Array.from({ length: 2000 }, generateOneTimePassword);
    expect(new Set(passwords).size).toBe(passwords.length);
    const symbols = new Set(passwords.join("").replace(/-/g, ""));
    expect(symbols.size).toBe(31);
    for (const lookAlike of ["0", "o", "1", "l", "i"]) expect(symbols.has(lookAlike)).toBe(false);
  });
});
