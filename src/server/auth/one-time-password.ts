/**
 * One-time passwords an administrator hands to a new person: 16 characters from an alphabet without
 * look-alikes (no 0/o, 1/l/i), grouped by four for reading aloud: 80 bits from the CSPRNG. Stored only as
 * an scrypt hash like any password; the account is flagged so its first sign-in must replace it.
 */
import crypto from "node:crypto";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // 31 symbols; rejection sampling keeps them uniform
const LENGTH = 16;

export function generateOneTimePassword(): string {
  const chars: string[] = [];
  while (chars.length < LENGTH) {
    for (const byte of crypto.randomBytes(LENGTH * 2)) {
      // 248 = 8 × 31: bytes at or above it would favour the first symbols.
      if (byte < 248 && chars.length < LENGTH) chars.push(ALPHABET[byte % ALPHABET.length]);
    }
  }
  return chars.join("").replace(/(.{4})(?=.)/g, "$1-");
}
