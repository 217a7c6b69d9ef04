/** The traffic a rule's port list admits towards a destination (named ports resolve on the destination). */
import { TrafficSet } from "../sets/traffic-set.ts";
import type { K8sEndpoint, PortSpec } from "./model.ts";

export function portSpecTraffic(spec: PortSpec, destination: K8sEndpoint | undefined): TrafficSet {
  switch (spec.kind) {
    case "all":
      return TrafficSet.all();
    case "numbers":
      return spec.from > spec.to ? TrafficSet.empty() : TrafficSet.l4(spec.protocol, [{ from: spec.from, to: spec.to }]);
    case "named": {
      // An external destination has no container ports: a named port there admits nothing.
      const ports = (destination?.namedPorts ?? []).filter((p) => p.name === spec.name && (!spec.protocol || p.protocol === spec.protocol));
      return ports.reduce((acc, p) => acc.union(TrafficSet.l4(p.protocol, [{ from: p.port, to: p.port }])), TrafficSet.empty());
    }
  }
}

export function portsTraffic(specs: readonly PortSpec[], destination: K8sEndpoint | undefined): TrafficSet {
  return specs.reduce((acc, spec) => acc.union(portSpecTraffic(spec, destination)), TrafficSet.empty());
}
