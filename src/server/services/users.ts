/** User and membership administration (admins only; enforced by the router's adminProcedure). */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Role } from "../../generated/prisma/enums.ts";
import { AppError } from "../errors.ts";
import { generateOneTimePassword } from "../auth/one-time-password.ts";
import { hashPassword } from "../auth/password.ts";

export async function listUsers(prisma: PrismaClient) {
  return prisma.user.findMany({
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      disabledAt: true,
      totpEnabledAt: true,
      mustChangePassword: true,
      createdAt: true,
      memberships: { select: { estateId: true } },
    },
  });
}

/** The first administrator at `npm start` (PARITY_ADMIN_EMAIL / PARITY_ADMIN_PASSWORD); admins add people with addPerson. */
export async function createUser(prisma: PrismaClient, input: { email: string; name: string; role: Role; password: string }) {
  const email = input.email.trim().toLowerCase();
  if (await prisma.user.findUnique({ where: { email } })) throw new AppError("CONFLICT", `A user with e-mail ${email} already exists`);
  const user = await prisma.user.create({
    data: { email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function setUserRole(prisma: PrismaClient, userId: string, role: Role) {
  await prisma.user.update({ where: { id: userId }, data: { role } });
  // A role change takes effect at once: existing sessions would otherwise keep the old rights cached nowhere but here.
  await prisma.session.deleteMany({ where: { userId } });
}

export async function setMembership(prisma: PrismaClient, input: { userId: string; estateId: string; member: boolean }) {
  if (input.member) {
    await prisma.membership.upsert({
      where: { userId_estateId: { userId: input.userId, estateId: input.estateId } },
      create: { userId: input.userId, estateId: input.estateId },
      update: {},
    });
  } else {
    await prisma.membership.deleteMany({ where: { userId: input.userId, estateId: input.estateId } });
  }
}

/** Disables or re-enables an account; disabling ends its sessions at once. Admins cannot disable themselves. */
export async function setUserDisabled(prisma: PrismaClient, actingUserId: string, userId: string, disabled: boolean) {
  if (disabled && actingUserId === userId) throw new AppError("BAD_REQUEST", "You cannot disable your own account");
  const { count } = await prisma.user.updateMany({ where: { id: userId }, data: { disabled, disabledAt: new Date() } });
  if (count === 0) throw new AppError("NOT_FOUND", "No such user");
  if (disabled) {
    await prisma.session.deleteMany({ where: { userId } });
    await prisma.trustedDevice.deleteMany({ where: { userId } });
  }
}

/**
 * Adds a new person (optionally straight into an estate): the account gets a one-time password, returned
 * here once for the administrator to hand over and stored only hashed; the person must choose their own at
 * first sign-in (auth.changePassword). The administrator never chooses or keeps a person's password.
 */
export async function addPerson(prisma: PrismaClient, input: { email: string; name: string; role: Role; estateId?: string }) {
  const email = input.email.trim().toLowerCase();
  if (input.estateId && !(await prisma.estate.findUnique({ where: { id: input.estateId }, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", "Estate not found");
  }
  if (await prisma.user.findUnique({ where: { email } })) {
    throw new AppError("CONFLICT", `A user with e-mail ${email} already exists: add them from the list of people instead`);
  }
  const oneTimePassword = generateOneTimePassword();
  const user = await prisma.user.create({
    data: {
      email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(oneTimePassword),
      mustChangePassword: true,
      ...(input.estateId ? { memberships: { create: { estateId: input.estateId } } } : {}),
    },
    select: { id: true, email: true, name: true, role: true },
  });
  return { user, oneTimePassword };
}
