-- Scorecard versions are history: each edit appends a new version with who and when; an existing version
-- is never rewritten. (DELETE stays possible only through the estate's cascade.)
CREATE TRIGGER "ScorecardVersion_no_update" BEFORE UPDATE ON "ScorecardVersion"
  FOR EACH ROW EXECUTE FUNCTION parity_reject_mutation();
