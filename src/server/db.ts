/**
 * The Prisma client, created lazily: building it at import time would make `next build` fail when
 * DATABASE_URL is unset. One client per process (kept on globalThis across Next.js dev reloads).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { requireDatabaseUrl } from "./env.ts";

const holder = globalThis as { parityPrisma?: PrismaClient };

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

export function db(): PrismaClient {
  holder.parityPrisma ??= createPrismaClient(requireDatabaseUrl());
  return holder.parityPrisma;
}

export type { PrismaClient };
