/**
 * Shared shapes of the import pipeline: inputs, errors, findings and the result.
 * Kept apart from the NSX model (src/policy/nsx/model.ts) because they describe the import, not the estate.
 */
import type { NsxEstate } from "../policy/index.ts";

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/** One problem that makes the import fail: file name plus JSON pointer or `line L, column C`. */
export interface ImportError {
  file: string;
  where: string;
  message: string;
}

export type UnresolvedKind =
  | "group" // rule or applied-to names a group path that no file defines
  | "service" // rule names a service path that is neither exported nor built in
  | "groupMember" // group PathExpression names a path that is not known
  | "tagTarget" // vCenter tag attached to an object that is not a known VM
  | "tag" // tag id that no tag listing names
  | "vcenterObject" // vCenter / RVTools VM not matched to an NSX VM
  | "vif"; // NSX VIF whose owner VM is not in the inventory

/** A reference that did not resolve: the import still succeeds, the report says what and why. */
export interface Unresolved {
  kind: UnresolvedKind;
  ref: string;
  file: string;
  where: string;
  reason: string;
}

export type WarningCode =
  | "alg" // ALG service: resolved to its ports, but the ALG's dynamic data channel is outside the model
  | "identityGroup" // IdentityGroupExpression needs AD identity data: matches nothing
  | "ethernet" // Ethernet-category rule or layer-2 section: outside the L3 model
  | "l7Profile" // context profile (App-ID/FQDN) on a rule: outside the L3/L4 model
  | "memberType" // Condition on a member type the inventory carries no data for
  | "disabled" // informational: disabled rules are imported but never match
  | "defaultRule" // how the default layer-3 rule was interpreted
  | "ignored" // a field or object that is read but has no meaning in the model
  | "builtInService"; // a rule referenced an NSX built-in service that the export omitted

export interface ImportWarning {
  code: WarningCode;
  file: string;
  where: string;
  message: string;
}

export type DetectedFormat =
  | "nsx-t-hierarchical"
  | "nsx-t-flat-list"
  | "nsx-collector"
  | "nsx-v-firewall-xml"
  | "csv-rules"
  | "nsx-fabric-vms"
  | "nsx-fabric-vifs"
  | "rvtools-vinfo"
  | "rvtools-vnetwork"
  | "rvtools-xlsx"
  | "vsphere-vm-list"
  | "vsphere-tag-list"
  | "vsphere-category-list"
  | "vsphere-attached-tags-on-objects"
  | "vsphere-attached-objects-on-tags"
  | "vsphere-tag-associations"
  | "powercli-tag-assignment"
  | "govc-tags-attached";

export interface ProvenanceRecord {
  /** Name as uploaded; entries of a ZIP are named `archive.zip!/inner/path.json`. */
  name: string;
  /** `unrecognised` when the content matched no reader (the file's errors say why). */
  format: DetectedFormat | "zip" | "unrecognised";
  sha256: string;
  size: number;
  counts: Partial<ImportCounts>;
}

export interface ImportCounts {
  policies: number;
  rules: number;
  groups: number;
  services: number;
  vms: number;
  tags: number;
  segments: number;
}

export interface ImportProgress {
  phase: "unpack" | "parse" | "resolve";
  bytesDone: number;
  bytesTotal: number;
  objects: number;
  file?: string;
}

export interface ImportLimits {
  /** Largest single uploaded file or ZIP, in bytes. */
  maxUploadBytes: number;
  /** Most entries one ZIP may hold (directories included). */
  maxZipEntries: number;
  /** Largest total uncompressed size of all entries of one ZIP. */
  maxZipTotalBytes: number;
  /** Largest ratio uncompressed/compressed of one entry (zip-bomb guard). */
  maxExpansionRatio: number;
}

export interface ImportOptions {
  /** Estate name; defaults to the first file's name. */
  name?: string;
  limits?: Partial<ImportLimits>;
}

export interface ImportReport {
  counts: ImportCounts;
  /** Services resolved from NSX's built-in catalogue because the export did not carry them. */
  builtInServicesUsed: string[];
  unresolved: Unresolved[];
  warnings: ImportWarning[];
  errors: ImportError[];
  files: ProvenanceRecord[];
  defaultAction: NsxEstate["defaultAction"];
}

export type ImportResult =
  | { ok: true; estate: NsxEstate; provenance: ProvenanceRecord[]; report: ImportReport }
  | { ok: false; errors: ImportError[]; provenance: ProvenanceRecord[]; report: ImportReport };
