/** Shared helpers for integration tests: a Prisma client on the test database and tRPC callers per user. */
import { inject } from "vitest";
import { createCaller } from "../../src/server/api/root.ts";
import type { TrpcContext } from "../../src/server/api/trpc.ts";
import { createPrismaClient, type PrismaClient } from "../../src/server/db.ts";
import { seedDemo } from "../../src/server/services/seed.ts";

let prisma: PrismaClient | undefined;

export function testPrisma(): PrismaClient {
  prisma ??= createPrismaClient(inject("databaseUrl"));
  return prisma;
}

export async function seeded() {
  const result = await seedDemo(testPrisma());
  const byRole = (role: string) => {
    const user = result.users.find((u) => u.role === role);
    if (!user) throw new Error(`no demo ${role}`);
    return user;
  };
  return {
    ...result,
    admin: byRole("admin"),
    security: byRole("security_engineer"),
    auditor: byRole("auditor"),
    architect: byRole("architect"),
  };
}

type DemoUser = { id: string; email: string; name: string; role: "admin" | "security_engineer" | "auditor" | "architect" };

export function contextFor(user: DemoUser | null, overrides: Partial<TrpcContext> = {}): TrpcContext {
  return {
    prisma: testPrisma(),
    session: user
      ? { sessionId: `test-${user.id}`, csrfToken: "test", user: { id: user.id, email: user.email, name: user.name, role: user.role } }
      : null,
    ip: "10.0.0.1",
    csrfOk: true,
    ...overrides,
  };
}

export function callerFor(user: DemoUser | null, overrides: Partial<TrpcContext> = {}) {
  return createCaller(contextFor(user, overrides));
}

/**
 * A translation summary in the shape the translate job stores (every field the pages read), for tests that
 * insert Translation rows directly: services decode the column strictly, and other test files read the
 * same estates.
 */
export function storedTranslationSummary(overrides: Record<string, unknown> = {}) {
  return {
    api: "v1alpha1",
    vms: 0,
    namespaces: 0,
    adminNetworkPolicies: 0,
    adminRules: 0,
    baseline: false,
    networkPolicies: 0,
    networkPolicyRules: 0,
    materialisedLabels: 0,
    translationClasses: 0,
    externalBlocks: 0,
    findings: {},
    unsound: [],
    elapsedMs: 0,
    profileVersion: 0,
    importVersion: 1,
    objectCount: 0,
    fileCount: 0,
    findingsBySeverity: {},
    ...overrides,
  };
}
