/**
 * Security tier: the production build served as `npm start` serves it (Parity's HTTP server, least-privileged
 * database role, Secure `__Host-` cookies), behind one simulated reverse proxy (PARITY_TRUSTED_PROXIES=1: the
 * test client plays the proxy and appends the "real" client address to X-Forwarded-For).
 */
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ROOT } from "../../src/scripts/lib/database.ts";
import { startApp } from "../support/app-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    securityBaseUrl: string;
    securityOwnerUrl: string;
    securityAppUrl: string;
    securityLogFile: string;
  }
}

export default async function setup(project: TestProject) {
  const logFile = path.join(ROOT, "test-results/security-server.log");
  const app = await startApp({
    database: "parity_security",
    dataDir: ".data/security-postgres",
    logFile,
    env: { PARITY_TRUSTED_PROXIES: "1", PARITY_SECURE_COOKIES: "true" },
  });
  project.provide("securityBaseUrl", app.baseUrl);
  project.provide("securityOwnerUrl", app.ownerUrl);
  project.provide("securityAppUrl", app.appUrl);
  project.provide("securityLogFile", logFile);
  return app.stop;
}
