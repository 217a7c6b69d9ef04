/**
 * The mapping profile: every choice the translation makes that a security team may want to change, as one
 * versioned, zod-validated document (the UI edits it; the CLI reads it with --profile). Defaults follow the
 * DFW category model: Emergency / Infrastructure / Environment → AdminNetworkPolicy priority bands,
 * Application → NetworkPolicy, JUMP_TO_APPLICATION → Pass, the default rule → BaselineAdminNetworkPolicy.
 */
import { z } from "zod";

const ZBand = z
  .object({ from: z.number().int().min(0).max(999), to: z.number().int().min(0).max(999) })
  .refine((b) => b.from <= b.to, { message: "band `from` must not exceed `to`" });

const ZLogLevel = z.enum(["alert", "warning", "notice", "info", "debug"]);

export const ZMappingProfile = z.object({
  version: z.literal(1).default(1),
  /** Prefix for every label derived from NSX tags and memberships (must end with "/"). */
  labelPrefix: z
    .string()
    .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?$/, "a DNS subdomain followed by '/', or empty")
    .max(254)
    .default("nsx.parity.io/"),
  /** Prefix for annotations naming NSX provenance. */
  annotationPrefix: z.string().default("parity.io/"),
  /** Label put on every Namespace the translation creates; admin policies are scoped to it. */
  managedNamespaceLabel: z.object({ key: z.string().min(1), value: z.string() }).default({ key: "parity.io/managed", value: "true" }),
  taxonomy: z
    .object({
      /**
       * `parity` (default): Parity's own label taxonomy under `labelPrefix`. `mtv`: vCenter tags use the
       * labels the Migration Toolkit for Virtualization writes (`vsphere.forklift.konveyor.io/<tag name>` =
       * tag description, src/translate/identity/mtv-labels.ts); NSX tags, and vCenter tags whose MTV key
       * would be ambiguous, keep Parity's labels.
       */
      preset: z.enum(["parity", "mtv"]).default("parity"),
      /** MTV plan's `spec.tagMapping.labelTags` (tag names MTV turns into labels); empty = all tags (MTV's default). */
      mtvLabelTags: z.array(z.string()).default([]),
      /** Tag scopes to carry as labels; empty = every scope. Scopes a rule needs are always carried. */
      includeScopes: z.array(z.string()).default([]),
      /** Tag scope → label name (without prefix), e.g. {"env": "environment"}. */
      rename: z.record(z.string(), z.string()).default({}),
    })
    .default({ preset: "parity", mtvLabelTags: [], includeScopes: [], rename: {} }),
  namespace: z
    .object({
      /** Tag scope (vCenter category) whose value names the VM's Namespace, e.g. "app" or "env"; null = one namespace. */
      scope: z.string().nullable().default("app"),
      /** Namespace for VMs without that tag (or for every VM when scope is null). */
      fallback: z.string().default("nsx-unassigned"),
      prefix: z.string().default(""),
    })
    .default({ scope: "app", fallback: "nsx-unassigned", prefix: "" }),
  /** AdminNetworkPolicy priority band per DFW category (OVN-Kubernetes honours 0–99). */
  bands: z
    .object({ Emergency: ZBand, Infrastructure: ZBand, Environment: ZBand })
    .default({ Emergency: { from: 0, to: 9 }, Infrastructure: { from: 10, to: 59 }, Environment: { from: 60, to: 99 } }),
  limits: z
    .object({
      /** Highest ANP priority OVN-Kubernetes accepts + 1 (priorities 0–99). */
      maxAdminPolicies: z.number().int().min(1).max(1000).default(100),
      /** Rules per direction per AdminNetworkPolicy (OVN-Kubernetes). */
      anpRulesPerDirection: z.number().int().min(1).max(100).default(100),
      /** Rules per direction and peers per rule in a ClusterNetworkPolicy (v1alpha2 CRD). */
      cnpRulesPerDirection: z.number().int().min(1).max(25).default(25),
    })
    .default({ maxAdminPolicies: 100, anpRulesPerDirection: 100, cnpRulesPerDirection: 25 }),
  /** The target cluster's IP family: IPv6 rules and addresses are findings on an IPv4 cluster. */
  ipFamily: z.literal("IPv4").default("IPv4"),
  /** OVN-Kubernetes ACL log severities written to `k8s.ovn.org/acl-logging` for NSX rules with logging on. */
  logging: z.object({ allow: ZLogLevel, deny: ZLogLevel, pass: ZLogLevel }).default({ allow: "notice", deny: "alert", pass: "warning" }),
});

export type TMappingProfile = z.infer<typeof ZMappingProfile>;
export type TMappingProfileInput = z.input<typeof ZMappingProfile>;

export function defaultMappingProfile(): TMappingProfile {
  return ZMappingProfile.parse({});
}

/** Validates a (partial) profile document; defaults fill what it omits. Throws a ZodError when invalid. */
export function parseMappingProfile(input: unknown): TMappingProfile {
  return ZMappingProfile.parse(input ?? {});
}
