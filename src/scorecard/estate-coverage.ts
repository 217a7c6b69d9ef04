/**
 * Criteria computed from the bank's own estate: the share of enabled DFW rules each platform can express
 * without loss, the Azure NSG rule explosion, and translation findings by severity.
 *
 * OVE is judged from the translation's findings (a rule with an error-level finding is not expressible).
 * Without a translation, a rule-feature estimate is used and labelled as such: it counts only features
 * NetworkPolicy/ANP provably cannot express (rule-features.ts), so it is an upper bound on OVE's coverage.
 */
import { z } from "zod";
import type { NsxEstate } from "../policy/index.ts";
import type { TPlatformId } from "./platforms.ts";
import { flattenForAzureNsg, type TAzureFlattening, type TAzureNsgLimits, type TGroupMembership } from "./azure-nsg-flattening.ts";
import { kubernetesLosses, nsgLosses, type TRuleLoss } from "./rule-features.ts";

export const ZTranslationFinding = z.object({
  ruleId: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  kind: z.string(),
});
export type TTranslationFinding = z.infer<typeof ZTranslationFinding>;

export type TCoverageBasis = "baseline" | "translation-findings" | "rule-feature-estimate" | "nsg-model" | "provider-managed-nsx";

export interface TLossyRule {
  ruleId: string;
  reasons: string[];
}

export interface TPlatformCoverage {
  platform: TPlatformId;
  basis: TCoverageBasis;
  /** Human-readable label of the basis, e.g. "ESTIMATE from rule features (no translation given)". */
  basisLabel: string;
  rules: number;
  expressible: number;
  /** expressible / rules (1 when the estate has no enabled rules). */
  share: number;
  /** 5 × share: the value of the estate-coverage criterion. */
  score: number;
  lossyRules: TLossyRule[];
  /** Set when the platform cannot carry the estate at all (Azure: NSG capacity). */
  knockOut?: string;
  notes: string[];
}

export interface TEstateCoverage {
  estate: string;
  enabledRules: number;
  disabledRules: number;
  platforms: TPlatformCoverage[];
  azure: TAzureFlattening;
  /** Translation findings by severity (empty when no translation was given). */
  findingsBySeverity: Record<string, number>;
  translationGiven: boolean;
}

export interface EstateCoverageOptions {
  membership?: TGroupMembership;
  azureLimits?: Partial<TAzureNsgLimits>;
}

function enabledRules(estate: NsxEstate) {
  return estate.policies.flatMap((policy) => policy.rules.filter((r) => !r.disabled).map((rule) => ({ policy, rule })));
}

const share = (expressible: number, total: number) => (total === 0 ? 1 : expressible / total);
const describe = (l: TRuleLoss) => `${l.kind}: ${l.detail}`;

export function estateCoverage(
  estate: NsxEstate,
  translationFindings?: TTranslationFinding[],
  options: EstateCoverageOptions = {},
): TEstateCoverage {
  const rules = enabledRules(estate);
  const total = rules.length;
  const disabled = estate.policies.reduce((n, p) => n + p.rules.filter((r) => r.disabled).length, 0);

  const nsx: TPlatformCoverage = {
    platform: "vmware-nsx",
    basis: "baseline",
    basisLabel: "Baseline: the rules are NSX DFW rules",
    rules: total,
    expressible: total,
    share: 1,
    score: 5,
    lossyRules: [],
    notes: [],
  };

  let ove: TPlatformCoverage;
  const findingsBySeverity: Record<string, number> = {};
  if (translationFindings) {
    const findings = z.array(ZTranslationFinding).parse(translationFindings);
    for (const f of findings) findingsBySeverity[f.severity] = (findingsBySeverity[f.severity] ?? 0) + 1;
    const errors = new Map<string, string[]>();
    for (const f of findings) if (f.severity === "error") errors.set(f.ruleId, [...(errors.get(f.ruleId) ?? []), f.kind]);
    const lossyRules = rules
      .filter(({ rule }) => errors.has(rule.id))
      .map(({ rule }) => ({ ruleId: rule.id, reasons: errors.get(rule.id) ?? [] }));
    const expressible = total - lossyRules.length;
    ove = {
      platform: "ove",
      basis: "translation-findings",
      basisLabel: "From the translation's findings (rules with an error-level finding are not expressible)",
      rules: total,
      expressible,
      share: share(expressible, total),
      score: 5 * share(expressible, total),
      lossyRules,
      notes: [],
    };
  } else {
    const lossyRules = rules
      .map(({ policy, rule }) => ({ ruleId: rule.id, reasons: kubernetesLosses(rule, policy, estate).map(describe) }))
      .filter((r) => r.reasons.length > 0);
    const expressible = total - lossyRules.length;
    ove = {
      platform: "ove",
      basis: "rule-feature-estimate",
      basisLabel: "ESTIMATE from rule features (no translation given): an upper bound, OVE coverage needs a translation",
      rules: total,
      expressible,
      share: share(expressible, total),
      score: 5 * share(expressible, total),
      lossyRules,
      notes: [
        "OVE coverage needs a translation; until one is given this counts only rules with features NetworkPolicy/AdminNetworkPolicy cannot express (Ethernet category, L7/FQDN profiles, REJECT, ICMP/IGMP/ALG/EtherType/other IP protocols, source ports, negated peers, AD identity groups).",
      ],
    };
  }

  const azure = flattenForAzureNsg(estate, { membership: options.membership, limits: options.azureLimits });
  const azureLossy = rules
    .map(({ policy, rule }) => ({ ruleId: rule.id, reasons: nsgLosses(rule, policy, estate).map(describe) }))
    .filter((r) => r.reasons.length > 0);
  const azureExpressible = total - azureLossy.length;
  const bound = azure.exact ? "" : " at least";
  const azureCov: TPlatformCoverage = {
    platform: "azure-local",
    basis: "nsg-model",
    basisLabel: "NSG model: address prefixes only, groups flattened to member IPs",
    rules: total,
    expressible: azureExpressible,
    share: share(azureExpressible, total),
    score: 5 * share(azureExpressible, total),
    lossyRules: azureLossy,
    knockOut: azure.fits
      ? undefined
      : `The IP-flattened rule set needs${bound} ${azure.inbound} inbound / ${azure.outbound} outbound NSG rules; one NSG holds ${azure.capacityPerDirection} per direction.`,
    notes: [
      `Flattened:${bound} ${azure.inbound} inbound + ${azure.outbound} outbound NSG rules from ${azure.enabledRules} enabled DFW rules (explosion factor ${azure.explosionFactor.toFixed(2)}).`,
      "No tag-based groups: membership is frozen to the addresses at export time; every VM move or new VM means regenerating rules.",
      ...(azure.exact
        ? []
        : [
            `Membership unknown for ${azure.unresolvedGroups.length} group(s) (${azure.unresolvedGroups
              .map((g) => g.split("/").pop())
              .slice(0, 5)
              .join(
                ", ",
              )}${azure.unresolvedGroups.length > 5 ? ", …" : ""}: members with no address form such as AD identities or MACs, or membership not given): counts are lower bounds.`,
          ]),
    ],
  };

  const esc: TPlatformCoverage = {
    platform: "swisscom-esc",
    basis: "provider-managed-nsx",
    basisLabel: "Provider-managed NSX: the same DFW model, operated by Swisscom",
    rules: total,
    expressible: total,
    share: 1,
    score: 5,
    lossyRules: [],
    notes: [
      "All rules are expressible in the DFW model ESC runs (networking-foundations.txt, comparison table, East-West firewalling), but the customer's control is limited: rules are defined through Swisscom's service portal with limited granularity, and whether every DFW feature (L7 profiles, Ethernet rules, custom tag groups) is offered there is not documented (routing-and-security.txt, comparison table, Micro-segmentation).",
    ],
  };

  return {
    estate: estate.name,
    enabledRules: total,
    disabledRules: disabled,
    platforms: [nsx, ove, azureCov, esc],
    azure,
    findingsBySeverity,
    translationGiven: translationFindings !== undefined,
  };
}
