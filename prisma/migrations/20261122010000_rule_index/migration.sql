-- Read models precomputed when an estate version is stored, so the rules explorer and the dashboards read
-- small indexed rows instead of re-parsing the whole estate JSON on every request.

-- One row per DFW rule of one estate version, in evaluation order (category → policy → rule sequence).
CREATE TABLE "RuleRow" (
  "importId" UUID NOT NULL,
  "position" INTEGER NOT NULL,
  "category" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "disabled" BOOLEAN NOT NULL,
  "search" TEXT NOT NULL,
  "row" JSONB NOT NULL,
  CONSTRAINT "RuleRow_pkey" PRIMARY KEY ("importId", "position"),
  CONSTRAINT "RuleRow_importId_fkey" FOREIGN KEY ("importId") REFERENCES "EstateImport"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "RuleRow_importId_category_action_idx" ON "RuleRow"("importId", "category", "action");

-- Per estate version: rule counts by category and action, groups with readable expressions and members,
-- services with resolved ports, applications (by the `app` tag). What the overview and details panels need.
CREATE TABLE "ImportDigest" (
  "importId" UUID NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "summary" JSONB NOT NULL,
  "groups" JSONB NOT NULL,
  CONSTRAINT "ImportDigest_pkey" PRIMARY KEY ("importId"),
  CONSTRAINT "ImportDigest_importId_fkey" FOREIGN KEY ("importId") REFERENCES "EstateImport"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
