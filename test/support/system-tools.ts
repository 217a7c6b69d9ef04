/**
 * Tools some tests need from the operating system (Chromium, poppler's pdftotext/pdftoppm). A test never skips
 * silently for want of one: as root on Debian the package is installed on first use (as `.ci/run` does), otherwise
 * the test fails and names the install command.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "/usr/bin:/bin").split(":")) {
    const candidate = `${dir}/${command}`;
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The absolute path of `command`, installing Debian package `debianPackage` first when that is possible. */
export function ensureSystemTool(command: string, debianPackage: string): string {
  const found = onPath(command);
  if (found) return found;
  if (process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get")) {
    console.log(`${command} not found: installing Debian's ${debianPackage} package …`);
    execFileSync("sh", ["-c", `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${debianPackage}`], {
      stdio: "inherit",
    });
    const installed = onPath(command);
    if (installed) return installed;
  }
  throw new Error(`${command} is required by this test: \`sudo apt-get install -y ${debianPackage}\``);
}

/** pdftotext and pdftoppm (poppler-utils). */
export const ensurePoppler = (): { pdftotext: string; pdftoppm: string } => ({
  pdftotext: ensureSystemTool("pdftotext", "poppler-utils"),
  pdftoppm: ensureSystemTool("pdftoppm", "poppler-utils"),
});
