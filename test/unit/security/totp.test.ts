import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, otpauthUri, totpCode, totpStep, verifyTotp } from "../../../src/server/auth/totp.ts";

// RFC 6238 appendix B, SHA-1 secret "12345678901234567890" (8-digit vectors truncated to their last 6 digits).
const RFC_SECRET = base32Encode(new TextEncoder().encode("12345678901234567890"));

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC test vectors", () => {
    expect(totpCode(RFC_SECRET, totpStep(59_000))).toBe("287082");
    expect(totpCode(RFC_SECRET, totpStep(1_111_111_109_000))).toBe("081804");
    expect(totpCode(RFC_SECRET, totpStep(1_234_567_890_000))).toBe("005924");
    expect(totpCode(RFC_SECRET, totpStep(20_000_000_000_000))).toBe("353130");
  });

  it("accepts one step of clock drift, refuses replays and wrong codes", () => {
    const now = 1_700_000_000_000;
    const code = totpCode(RFC_SECRET, totpStep(now) - 1);
    const step = verifyTotp(RFC_SECRET, code, { now });
    expect(step).toBe(totpStep(now) - 1);
    expect(verifyTotp(RFC_SECRET, code, { now, lastStep: step })).toBeUndefined();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, totpStep(now) - 3), { now })).toBeUndefined();
    expect(verifyTotp(RFC_SECRET, "12345", { now })).toBeUndefined();
  });

  it("round-trips base32 and builds an otpauth URI", () => {
    expect(new TextDecoder().decode(base32Decode(RFC_SECRET))).toBe("12345678901234567890");
    expect(otpauthUri("ABC", "a@b.ch")).toBe("otpauth://totp/Parity%3Aa%40b.ch?secret=ABC&issuer=Parity&algorithm=SHA1&digits=6&period=30");
  });
});
