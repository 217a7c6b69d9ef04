-- Audit evidence and the activity log are append-only at the database level: no role used by the
-- application (nor a careless operator) can rewrite history through UPDATE or DELETE.
CREATE OR REPLACE FUNCTION parity_reject_mutation() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditSnapshot_append_only" BEFORE UPDATE OR DELETE ON "AuditSnapshot"
  FOR EACH ROW EXECUTE FUNCTION parity_reject_mutation();
CREATE TRIGGER "AuditSnapshot_no_truncate" BEFORE TRUNCATE ON "AuditSnapshot"
  FOR EACH STATEMENT EXECUTE FUNCTION parity_reject_mutation();

CREATE TRIGGER "SnapshotApproval_append_only" BEFORE UPDATE OR DELETE ON "SnapshotApproval"
  FOR EACH ROW EXECUTE FUNCTION parity_reject_mutation();
CREATE TRIGGER "SnapshotApproval_no_truncate" BEFORE TRUNCATE ON "SnapshotApproval"
  FOR EACH STATEMENT EXECUTE FUNCTION parity_reject_mutation();

CREATE TRIGGER "ActivityLog_append_only" BEFORE UPDATE OR DELETE ON "ActivityLog"
  FOR EACH ROW EXECUTE FUNCTION parity_reject_mutation();
CREATE TRIGGER "ActivityLog_no_truncate" BEFORE TRUNCATE ON "ActivityLog"
  FOR EACH STATEMENT EXECUTE FUNCTION parity_reject_mutation();
