/**
 * Merging the fragments of every file into one estate: objects keyed by path (the same object in two
 * pages or files must be identical), detached rules attached to their policies, VIF addresses to VMs,
 * vCenter records joined to NSX VMs (instance UUID, then moref, then unique name), vCenter tags to VMs
 * (category → scope). Everything that cannot be joined is reported, never dropped silently.
 */
import {
  NSX_CATEGORIES,
  type NsxEstate,
  type NsxGroup,
  type NsxPolicy,
  type NsxSegment,
  type NsxService,
  type NsxTag,
  type NsxVm,
  type SourceRef,
} from "../policy/index.ts";
import type { EstateFragment, VcenterVmRecord } from "./fragment.ts";
import { defaultRuleOf } from "./nsx-t/default-rule.ts";
import type { ImportError, ImportWarning, Unresolved } from "./types.ts";

export interface MergeOutcome {
  estate: NsxEstate;
  errors: ImportError[];
  warnings: ImportWarning[];
  unresolved: Unresolved[];
}

/** Content comparison that ignores where an object was read from. */
function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, (k, v) => (k === "source" ? undefined : v)) === JSON.stringify(b, (k, v) => (k === "source" ? undefined : v));
}

function at(source: SourceRef | undefined): { file: string; where: string } {
  return { file: source?.file ?? "?", where: source?.where ?? "/" };
}

class Keyed<T extends { source?: SourceRef }> {
  readonly byKey = new Map<string, T>();

  constructor(
    private readonly kind: string,
    private readonly errors: ImportError[],
  ) {}

  add(key: string, value: T): boolean {
    const existing = this.byKey.get(key);
    if (!existing) {
      this.byKey.set(key, value);
      return true;
    }
    if (!sameContent(existing, value)) {
      const first = at(existing.source);
      this.errors.push({
        ...at(value.source),
        message: `${this.kind} ${key} is defined twice with different content (first at ${first.file} ${first.where})`,
      });
    }
    return false;
  }
}

function addTag(vm: NsxVm, tag: NsxTag): void {
  const existing = vm.tags.find((t) => t.scope === tag.scope && t.tag === tag.tag);
  if (!existing) vm.tags.push(tag);
  // The same scope|tag from NSX and from vCenter is one tag; remember that vCenter has it too.
  else if (tag.vcenter && !existing.vcenter) existing.vcenter = tag.vcenter;
}

function addAll(into: string[], values: string[]): void {
  for (const v of values) if (!into.includes(v)) into.push(v);
}

/** One vCenter VM from several rows/files (vInfo + vNetwork + VM list), keyed by its strongest identity. */
function coalesceVcenterVms(records: VcenterVmRecord[]): VcenterVmRecord[] {
  const byKey = new Map<string, VcenterVmRecord>();
  const out: VcenterVmRecord[] = [];
  for (const record of records) {
    const keys = [
      record.instanceUuid && `uuid:${record.instanceUuid}`,
      record.moref && `moref:${record.moref}`,
      `name:${record.name}`,
    ].filter(Boolean) as string[];
    const existing = keys.map((k) => byKey.get(k)).find(Boolean);
    if (existing) {
      existing.moref ??= record.moref;
      existing.instanceUuid ??= record.instanceUuid;
      existing.biosUuid ??= record.biosUuid;
      existing.osName ??= record.osName;
      existing.computerName ??= record.computerName;
      addAll(existing.ips, record.ips);
      addAll(existing.macs, record.macs);
      for (const k of keys) byKey.set(k, existing);
    } else {
      const copy = { ...record, ips: [...record.ips], macs: [...record.macs] };
      out.push(copy);
      for (const k of keys) byKey.set(k, copy);
    }
  }
  return out;
}

const CATEGORY_ORDER = new Map(NSX_CATEGORIES.map((c, i) => [c, i]));

export function mergeFragments(name: string, fragments: EstateFragment[]): MergeOutcome {
  const errors: ImportError[] = [];
  const warnings: ImportWarning[] = [];
  const unresolved: Unresolved[] = [];
  const policies = new Keyed<NsxPolicy>("security policy", errors);
  const groups = new Keyed<NsxGroup>("group", errors);
  const services = new Keyed<NsxService>("service", errors);
  const segments = new Keyed<NsxSegment>("segment", errors);
  const vms = new Keyed<NsxVm>("VM", errors);
  let defaultRule: EstateFragment["defaultRule"];

  for (const f of fragments) {
    warnings.push(...f.warnings);
    unresolved.push(...f.unresolved);
    // Only a policy path identifies a policy across files; path-less ones (collector, CSV, NSX-V) stay distinct.
    f.policies.forEach((p, i) => policies.add(p.path ?? `${f.file}#${i}`, p));
    for (const g of f.groups) groups.add(g.path, g);
    for (const s of f.services) services.add(s.path, s);
    for (const s of f.segments) segments.add(s.path, s);
    for (const v of f.vms) vms.add(v.id, v);
    if (f.defaultRule) {
      if (defaultRule && defaultRule.action !== f.defaultRule.action) {
        errors.push({
          ...at(f.defaultRule.source),
          message: `default rule says ${f.defaultRule.action}, but ${defaultRule.source.file} says ${defaultRule.action}`,
        });
      }
      defaultRule ??= f.defaultRule;
    }
  }

  // Rules exported apart from their policies (flat rule lists) join the policy named by parent_path.
  for (const f of fragments) {
    for (const { parentPath, rule } of f.detachedRules) {
      const policy = policies.byKey.get(parentPath);
      if (!policy) {
        errors.push({
          ...at(rule.source),
          message: `rule ${rule.name} belongs to security policy ${parentPath}, which no file defines (its category and order are unknown)`,
        });
        continue;
      }
      const same = policy.rules.find((r) => (r.path ?? r.id) === (rule.path ?? rule.id));
      if (!same) policy.rules.push(rule);
      else if (!sameContent(same, rule))
        errors.push({
          ...at(rule.source),
          message: `rule ${rule.path ?? rule.id} is defined twice with different content (first at ${at(same.source).file} ${at(same.source).where})`,
        });
    }
  }
  // A default section whose rule came in a separate rule list is recognised only now: lift it like the
  // hierarchical export's, so both formats of one estate give the same policies, rules and default action.
  for (const [key, policy] of policies.byKey) {
    const lifted = defaultRuleOf(policy, policy.source ?? { file: fragments[0]?.file ?? "?", where: "/" });
    if (!lifted) continue;
    if (defaultRule && defaultRule.action !== lifted.action)
      errors.push({
        ...at(lifted.source),
        message: `default rule says ${lifted.action}, but ${defaultRule.source.file} says ${defaultRule.action}`,
      });
    defaultRule ??= lifted;
    policies.byKey.delete(key);
  }
  const policyList = [...policies.byKey.values()];
  for (const p of policyList) p.rules.sort((a, b) => a.sequenceNumber - b.sequenceNumber);
  policyList.sort((a, b) => CATEGORY_ORDER.get(a.category)! - CATEGORY_ORDER.get(b.category)! || a.sequenceNumber - b.sequenceNumber);

  // NSX fabric VIFs carry the VMs' addresses.
  const vmList = [...vms.byKey.values()];
  for (const f of fragments) {
    for (const vif of f.vifs) {
      const vm = vms.byKey.get(vif.ownerVmId);
      if (!vm) {
        unresolved.push({ kind: "vif", ref: vif.ownerVmId, ...at(vif.source), reason: "VIF owner VM is not in the NSX VM inventory" });
        continue;
      }
      addAll(vm.ips, vif.ips);
      if (vif.macs.length > 0) addAll((vm.macs ??= []), vif.macs);
    }
  }

  // vCenter / RVTools VMs: join to NSX VMs, or become the inventory when no NSX inventory was uploaded.
  const vcenterVms = coalesceVcenterVms(fragments.flatMap((f) => f.vcenterVms));
  const byUuid = new Map<string, NsxVm>();
  const byName = new Map<string, NsxVm | null>();
  for (const vm of vmList) {
    byUuid.set(vm.id.toLowerCase(), vm);
    if (vm.instanceUuid) byUuid.set(vm.instanceUuid.toLowerCase(), vm);
    byName.set(vm.name, byName.has(vm.name) ? null : vm);
  }
  const nsxInventory = vmList.length > 0;
  const byMoref = new Map<string, NsxVm>();
  for (const record of vcenterVms) {
    let vm = record.instanceUuid ? byUuid.get(record.instanceUuid.toLowerCase()) : undefined;
    vm ??= byName.get(record.name) ?? undefined;
    if (!vm && nsxInventory) {
      const ambiguous = byName.get(record.name) === null;
      unresolved.push({
        kind: "vcenterObject",
        ref: record.moref ?? record.name,
        ...at(record.source),
        reason: ambiguous
          ? `several NSX VMs are named ${record.name}`
          : `no NSX VM with instance UUID ${record.instanceUuid ?? "(none)"} or name ${record.name}`,
      });
      continue;
    }
    if (!vm) {
      vm = { id: record.instanceUuid ?? record.moref ?? record.name, name: record.name, ips: [], tags: [], source: record.source };
      if (!vms.add(vm.id, vm)) continue;
      vmList.push(vm);
      byName.set(vm.name, byName.has(vm.name) ? null : vm);
    }
    if (record.moref) {
      vm.moref ??= record.moref;
      byMoref.set(record.moref, vm);
    }
    if (record.instanceUuid) vm.instanceUuid ??= record.instanceUuid;
    if (record.osName) vm.osName ??= record.osName;
    if (record.computerName) vm.computerName ??= record.computerName;
    addAll(vm.ips, record.ips);
    if (record.macs.length > 0) addAll((vm.macs ??= []), record.macs);
  }

  // vCenter tags: tag id → (category, name); object → VM by moref, then by unique name.
  const tagById = new Map<string, { name: string; categoryId: string; description?: string }>();
  const categoryById = new Map<string, string>();
  for (const f of fragments) {
    for (const t of f.tagDefinitions) tagById.set(t.id, t);
    for (const c of f.categoryDefinitions) categoryById.set(c.id, c.name);
  }
  for (const f of fragments) {
    for (const attachment of f.tagAttachments) {
      let tag = attachment.tag;
      if (!tag && attachment.tagId) {
        const definition = tagById.get(attachment.tagId);
        const category = definition ? categoryById.get(definition.categoryId) : undefined;
        if (!definition || category === undefined) {
          unresolved.push({
            kind: "tag",
            ref: attachment.tagId,
            ...at(attachment.source),
            reason: definition
              ? `category ${definition.categoryId} is not in any category listing`
              : "tag id is not in any tag listing (upload the tag and category listings)",
          });
          continue;
        }
        tag = { scope: category, tag: definition.name };
        if (definition.description !== undefined) tag.vcenter = { description: definition.description };
      }
      if (!tag) continue;
      // Every attachment here comes from a vCenter export (tagging API, PowerCLI, govc).
      tag = { ...tag, vcenter: tag.vcenter ?? {} };
      const { moref, name: objectName } = attachment.object;
      const vm = (moref ? byMoref.get(moref) : undefined) ?? (objectName ? (byName.get(objectName) ?? undefined) : undefined);
      if (!vm) {
        unresolved.push({
          kind: "tagTarget",
          ref: moref ?? objectName ?? "?",
          ...at(attachment.source),
          reason: `tag ${tag.scope}/${tag.tag} is attached to a VM that is not in the inventory${moref && !objectName ? " (no VM with this moref; upload the vCenter VM list or RVTools)" : ""}`,
        });
        continue;
      }
      addTag(vm, tag);
    }
  }

  if (!defaultRule && policyList.length > 0) {
    warnings.push({
      code: "defaultRule",
      file: fragments[0]?.file ?? "?",
      where: "/",
      message: "no default layer-3 rule in the upload: NSX's factory default (ALLOW) is assumed",
    });
  }
  const estate: NsxEstate = {
    name,
    vms: vmList,
    segments: [...segments.byKey.values()],
    groups: [...groups.byKey.values()],
    services: [...services.byKey.values()],
    policies: policyList,
    defaultAction: defaultRule?.action ?? "ALLOW",
  };
  if (defaultRule) estate.defaultRuleId = defaultRule.id;
  return { estate, errors, warnings, unresolved };
}
