-- Audit snapshots and approvals are append-only (issue 7; FINMA 2023/1 critical data, PCI DSS 1.2.8).
-- Include this file in the migration that creates the tables. It assumes tables named
-- "AuditSnapshot" and "AuditApproval" (Prisma's default quoting of the model names); adjust the two
-- CREATE TRIGGER lines if the models are named differently.
--
-- Why a trigger and not only GRANTs: the application role owns its tables and could otherwise UPDATE
-- or DELETE them; a trigger fires for every role, including the owner. TRUNCATE does not fire row
-- triggers, so a statement-level BEFORE TRUNCATE trigger closes that path too. Only a superuser who
-- disables triggers (ALTER TABLE ... DISABLE TRIGGER) can bypass this, and the hash chain, verified on
-- every read, still detects any change made that way.

CREATE OR REPLACE FUNCTION parity_audit_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit records are immutable: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'create a new snapshot (it chains to the previous one) or append an approval instead';
END;
$$;

DROP TRIGGER IF EXISTS audit_snapshot_immutable ON "AuditSnapshot";
CREATE TRIGGER audit_snapshot_immutable
  BEFORE UPDATE OR DELETE ON "AuditSnapshot"
  FOR EACH ROW EXECUTE FUNCTION parity_audit_reject_change();

DROP TRIGGER IF EXISTS audit_snapshot_no_truncate ON "AuditSnapshot";
CREATE TRIGGER audit_snapshot_no_truncate
  BEFORE TRUNCATE ON "AuditSnapshot"
  FOR EACH STATEMENT EXECUTE FUNCTION parity_audit_reject_change();

DROP TRIGGER IF EXISTS audit_approval_immutable ON "AuditApproval";
CREATE TRIGGER audit_approval_immutable
  BEFORE UPDATE OR DELETE ON "AuditApproval"
  FOR EACH ROW EXECUTE FUNCTION parity_audit_reject_change();

DROP TRIGGER IF EXISTS audit_approval_no_truncate ON "AuditApproval";
CREATE TRIGGER audit_approval_no_truncate
  BEFORE TRUNCATE ON "AuditApproval"
  FOR EACH STATEMENT EXECUTE FUNCTION parity_audit_reject_change();
