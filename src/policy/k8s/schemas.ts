/**
 * zod schemas for the Kubernetes objects the engine reads. Loose objects: unknown fields are kept and
 * ignored, so real cluster exports (status, managedFields, ...) validate.
 */
import { z } from "zod";

export const ZLabels = z.record(z.string(), z.string().or(z.number()).or(z.boolean()).transform(String));

export const ZLabelSelector = z.looseObject({
  matchLabels: ZLabels.nullish(),
  matchExpressions: z
    .array(
      z.looseObject({
        key: z.string(),
        operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist"]),
        values: z.array(z.string()).nullish(),
      }),
    )
    .nullish(),
});
export type TLabelSelector = z.infer<typeof ZLabelSelector>;

export const ZObjectMeta = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().nullish(),
  labels: ZLabels.nullish(),
  ownerReferences: z.array(z.looseObject({ kind: z.string().nullish(), name: z.string(), controller: z.boolean().nullish() })).nullish(),
});

const ZProtocol = z.enum(["TCP", "UDP", "SCTP"]);
const ZPortNumber = z.number().int().min(0).max(65535);

export const ZContainerPort = z.looseObject({
  name: z.string().nullish(),
  /** Required by the API; a port without a number cannot be resolved by name and is skipped. */
  containerPort: ZPortNumber.nullish(),
  protocol: ZProtocol.nullish(),
});
export const ZPodSpec = z.looseObject({
  containers: z.array(z.looseObject({ ports: z.array(ZContainerPort).nullish() })).nullish(),
  initContainers: z.array(z.looseObject({ ports: z.array(ZContainerPort).nullish() })).nullish(),
});
export const ZPodTemplate = z.looseObject({
  metadata: z.looseObject({ labels: ZLabels.nullish() }).nullish(),
  spec: ZPodSpec.nullish(),
});

export const ZPod = z.looseObject({ metadata: ZObjectMeta, spec: ZPodSpec.nullish() });
export const ZWorkload = z.looseObject({ metadata: ZObjectMeta, spec: z.looseObject({ template: ZPodTemplate.nullish() }).nullish() });
export const ZCronJob = z.looseObject({
  metadata: ZObjectMeta,
  spec: z.looseObject({ jobTemplate: z.looseObject({ spec: z.looseObject({ template: ZPodTemplate.nullish() }).nullish() }) }),
});

const ZVmInterfacePort = z.looseObject({ name: z.string().nullish(), port: ZPortNumber, protocol: ZProtocol.nullish() });
const ZVmiSpec = z.looseObject({
  domain: z
    .looseObject({
      devices: z.looseObject({ interfaces: z.array(z.looseObject({ ports: z.array(ZVmInterfacePort).nullish() })).nullish() }).nullish(),
    })
    .nullish(),
});
export const ZVirtualMachine = z.looseObject({
  metadata: ZObjectMeta,
  spec: z
    .looseObject({
      template: z.looseObject({ metadata: z.looseObject({ labels: ZLabels.nullish() }).nullish(), spec: ZVmiSpec.nullish() }).nullish(),
    })
    .nullish(),
});
export const ZVirtualMachineInstance = z.looseObject({ metadata: ZObjectMeta, spec: ZVmiSpec.nullish() });

export const ZNamespace = z.looseObject({ metadata: ZObjectMeta });

const ZIntOrString = z.union([z.number().int(), z.string()]);
const ZNetworkPolicyPeer = z.looseObject({
  podSelector: ZLabelSelector.nullish(),
  namespaceSelector: ZLabelSelector.nullish(),
  ipBlock: z.looseObject({ cidr: z.string(), except: z.array(z.string()).nullish() }).nullish(),
});
const ZNetworkPolicyPort = z.looseObject({
  protocol: ZProtocol.nullish(),
  port: ZIntOrString.nullish(),
  endPort: z.number().int().nullish(),
});
export const ZNetworkPolicy = z.looseObject({
  metadata: ZObjectMeta,
  spec: z.looseObject({
    podSelector: ZLabelSelector.nullish(),
    policyTypes: z.array(z.enum(["Ingress", "Egress"])).nullish(),
    ingress: z
      .array(z.looseObject({ from: z.array(ZNetworkPolicyPeer).nullish(), ports: z.array(ZNetworkPolicyPort).nullish() }))
      .nullish(),
    egress: z.array(z.looseObject({ to: z.array(ZNetworkPolicyPeer).nullish(), ports: z.array(ZNetworkPolicyPort).nullish() })).nullish(),
  }),
});
export type TNetworkPolicy = z.infer<typeof ZNetworkPolicy>;

/** ANP/BANP v1alpha1 subject and pod peers. */
/** Both selectors are required by the API; an absent one is read as `{}` (select all), as the analyzers do. */
const ZNamespacedPod = z.looseObject({ namespaceSelector: ZLabelSelector.nullish(), podSelector: ZLabelSelector.nullish() });
export const ZAdminSubject = z.looseObject({ namespaces: ZLabelSelector.nullish(), pods: ZNamespacedPod.nullish() });
const ZAdminPeer = z.looseObject({
  namespaces: ZLabelSelector.nullish(),
  pods: ZNamespacedPod.nullish(),
  nodes: ZLabelSelector.nullish(),
  networks: z.array(z.string()).nullish(),
});
const ZAdminPort = z.looseObject({
  portNumber: z.looseObject({ protocol: ZProtocol.nullish(), port: ZPortNumber }).nullish(),
  portRange: z.looseObject({ protocol: ZProtocol.nullish(), start: ZPortNumber, end: ZPortNumber }).nullish(),
  namedPort: z.string().nullish(),
});
const adminRuleBase = { name: z.string().nullish(), ports: z.array(ZAdminPort).nullish() };
const ZAdminAction = z.enum(["Allow", "Deny", "Pass"]);
const ZBaselineAction = z.enum(["Allow", "Deny"]);
export const ZAdminNetworkPolicy = z.looseObject({
  metadata: ZObjectMeta,
  spec: z.looseObject({
    priority: z.number().int().min(0),
    subject: ZAdminSubject,
    ingress: z.array(z.looseObject({ ...adminRuleBase, action: ZAdminAction, from: z.array(ZAdminPeer) })).nullish(),
    egress: z.array(z.looseObject({ ...adminRuleBase, action: ZAdminAction, to: z.array(ZAdminPeer) })).nullish(),
  }),
});
export const ZBaselineAdminNetworkPolicy = z.looseObject({
  metadata: ZObjectMeta,
  spec: z.looseObject({
    subject: ZAdminSubject,
    ingress: z.array(z.looseObject({ ...adminRuleBase, action: ZBaselineAction, from: z.array(ZAdminPeer) })).nullish(),
    egress: z.array(z.looseObject({ ...adminRuleBase, action: ZBaselineAction, to: z.array(ZAdminPeer) })).nullish(),
  }),
});
export type TAdminPeer = z.infer<typeof ZAdminPeer>;
export type TAdminPort = z.infer<typeof ZAdminPort>;

/** ClusterNetworkPolicy policy.networking.k8s.io/v1alpha2: one kind, two tiers, `protocols` lists. */
const ZCnpPort = z.looseObject({
  destinationPort: z
    .looseObject({ number: ZPortNumber.nullish(), range: z.looseObject({ start: ZPortNumber, end: ZPortNumber }).nullish() })
    .nullish(),
});
export const ZCnpProtocol = z.looseObject({
  tcp: ZCnpPort.nullish(),
  udp: ZCnpPort.nullish(),
  sctp: ZCnpPort.nullish(),
  destinationNamedPort: z.string().nullish(),
});
const cnpRuleBase = { name: z.string().nullish(), action: z.enum(["Accept", "Deny", "Pass"]), protocols: z.array(ZCnpProtocol).nullish() };
export const ZClusterNetworkPolicy = z.looseObject({
  metadata: ZObjectMeta,
  spec: z.looseObject({
    tier: z.enum(["Admin", "Baseline"]),
    priority: z.number().int().min(0),
    subject: ZAdminSubject,
    ingress: z.array(z.looseObject({ ...cnpRuleBase, from: z.array(ZAdminPeer) })).nullish(),
    egress: z.array(z.looseObject({ ...cnpRuleBase, to: z.array(ZAdminPeer) })).nullish(),
  }),
});
export type TCnpProtocol = z.infer<typeof ZCnpProtocol>;
