/** Public API of src/translate (the server, the UI and the CLI call these). */
export {
  translateEstate,
  TranslationError,
  type ApiVersion,
  type TranslateOptions,
  type TranslationResult,
  type TranslationSummary,
} from "./translate-estate.ts";
export {
  verifyOwnTranslation,
  verifyTranslation,
  type FlowDifference,
  type ManifestInput,
  type VerificationResult,
  type VerifyOptions,
} from "./round-trip.ts";
export type { PlacedObject } from "./read-back.ts";
export {
  ZMappingProfile,
  defaultMappingProfile,
  parseMappingProfile,
  type TMappingProfile,
  type TMappingProfileInput,
} from "./profile/mapping-profile.ts";
export { ZFinding, ZFlowSet, ZSeverity, type TFinding, type TFlowSet, type TSeverity } from "./findings/finding.ts";
export { FINDING_CATALOGUE, type FindingCode } from "./findings/catalogue.ts";
export type { K8sObject } from "./emit/yaml-document.ts";
