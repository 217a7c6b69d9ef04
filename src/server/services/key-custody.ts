/**
 * Key custody: where the installation's snapshot-signing key lives and who performs signatures. Everything
 * that signs asks `keyCustody()` for a signer (a TSigner signs bytes; it need not expose the private key), so
 * an HSM (PKCS#11) or a cloud KMS plugs in as another implementation of TKeyCustody selected by
 * PARITY_KEY_CUSTODY, without touching snapshot code. Today: `file`, a PKCS#8 file under PARITY_KEY_DIR.
 */
import fs from "node:fs";
import path from "node:path";
import { keyDir, serverEnv } from "../env.ts";
import { loadOrCreateSigningKey, PRIVATE_KEY_FILE, type TInstallationKey } from "./signing-key.ts";

export interface TKeyCustody {
  /** e.g. `file /srv/parity/.data/keys` */
  readonly description: string;
  /** The signer and public key of this installation (created on first use where the custody can). */
  installationKey(): TInstallationKey;
  /** Problems an operator should fix, printed at start-up (e.g. a key directory others can read). */
  warnings(): string[];
}

export class FileKeyCustody implements TKeyCustody {
  constructor(readonly dir: string) {}

  get description(): string {
    return `file ${this.dir}`;
  }

  installationKey(): TInstallationKey {
    return loadOrCreateSigningKey(this.dir);
  }

  warnings(): string[] {
    if (process.platform === "win32") return [];
    const problems: string[] = [];
    const check = (file: string, what: string) => {
      if (!fs.existsSync(file)) return;
      const mode = fs.statSync(file).mode & 0o777;
      if ((mode & 0o077) !== 0)
        problems.push(`${what} ${file} is accessible by group or others (mode ${mode.toString(8)}): chmod go-rwx it`);
    };
    check(this.dir, "signing key directory");
    check(path.join(this.dir, PRIVATE_KEY_FILE), "signing key");
    return problems;
  }
}

let custody: TKeyCustody | undefined;

export function keyCustody(): TKeyCustody {
  if (!custody) {
    const kind = serverEnv().PARITY_KEY_CUSTODY;
    switch (kind) {
      case "file":
        custody = new FileKeyCustody(keyDir());
        break;
    }
  }
  return custody;
}
