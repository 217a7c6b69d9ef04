-- Issue 13: change records and segregation of duties, rule ownership, retention, signing-key rotation.
-- Approvals become change records (role, change reference, approve/reject, scope). Rows written before
-- this migration keep NULL role/change reference/scope and read as pre-policy approvals. ADD COLUMN fires
-- no row trigger, so the append-only table stays untouched.
ALTER TABLE "SnapshotApproval" ADD COLUMN "role" TEXT;
ALTER TABLE "SnapshotApproval" ADD COLUMN "changeRef" TEXT;
ALTER TABLE "SnapshotApproval" ADD COLUMN "decision" TEXT NOT NULL DEFAULT 'approve';
ALTER TABLE "SnapshotApproval" ADD COLUMN "scope" JSONB;
ALTER TABLE "SnapshotApproval" ADD CONSTRAINT "SnapshotApproval_decision_check" CHECK ("decision" IN ('approve', 'reject'));

-- Per estate, versioned: the approval policy and retention period in force (the latest version applies;
-- every snapshot freezes the one in force when it was sealed).
CREATE TABLE "EvidencePolicy" (
    "id" UUID NOT NULL,
    "estateId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "requiredApprovals" INTEGER NOT NULL,
    "approverRoles" "Role"[] NOT NULL,
    "allowCreatorRole" BOOLEAN NOT NULL,
    "retentionYears" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" UUID NOT NULL,
    CONSTRAINT "EvidencePolicy_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "EvidencePolicy_required_check" CHECK ("requiredApprovals" BETWEEN 1 AND 10),
    CONSTRAINT "EvidencePolicy_retention_check" CHECK ("retentionYears" BETWEEN 1 AND 100)
);
CREATE UNIQUE INDEX "EvidencePolicy_estateId_version_key" ON "EvidencePolicy"("estateId", "version");
ALTER TABLE "EvidencePolicy" ADD CONSTRAINT "EvidencePolicy_estateId_fkey" FOREIGN KEY ("estateId") REFERENCES "Estate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rule owner and business justification (PCI DSS 1.2.5), one row per edit: the history is the table.
CREATE TABLE "RuleRecordEdit" (
    "id" UUID NOT NULL,
    "estateId" UUID NOT NULL,
    "ruleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "owner" TEXT,
    "justification" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" UUID NOT NULL,
    "createdByEmail" TEXT NOT NULL,
    CONSTRAINT "RuleRecordEdit_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "RuleRecordEdit_estateId_ruleId_version_key" ON "RuleRecordEdit"("estateId", "ruleId", "version");
ALTER TABLE "RuleRecordEdit" ADD CONSTRAINT "RuleRecordEdit_estateId_fkey" FOREIGN KEY ("estateId") REFERENCES "Estate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The installation signing key's history: each record announces the new key under the old key's signature.
CREATE TABLE "SigningKeyRotation" (
    "id" UUID NOT NULL,
    "oldKeyId" TEXT NOT NULL,
    "newKeyId" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SigningKeyRotation_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SigningKeyRotation_newKeyId_key" ON "SigningKeyRotation"("newKeyId");

CREATE TRIGGER "EvidencePolicy_append_only" BEFORE UPDATE OR DELETE ON "EvidencePolicy"
  FOR EACH ROW EXECUTE FUNCTION parity_reject_mutation();
CREATE TRIGGER "EvidencePolicy_no_truncate" BEFORE TRUNCATE ON "EvidencePolicy"
  FOR EACH STATEMENT EXECUTE FUNCTION parity_reject_mutation();
CREATE TRIGGER "RuleRecordEdit_append_only" BEFORE UPDATE OR DELETE ON "RuleRecordEdit"
  FOR EACH ROW EXECUTE FUNCTION parity_reject_mutation();
CREATE TRIGGER "RuleRecordEdit_no_truncate" BEFORE TRUNCATE ON "RuleRecordEdit"
  FOR EACH STATEMENT EXECUTE FUNCTION parity_reject_mutation();
CREATE TRIGGER "SigningKeyRotation_append_only" BEFORE UPDATE OR DELETE ON "SigningKeyRotation"
  FOR EACH ROW EXECUTE FUNCTION parity_reject_mutation();
CREATE TRIGGER "SigningKeyRotation_no_truncate" BEFORE TRUNCATE ON "SigningKeyRotation"
  FOR EACH STATEMENT EXECUTE FUNCTION parity_reject_mutation();
