import { compileNsx } from "../../../../src/policy/nsx/compile.ts";
import { endpointTraffic } from "../../../../src/policy/nsx/connectivity.ts";
import type { Endpoint } from "../../../../src/policy/nsx/endpoint.ts";
import type { NsxEstate } from "../../../../src/policy/nsx/model.ts";
import { IpSet } from "../../../../src/policy/sets/ip-set.ts";
import { TrafficSet } from "../../../../src/policy/sets/traffic-set.ts";

/** Exact traffic from `src` to `dst` — VM ids, or addresses for external endpoints — in one family. */
export function traffic(estate: NsxEstate, src: string, dst: string, family: 4 | 6 = 4): TrafficSet {
  const compiled = compileNsx(estate);
  const endpoint = (text: string): Endpoint =>
    compiled.vms.find((e) => e.vm.id === text) ?? { kind: "external", addresses: IpSet.parse(text) };
  return endpointTraffic(compiled, endpoint(src), endpoint(dst), family);
}

export const tcp = (port: number) => TrafficSet.l4("TCP", [{ from: port, to: port }]);
export const ALL_V4 = TrafficSet.all().subtract(TrafficSet.icmp(6));
