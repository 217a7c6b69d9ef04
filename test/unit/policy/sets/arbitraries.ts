import fc from "fast-check";
import { IpSet } from "../../../../src/policy/sets/ip-set.ts";
import { TrafficSet } from "../../../../src/policy/sets/traffic-set.ts";

/** Addresses drawn from a few small neighbourhoods so random sets overlap often, plus edges of the space. */
const v4Address = fc.oneof(
  fc.tuple(fc.constantFrom(0, 10, 255), fc.integer({ min: 0, max: 3 })).map(([a, d]) => `${a}.0.0.${d}`),
  fc.constantFrom("0.0.0.0", "255.255.255.255", "10.0.0.255"),
);
const v6Address = fc.integer({ min: 0, max: 5 }).map((n) => `2001:db8::${n}`);

const ipPiece = fc.oneof(
  fc.tuple(v4Address, v4Address).map(([a, b]) => (IpSet.parse(a).sample()! <= b ? `${a}-${b}` : a)),
  fc.tuple(v4Address, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
  v6Address,
  fc.tuple(v6Address, fc.integer({ min: 120, max: 128 })).map(([a, p]) => `${a}/${p}`),
);

export const ipSetArb = fc.array(ipPiece, { maxLength: 4 }).map((pieces) => {
  let set = IpSet.empty();
  for (const piece of pieces) {
    try {
      set = set.union(IpSet.parse(piece));
    } catch {
      // a reversed range from the generator: skip it
    }
  }
  return set;
});

const port = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom(79, 80, 81, 65535));
const portRange = fc.tuple(port, port).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));

const trafficPiece = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("TCP", "UDP", "SCTP") as fc.Arbitrary<"TCP" | "UDP" | "SCTP">,
      fc.option(fc.array(portRange, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      fc.option(fc.array(portRange, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    )
    .map(([p, d, s]) => TrafficSet.l4(p, d, s)),
  fc
    .tuple(
      fc.constantFrom(4, 6) as fc.Arbitrary<4 | 6>,
      fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    )
    .map(([v, t, c]) => TrafficSet.icmp(v, t, c)),
  fc.constantFrom(0, 2, 6, 47, 255).map((n) => TrafficSet.ipProtocol(n)),
  fc.constant(TrafficSet.all()),
);

export const trafficSetArb = fc
  .array(trafficPiece, { maxLength: 3 })
  .map((pieces) => pieces.reduce((a, b) => a.union(b), TrafficSet.empty()));
