import { describe, expect, it } from "vitest";
import { normaliseAddress, parseTrustedProxies, resolveClientAddress } from "../../../src/server/http/client-address.ts";

describe("client address under PARITY_TRUSTED_PROXIES", () => {
  it("without trusted proxies uses the socket address and ignores X-Forwarded-For", () => {
    const none = parseTrustedProxies(undefined);
    expect(resolveClientAddress("203.0.113.5", "10.0.0.1, 10.0.0.2", none)).toBe("203.0.113.5");
    expect(resolveClientAddress("::ffff:203.0.113.5", null, none)).toBe("203.0.113.5");
    expect(resolveClientAddress(undefined, "10.0.0.1", none)).toBe("unknown");
  });

  it("with a hop count takes the address that many hops back", () => {
    const one = parseTrustedProxies("1");
    // client → proxy (appends client) → app; the forged part written by the client is ignored.
    expect(resolveClientAddress("10.1.1.1", "6.6.6.6, 198.51.100.7", one)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.1.1.1", null, one)).toBe("10.1.1.1");
    const two = parseTrustedProxies("2");
    expect(resolveClientAddress("10.1.1.1", "6.6.6.6, 198.51.100.7, 10.2.2.2", two)).toBe("198.51.100.7");
  });

  it("with CIDRs skips trusted proxies from the right and stops at the first other address", () => {
    const cidrs = parseTrustedProxies("10.0.0.0/8, 192.168.1.1");
    expect(resolveClientAddress("10.1.1.1", "6.6.6.6, 198.51.100.7, 192.168.1.1", cidrs)).toBe("198.51.100.7");
    // The socket is not a trusted proxy: the header is not believed at all.
    expect(resolveClientAddress("203.0.113.9", "6.6.6.6", cidrs)).toBe("203.0.113.9");
    // Garbage inside the trusted part does not let a client pick its own address.
    expect(resolveClientAddress("10.1.1.1", "6.6.6.6, not-an-ip", cidrs)).toBe("10.1.1.1");
  });

  it("refuses a configuration that is neither a count nor addresses", () => {
    expect(() => parseTrustedProxies("proxy.example")).toThrow(/neither a hop count/);
    expect(normaliseAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
  });
});
