/** Public API of the audit library (pure: bytes in, bytes out). See README.md in this folder. */
export { buildSnapshot, partFiles, rootOf, snapshotStatement, SNAPSHOT_PREDICATE_TYPE, MERKLE_SCHEME } from "./snapshot.ts";
export type { TSealedSnapshot, TSnapshotPredicate } from "./snapshot.ts";
export * from "./snapshot-model.ts";
export { approveSnapshot, verifyApproval, approvalFromEnvelope, sameUser, APPROVAL_PAYLOAD_TYPE, ZApproval } from "./approval.ts";
export type { TApproval, TSignedApproval, TApprovalCheck } from "./approval.ts";
export { ApprovalByCreatorError, SnapshotValidationError } from "./errors.ts";
export { verifyChain } from "./chain.ts";
export type { TChainResult, TChainBreak, TChainOptions } from "./chain.ts";
export { createBundle, BUNDLE_FILES, BUNDLE_PREDICATE_TYPE } from "./bundle.ts";
export { verifyBundle } from "./verify.ts";
export type { TBundleVerification } from "./verify.ts";
export { verifySealedSnapshot, verifySnapshotFiles } from "./verify-snapshot.ts";
export type { TVerifyOptions, TSnapshotVerification } from "./verify-snapshot.ts";
export type { TCheck, TVerifyResult } from "./check.ts";
export {
  generateKeyPair,
  keyPairFromSeed,
  importPrivateKeyPem,
  importPublicKeyPem,
  privateKeyToPem,
  publicKeyToPem,
  keyIdOf,
  fingerprintOf,
  KeyFormatError,
} from "./keys.ts";
export { signerFromKeyPair, signerFromPrivateKeyPem, verifyEd25519 } from "./signer.ts";
export type { TSigner } from "./signer.ts";
export { pae, signEnvelope, verifyEnvelope, ZDsseEnvelope } from "./dsse.ts";
export type { TDsseEnvelope } from "./dsse.ts";
export { merkleRoot, inclusionProof, verifyInclusion } from "./merkle.ts";
export { canonicalJson, canonicalBytes } from "./canonical-json.ts";
export { diffSnapshots, diffRules, diffConnections } from "./semantic-diff.ts";
export type { TSemanticDiff, TConnection } from "./semantic-diff.ts";
export { CONTROLS, FRAMEWORKS, controlLabel } from "./controls/catalogue.ts";
export type { TControl } from "./controls/catalogue.ts";
export {
  verdictOf,
  verdictJson,
  countsOfCheck,
  countsOfStoredVerification,
  countsOfRoundTrip,
  countsOfRoundTripSummary,
  countsOfEquivalencePart,
} from "./verdict.ts";
export type { TVerdict, TVerdictKind, TVerdictCounts } from "./verdict.ts";
export { reportFiles, REPORT_FILES } from "./report/report-files.ts";
export { controlsForSection, controlsForFinding, findingKind, REPORT_SECTIONS } from "./controls/tagging.ts";
export { ruleRows, rulesToCsv, rulesToXlsx } from "./export/rules-table.ts";
export { escapeCell } from "./export/formula-escape.ts";
