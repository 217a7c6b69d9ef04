/**
 * networking.k8s.io/v1 NetworkPolicy → normalised policy. Allow-only rules combined by union; a pod
 * selected for a direction is isolated in that direction (anything no rule allows is denied).
 */
import { InvalidAddressError, IpSet } from "../sets/ip-set.ts";
import { ManifestError } from "./manifest-documents.ts";
import type { Direction, NormalisedPolicy, Peer, PolicyRule, PortSpec, SourcePlace } from "./model.ts";
import type { TNetworkPolicy } from "./schemas.ts";
import { EVERYTHING, normaliseSelector } from "./selectors.ts";

type NpPeer = NonNullable<NonNullable<NonNullable<TNetworkPolicy["spec"]["ingress"]>[number]["from"]>[number]>;
type NpPort = NonNullable<NonNullable<NonNullable<TNetworkPolicy["spec"]["ingress"]>[number]["ports"]>[number]>;

/** `pointerOf(i)` names the i-th text's place for the error. */
export function parseAddressesAt(texts: readonly string[], source: SourcePlace, pointerOf: (index: number) => string): IpSet {
  return texts.reduce((acc, text, i) => {
    try {
      return acc.union(IpSet.parse(text));
    } catch (error) {
      if (error instanceof InvalidAddressError)
        throw new ManifestError({ ...source, pointer: source.pointer + pointerOf(i) }, error.message);
      throw error;
    }
  }, IpSet.empty());
}

function peerOf(peer: NpPeer, namespace: string, source: SourcePlace, pointer: string): Peer {
  if (peer.ipBlock) {
    const cidr = parseAddressesAt([peer.ipBlock.cidr], source, () => `${pointer}/ipBlock/cidr`);
    const except = parseAddressesAt(peer.ipBlock.except ?? [], source, (i) => `${pointer}/ipBlock/except/${i}`);
    return { kind: "addresses", addresses: cidr.subtract(except) };
  }
  // podSelector alone: this namespace; namespaceSelector alone: all pods there; both: AND.
  const namespaces = peer.namespaceSelector
    ? { kind: "selector" as const, selector: normaliseSelector(peer.namespaceSelector) }
    : { kind: "names" as const, names: [namespace] };
  return { kind: "pods", namespaces, pods: peer.podSelector ? normaliseSelector(peer.podSelector) : EVERYTHING };
}

function portOf(port: NpPort): PortSpec {
  const protocol = port.protocol ?? "TCP";
  if (port.port === undefined || port.port === null) return { kind: "numbers", protocol, from: 0, to: 65535 };
  if (typeof port.port === "string" && !/^\d+$/.test(port.port)) return { kind: "named", name: port.port, protocol };
  const from = Number(port.port);
  return { kind: "numbers", protocol, from, to: port.endPort ?? from };
}

/**
 * Normalised peers and ports by the written list they come from (and the policy's Namespace, which a bare
 * podSelector means). Written lists are read-only input; emitters that share one list between many
 * policies (the translator's NetworkPolicy rows) then share one normalised list, which the engine's
 * per-rule caches key on. Lists that fail to parse are not cached (the error names the first place).
 */
const peersByList = new WeakMap<readonly NpPeer[], Map<string, Peer[]>>();
const portsByList = new WeakMap<readonly NpPort[], PortSpec[]>();

const peerByObject = new WeakMap<NpPeer, Map<string, Peer>>();

/** Only a bare podSelector (no ipBlock, no namespaceSelector) reads differently in each Namespace. */
const ANY_NAMESPACE = "\u0000any";
const placeOfPeer = (peer: NpPeer, namespace: string) => (peer.ipBlock || peer.namespaceSelector ? ANY_NAMESPACE : namespace);

/** One written peer → its normalised peer, shared likewise (by object, and Namespace where it matters). */
function sharedPeerOf(peer: NpPeer, namespace: string, source: SourcePlace, pointer: string): Peer {
  const place = placeOfPeer(peer, namespace);
  let byPlace = peerByObject.get(peer);
  let normalised = byPlace?.get(place);
  if (!normalised) {
    normalised = peerOf(peer, namespace, source, pointer);
    if (!byPlace) peerByObject.set(peer, (byPlace = new Map()));
    byPlace.set(place, normalised);
  }
  return normalised;
}

function peersOf(list: readonly NpPeer[], namespace: string, source: SourcePlace, base: string): Peer[] {
  const place = list.some((p) => placeOfPeer(p, namespace) !== ANY_NAMESPACE) ? namespace : ANY_NAMESPACE;
  let byPlace = peersByList.get(list);
  let peers = byPlace?.get(place);
  if (!peers) {
    peers = list.map((p, i) => sharedPeerOf(p, namespace, source, `${base}/${i}`));
    if (!byPlace) peersByList.set(list, (byPlace = new Map()));
    byPlace.set(place, peers);
  }
  return peers;
}

function portsOf(list: readonly NpPort[]): PortSpec[] {
  let ports = portsByList.get(list);
  if (!ports) portsByList.set(list, (ports = list.map(portOf)));
  return ports;
}

function rulesOf(
  rules: readonly { peers?: readonly NpPeer[] | null; ports?: readonly NpPort[] | null }[],
  namespace: string,
  source: SourcePlace,
  base: string,
  peersKey: "from" | "to",
): PolicyRule[] {
  return rules.map((rule, index) => {
    const peers = rule.peers?.length ? peersOf(rule.peers, namespace, source, `${base}/${index}/${peersKey}`) : [{ kind: "any" as const }];
    const ports = rule.ports?.length ? portsOf(rule.ports) : [{ kind: "all" as const }];
    return { index, action: "Allow", writtenAction: "Allow", peers, ports };
  });
}

export function normaliseNetworkPolicy(np: TNetworkPolicy, namespace: string, source: SourcePlace): NormalisedPolicy {
  const spec = np.spec;
  const directions = new Set<Direction>();
  if (spec.policyTypes?.length) {
    for (const t of spec.policyTypes) directions.add(t === "Ingress" ? "ingress" : "egress");
  } else {
    directions.add("ingress");
    if (spec.egress?.length) directions.add("egress");
  }
  const ingress = rulesOf(
    (spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })),
    namespace,
    source,
    "/spec/ingress",
    "from",
  );
  const egress = rulesOf(
    (spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports })),
    namespace,
    source,
    "/spec/egress",
    "to",
  );
  return {
    id: `NetworkPolicy/${namespace}/${np.metadata.name}`,
    stage: "networkPolicy",
    subject: { namespaces: { kind: "names", names: [namespace] }, pods: normaliseSelector(spec.podSelector) },
    directions,
    ingress,
    egress,
    source,
  };
}
