/** One side of a connection: an in-cluster endpoint (with its namespace) or a block of external addresses. */
import type { IpSet } from "../sets/ip-set.ts";
import type { K8sEndpoint, K8sNamespace, LabelSelector, NamespaceMatch, Peer } from "./model.ts";
import { namespaceMatches, selectorMatches } from "./selectors.ts";

export type Party = { kind: "endpoint"; endpoint: K8sEndpoint; namespace: K8sNamespace } | { kind: "external"; addresses: IpSet };

export function podsMatch(namespaces: NamespaceMatch, pods: LabelSelector, party: Party): boolean {
  return party.kind === "endpoint" && namespaceMatches(namespaces, party.namespace) && selectorMatches(pods, party.endpoint.labels);
}

/**
 * Whether a rule peer covers the party. External blocks come from a partition at every policy boundary,
 * so a block is wholly inside or wholly outside each address peer; for a block that straddles a
 * boundary (a caller-supplied range) only full containment counts.
 */
export function peerMatches(peer: Peer, party: Party): boolean {
  switch (peer.kind) {
    case "any":
      return true;
    case "pods":
      return podsMatch(peer.namespaces, peer.pods, party);
    case "addresses":
      return party.kind === "external" && !party.addresses.isEmpty() && party.addresses.isSubsetOf(peer.addresses);
    case "nodes":
      return false;
  }
}

export function partyName(party: Party): string {
  return party.kind === "endpoint" ? party.endpoint.id : `${party.addresses.toRanges().join(",")}[External]`;
}
