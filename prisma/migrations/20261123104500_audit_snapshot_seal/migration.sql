-- The sealed snapshot is stored whole at INSERT (rows are immutable: see 20261122000000_append_only_tables),
-- so the server can re-verify it on every read without unpacking the bundle: the signed meta (estate, sequence,
-- creator, time, previous root), the per-part SHA-256 digests and the signing key (id and SPKI PEM; the
-- private key never enters the database). The table has had no writer before this migration, so the NOT NULL
-- columns need no default. ADD COLUMN fires no row trigger.
ALTER TABLE "AuditSnapshot" ADD COLUMN "meta" JSONB NOT NULL;
ALTER TABLE "AuditSnapshot" ADD COLUMN "digests" JSONB NOT NULL;
ALTER TABLE "AuditSnapshot" ADD COLUMN "keyId" TEXT NOT NULL;
ALTER TABLE "AuditSnapshot" ADD COLUMN "publicKeyPem" TEXT NOT NULL;
