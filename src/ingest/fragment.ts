/**
 * What one file contributes before the files are merged: estate objects plus the raw inventory and tag
 * records that are only joined once every file is read (a tag file may come before the VM list).
 */
import type { NsxGroup, NsxPolicy, NsxRule, NsxSegment, NsxService, NsxTag, NsxVm, SourceRef } from "../policy/index.ts";
import type { ImportError, ImportWarning, Unresolved } from "./types.ts";

/** A rule exported apart from its policy (flat rule lists): attached by `parentPath` on merge. */
export interface DetachedRule {
  parentPath: string;
  rule: NsxRule;
}

/** NSX fabric VIF: the vNIC of a VM, carrying its addresses. */
export interface VifRecord {
  ownerVmId: string;
  ips: string[];
  macs: string[];
  segmentPath?: string;
  source: SourceRef;
}

/** A VM as vCenter (or RVTools) knows it: the identities used to join it to an NSX VM. */
export interface VcenterVmRecord {
  name: string;
  moref?: string;
  instanceUuid?: string;
  biosUuid?: string;
  ips: string[];
  macs: string[];
  osName?: string;
  computerName?: string;
  source: SourceRef;
}

/** Which vCenter object a tag is attached to; any one identity is enough. */
export interface VcenterObjectRef {
  type: string;
  moref?: string;
  name?: string;
}

/** A tag attachment; the tag is known by id (vSphere API) or already by category and name (PowerCLI). */
export interface TagAttachment {
  object: VcenterObjectRef;
  tagId?: string;
  tag?: NsxTag;
  source: SourceRef;
}

export interface TagDefinition {
  id: string;
  name: string;
  categoryId: string;
  description?: string;
  source: SourceRef;
}

export interface CategoryDefinition {
  id: string;
  name: string;
  source: SourceRef;
}

export class EstateFragment {
  readonly policies: NsxPolicy[] = [];
  readonly detachedRules: DetachedRule[] = [];
  readonly groups: NsxGroup[] = [];
  readonly services: NsxService[] = [];
  readonly vms: NsxVm[] = [];
  readonly segments: NsxSegment[] = [];
  readonly vifs: VifRecord[] = [];
  readonly vcenterVms: VcenterVmRecord[] = [];
  readonly tagAttachments: TagAttachment[] = [];
  readonly tagDefinitions: TagDefinition[] = [];
  readonly categoryDefinitions: CategoryDefinition[] = [];
  readonly errors: ImportError[] = [];
  readonly warnings: ImportWarning[] = [];
  readonly unresolved: Unresolved[] = [];
  /** Default layer-3 rule when the export carries it (NSX-T default-layer3-section, NSX-V default section). */
  defaultRule?: { action: "ALLOW" | "DROP" | "REJECT"; id: string; source: SourceRef };

  constructor(readonly file: string) {}

  error(where: string, message: string): void {
    this.errors.push({ file: this.file, where: where === "" ? "/" : where, message });
  }

  warn(code: ImportWarning["code"], where: string, message: string): void {
    this.warnings.push({ code, file: this.file, where: where === "" ? "/" : where, message });
  }

  ref(where: string): SourceRef {
    return { file: this.file, where };
  }

  /** Objects read so far, for progress reports and provenance counts. */
  objectCount(): number {
    return (
      this.policies.length +
      this.policies.reduce((n, p) => n + p.rules.length, 0) +
      this.detachedRules.length +
      this.groups.length +
      this.services.length +
      this.vms.length +
      this.segments.length +
      this.vifs.length +
      this.vcenterVms.length +
      this.tagAttachments.length +
      this.tagDefinitions.length +
      this.categoryDefinitions.length
    );
  }
}
