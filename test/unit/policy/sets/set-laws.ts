import fc from "fast-check";
import { expect, it } from "vitest";

/** The algebra every exact set must obey; run for each set type with its own arbitrary. */
export interface SetLike<S> {
  union(o: S): S;
  intersect(o: S): S;
  subtract(o: S): S;
  complement(): S;
  isEmpty(): boolean;
  equals(o: S): boolean;
  isSubsetOf(o: S): boolean;
}

export function checkSetLaws<S extends SetLike<S>>(arb: fc.Arbitrary<S>, isMember: (set: S) => boolean): void {
  const eq = (a: S, b: S) => expect(a.equals(b), `${String(a)} vs ${String(b)}`).toBe(true);
  it("union and intersection are commutative", () =>
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        eq(a.union(b), b.union(a));
        eq(a.intersect(b), b.intersect(a));
      }),
    ));
  it("union and intersection are associative", () =>
    fc.assert(
      fc.property(arb, arb, arb, (a, b, c) => {
        eq(a.union(b).union(c), a.union(b.union(c)));
        eq(a.intersect(b).intersect(c), a.intersect(b.intersect(c)));
      }),
    ));
  it("intersection distributes over union and vice versa", () =>
    fc.assert(
      fc.property(arb, arb, arb, (a, b, c) => {
        eq(a.intersect(b.union(c)), a.intersect(b).union(a.intersect(c)));
        eq(a.union(b.intersect(c)), a.union(b).intersect(a.union(c)));
      }),
    ));
  it("De Morgan", () =>
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        eq(a.union(b).complement(), a.complement().intersect(b.complement()));
        eq(a.intersect(b).complement(), a.complement().union(b.complement()));
      }),
    ));
  it("(A∖B) ∩ B = ∅ and (A∖B) ∪ (A∩B) = A", () =>
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(a.subtract(b).intersect(b).isEmpty()).toBe(true);
        eq(a.subtract(b).union(a.intersect(b)), a);
      }),
    ));
  it("complement is an involution and partitions the universe", () =>
    fc.assert(
      fc.property(arb, (a) => {
        eq(a.complement().complement(), a);
        expect(a.intersect(a.complement()).isEmpty()).toBe(true);
      }),
    ));
  it("equals ⇔ mutual subset", () =>
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(a.equals(b)).toBe(a.isSubsetOf(b) && b.isSubsetOf(a));
        const c = a.union(b);
        expect(c.equals(b.union(a))).toBe(c.isSubsetOf(b.union(a)) && b.union(a).isSubsetOf(c));
      }),
    ));
  it("A ⊆ B ⇔ A ∖ B = ∅ (subset is decided without building the difference)", () =>
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(a.isSubsetOf(b)).toBe(a.subtract(b).isEmpty());
        expect(a.intersect(b).isSubsetOf(a)).toBe(true);
        expect(a.isSubsetOf(a.union(b))).toBe(true);
      }),
    ));
  it("sample is a member, and exists exactly when non-empty", () =>
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        for (const s of [a, a.subtract(b), a.complement()]) expect(isMember(s)).toBe(true);
      }),
    ));
}
