/**
 * Demo data for `npm run dev` and the tests: the four demo accounts, the demo bank's estate and an empty
 * estate for trying the upload (all four are members of both), and a third estate none of the non-admin
 * demo users belongs to, so access rules are visible. Idempotent: running it again changes nothing that exists.
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { hashPassword } from "../auth/password.ts";
import { DEMO_ACCOUNTS } from "../demo-accounts.ts";

export const DEMO_ESTATE = {
  slug: "helvetia-private-bank",
  name: "Helvetia Private Bank",
  description: "NSX-T 4.1 DFW of the Zurich and Geneva data centres: e-banking, payments (PCI), core banking, trading.",
};
/** Stays empty: the place to try the upload journey without touching the showcase estate. */
export const UPLOAD_ESTATE = {
  slug: "alpine-savings-bank",
  name: "Alpine Savings Bank",
  description: "Empty on purpose: upload an NSX export here (e.g. the files in imports/samples or imports/demo).",
};
export const OTHER_ESTATE = {
  slug: "lakeside-cantonal-bank",
  name: "Lakeside Cantonal Bank",
  description: "A second customer's estate: visible only to its members.",
};

export async function seedDemo(prisma: PrismaClient) {
  const users = [];
  for (const account of DEMO_ACCOUNTS) {
    const existing = await prisma.user.findUnique({ where: { email: account.email } });
    users.push(
      existing ??
        (await prisma.user.create({
          data: { email: account.email, name: account.name, role: account.role, passwordHash: await hashPassword(account.password) },
        })),
    );
  }
  const demo = await prisma.estate.upsert({ where: { slug: DEMO_ESTATE.slug }, create: DEMO_ESTATE, update: {} });
  const upload = await prisma.estate.upsert({ where: { slug: UPLOAD_ESTATE.slug }, create: UPLOAD_ESTATE, update: {} });
  const other = await prisma.estate.upsert({ where: { slug: OTHER_ESTATE.slug }, create: OTHER_ESTATE, update: {} });
  for (const user of users) {
    for (const estate of [demo, upload]) {
      await prisma.membership.upsert({
        where: { userId_estateId: { userId: user.id, estateId: estate.id } },
        create: { userId: user.id, estateId: estate.id },
        update: {},
      });
    }
  }
  return { users, demoEstate: demo, uploadEstate: upload, otherEstate: other };
}
