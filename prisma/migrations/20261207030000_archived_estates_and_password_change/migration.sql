-- Archived estates stay readable (their snapshots are evidence) but refuse every change and leave the default list.
ALTER TABLE "Estate" ADD COLUMN "archivedAt" TIMESTAMP(3);

-- Set for a person an administrator added with a one-time password: they must choose their own at first sign-in.
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
