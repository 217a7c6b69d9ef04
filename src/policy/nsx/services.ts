/**
 * NSX services → exact TrafficSets. Nested services are followed with cycle detection; entries outside the
 * L3/L4 model (EtherType, the dynamic data channels an ALG opens) are reported, never guessed.
 */
import { TrafficSet } from "../sets/traffic-set.ts";
import type { NsxRule, NsxService, ServiceEntry } from "./model.ts";
import type { ProblemLog } from "./problems.ts";

const IGMP_PROTOCOL = 2;

export class ServiceResolver {
  private readonly byPath: Map<string, NsxService>;
  private readonly cache = new Map<string, TrafficSet>();

  constructor(
    services: readonly NsxService[],
    private readonly log: ProblemLog,
  ) {
    this.byPath = new Map(services.map((s) => [s.path, s]));
  }

  /** One service entry; `subject` names the owner for problem reports. */
  entryTraffic(entry: ServiceEntry, subject: string, visiting: readonly string[] = []): TrafficSet {
    switch (entry.kind) {
      case "L4PortSet":
        return TrafficSet.l4(
          entry.protocol,
          entry.destinationPorts.length > 0 ? entry.destinationPorts : undefined,
          entry.sourcePorts.length > 0 ? entry.sourcePorts : undefined,
        );
      case "ICMPType":
        return TrafficSet.icmp(entry.protocol === "ICMPv4" ? 4 : 6, entry.icmpType, entry.icmpCode);
      case "IPProtocol":
        return TrafficSet.ipProtocol(entry.protocolNumber);
      case "IGMP":
        return TrafficSet.ipProtocol(IGMP_PROTOCOL);
      case "ALG":
        this.log.add({
          severity: "outside-model",
          code: "alg-data-channel",
          subject,
          message: `ALG ${entry.alg}: its control port is modelled exactly; the data connections the ALG opens dynamically are not`,
        });
        return TrafficSet.l4(
          entry.protocol,
          entry.destinationPorts.length > 0 ? entry.destinationPorts : undefined,
          entry.sourcePorts.length > 0 ? entry.sourcePorts : undefined,
        );
      case "EtherType":
        this.log.add({
          severity: "outside-model",
          code: "ethertype-service",
          subject,
          message: `EtherType 0x${entry.etherType.toString(16)} is Layer 2; it matches no traffic in the L3/L4 model`,
        });
        return TrafficSet.empty();
      case "NestedService":
        return this.serviceTraffic(entry.servicePath, subject, visiting);
    }
  }

  /** A service by path (`ANY` = all traffic); unknown paths and cycles are errors that match nothing. */
  serviceTraffic(path: string, subject: string, visiting: readonly string[] = []): TrafficSet {
    if (path.toUpperCase() === "ANY") return TrafficSet.all();
    const cached = this.cache.get(path);
    if (cached) return cached;
    if (visiting.includes(path)) {
      this.log.add({
        severity: "error",
        code: "service-cycle",
        subject: path,
        message: `nested services form a cycle: ${[...visiting, path].join(" → ")}`,
      });
      return TrafficSet.empty();
    }
    const service = this.byPath.get(path);
    if (!service) {
      this.log.add({ severity: "error", code: "unknown-service", subject, message: `service ${path} is not defined` });
      return TrafficSet.empty();
    }
    const traffic = service.entries.reduce(
      (acc, entry) => acc.union(this.entryTraffic(entry, path, [...visiting, path])),
      TrafficSet.empty(),
    );
    if (visiting.length === 0) this.cache.set(path, traffic);
    return traffic;
  }

  /** A rule's traffic: its services ORed with its inline entries; nothing listed means ANY. */
  ruleTraffic(rule: NsxRule, subject: string): TrafficSet {
    const named = rule.services.filter((s) => s.toUpperCase() !== "ANY");
    const hasAny = rule.services.some((s) => s.toUpperCase() === "ANY");
    if ((hasAny || rule.services.length === 0) && rule.serviceEntries.length === 0) return TrafficSet.all();
    if (hasAny) {
      this.log.add({
        severity: "info",
        code: "any-with-entries",
        subject,
        message: "services ANY together with service entries: NSX rejects this; the entries are used",
      });
    }
    let traffic = TrafficSet.empty();
    for (const path of named) traffic = traffic.union(this.serviceTraffic(path, subject));
    for (const entry of rule.serviceEntries) traffic = traffic.union(this.entryTraffic(entry, subject));
    return traffic;
  }
}
