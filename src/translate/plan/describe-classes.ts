/**
 * Readable selectors for sets of classes: a greedy cover by conjunctions of label requirements (and the
 * Namespace), each true for some wanted classes and false for every unwanted one. Every literal comes from
 * a selector the NSX rules themselves use, so the result reads like the rules ("tier=web, env=prod").
 * Classes marked don't-care may fall either side.
 */
import { literal, literalKey, negateLiteral, type Conjunction, type Literal } from "../selectors/label-requirement.ts";
import { indexLabels } from "../selectors/label-index.ts";
import type { TranslationClass } from "./translation-classes.ts";

/** Pseudo label key for "the class's Namespace", rendered as a namespaceSelector. */
export const NAMESPACE_KEY = "@namespace";

type Bits = Uint32Array;

/** One `describe` call's counts of `unwanted` per listed literal. */
interface UnwantedCounts {
  size: number;
  /** Counted over the complement of `unwanted` (the smaller side). */
  inverse: boolean;
  touched: number[];
  inUnwanted(listed: number): number;
  /** Touched listed literals with a dense complement, by that complement's score. */
  touchedDense: number[];
}

export class ClassDescriber {
  private readonly words: number;
  private readonly literals: { literal: Literal; bits: Bits; positive: boolean }[] = [];

  constructor(
    private readonly classes: readonly TranslationClass[],
    atoms: readonly Literal[],
  ) {
    this.words = Math.ceil(classes.length / 32);
    const byKey = indexLabels(classes.map((c) => c.labels));
    const full = this.full();
    const complement = (bits: Bits) => {
      for (let w = 0; w < bits.length; w++) bits[w] = full[w] & ~bits[w];
      return bits;
    };
    const bitsOfLiteral = (l: Literal): Bits => {
      const entry = byKey.get(l.key);
      switch (l.operator) {
        case "In":
          return this.bitsOf(entry ? l.values.flatMap((v) => entry.byValue.get(v) ?? []) : []);
        case "NotIn":
          return complement(bitsOfLiteral(negateLiteral(l)));
        case "Exists":
          return this.bitsOf(entry?.present ?? []);
        case "DoesNotExist":
          return complement(this.bitsOf(entry?.present ?? []));
      }
    };
    for (const atom of atoms) {
      this.literals.push({ literal: atom, bits: bitsOfLiteral(atom), positive: true });
      const negated = negateLiteral(atom);
      this.literals.push({ literal: negated, bits: bitsOfLiteral(negated), positive: false });
    }
    const byNamespace = new Map<string, number[]>();
    classes.forEach((c, i) => {
      const list = byNamespace.get(c.namespace);
      if (list) list.push(i);
      else byNamespace.set(c.namespace, [i]);
    });
    for (const ns of [...byNamespace.keys()].sort())
      this.literals.push({ literal: literal(NAMESPACE_KEY, "In", [ns]), bits: this.bitsOf(byNamespace.get(ns)!), positive: true });
    this.indexLiterals(atoms.length);
  }

  /**
   * For counting without scanning every literal's bitset: each atom and its negation are complements (checked
   * here), so only the sparser side is listed per class (`listedByClass`) and the other side's count is the
   * rest. A pair that is not an exact complement lists both sides. Namespace literals are listed.
   */
  private indexLiterals(atomCount: number): void {
    const n = this.literals.length;
    this.population = new Int32Array(n);
    this.partner = new Int32Array(n).fill(-1);
    const listed = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) this.population[i] = countAndNot(this.literals[i].bits, this.empty());
    const full = this.full();
    for (let k = 0; k < atomCount; k++) {
      const a = 2 * k;
      const b = a + 1;
      const bitsA = this.literals[a].bits;
      const bitsB = this.literals[b].bits;
      let complement = true;
      for (let w = 0; w < this.words && complement; w++) if (bitsB[w] !== (full[w] & ~bitsA[w]) >>> 0) complement = false; // >>> 0: Uint32Array words are unsigned
      if (!complement) continue;
      const [sparse, dense] = this.population[a] <= this.population[b] ? [a, b] : [b, a];
      listed[dense] = 0;
      this.partner[dense] = sparse;
    }
    const lists: number[][] = this.classes.map(() => []);
    for (let i = 0; i < n; i++) {
      if (!listed[i]) continue;
      forEachBit(this.literals[i].bits, (c) => lists[c].push(i));
    }
    this.listedByClass = lists.map((l) => Int32Array.from(l));
    this.denseOf = new Int32Array(n).fill(-1);
    this.bonus = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (this.partner[i] >= 0) this.denseOf[this.partner[i]] = i;
      this.bonus[i] = (this.literals[i].positive ? 2 : 0) + (this.literals[i].literal.key === NAMESPACE_KEY ? 1 : 0);
    }
    const sparseWithDense: number[] = [];
    for (let i = 0; i < n; i++) if (this.denseOf[i] >= 0) sparseWithDense.push(i);
    this.denseByPopulation = Int32Array.from(this.byDenseScore(sparseWithDense, (p) => this.population[p]));
    this.stamps = new Int32Array(n);
    this.scratchCounts = new Int32Array(n);
    this.scratchBad = new Int32Array(n);
  }

  private population!: Int32Array;
  /** For a literal not listed per class: its listed complement; -1 for listed literals. */
  private partner!: Int32Array;
  /** For a listed literal with a dense complement: that complement; else -1. */
  private denseOf!: Int32Array;
  /** The score's tie-break part: positive requirements and the Namespace read better. */
  private bonus!: Int32Array;
  private listedByClass!: Int32Array[];
  /**
   * Listed literals with a dense complement, ordered as their complements would be scored if none of
   * `unwanted`'s count were taken away (score desc, complement index asc): where the walked side of a call
   * touches none of them, the first not ruled out by the target is the best dense candidate.
   */
  private denseByPopulation!: Int32Array;
  private stamps!: Int32Array;
  private stamp = 0;
  private scratchCounts!: Int32Array;
  private scratchBad!: Int32Array;

  /** Listed literals with a dense complement, by that complement's score (excluded count `excluded(p)`). */
  private byDenseScore(sparse: number[], excluded: (p: number) => number): number[] {
    const score = (p: number) => 4 * excluded(p) + this.bonus[this.denseOf[p]];
    return sparse.sort((a, b) => score(b) - score(a) || this.denseOf[a] - this.denseOf[b]);
  }

  /**
   * |unwanted ∩ literal| for listed literals, counted by walking the smaller of `unwanted` and its complement
   * over the listed literals of each class there: the cost follows the smaller side, not literals × classes.
   * Counts live in a scratch array (`touched` lists the non-zero ones; `release` clears them).
   */
  private unwantedCounts(unwanted: Bits): UnwantedCounts {
    const size = countAndNot(unwanted, this.empty());
    const inverse = size * 2 > this.classes.length;
    const full = this.full();
    const counts = this.scratchCounts;
    const touched: number[] = [];
    for (let w = 0; w < this.words; w++) {
      let word = inverse ? full[w] & ~unwanted[w] : unwanted[w];
      while (word !== 0) {
        const low = word & -word;
        const c = (w << 5) + (31 - Math.clz32(low));
        word ^= low;
        const list = this.listedByClass[c];
        for (let k = 0; k < list.length; k++) if (counts[list[k]]++ === 0) touched.push(list[k]);
      }
    }
    const population = this.population;
    const inUnwanted = inverse ? (i: number) => population[i] - counts[i] : (i: number) => counts[i];
    const touchedDense = this.byDenseScore(
      touched.filter((p) => this.denseOf[p] >= 0),
      inUnwanted,
    );
    return { size, inverse, touched, inUnwanted, touchedDense };
  }

  private release(touched: readonly number[], counts: Int32Array): void {
    for (let k = 0; k < touched.length; k++) counts[touched[k]] = 0;
  }

  /** Stamps the listed literals holding for class `t` (so a dense literal holds for `t` iff its partner is unstamped). */
  private stampHolding(t: number): number {
    const stamp = ++this.stamp;
    const list = this.listedByClass[t];
    for (let k = 0; k < list.length; k++) this.stamps[list[k]] = stamp;
    return stamp;
  }

  /**
   * The first greedy step for target `t`: the literal holding for `t` that excludes most of `unwanted` (ties:
   * positive, Namespace, then literal order) — what scanning every literal holding for `t` would choose, but
   * visiting only `t`'s listed literals and the head of the dense candidates' order.
   */
  private bestFirst(t: number, uc: UnwantedCounts): number {
    const best = { index: -1, score: -1 };
    const stamp = this.stampHolding(t);
    const list = this.listedByClass[t];
    for (let k = 0; k < list.length; k++) this.consider(best, list[k], uc.size - uc.inUnwanted(list[k]));
    // A dense literal excludes what its partner holds in `unwanted`.
    for (const p of uc.touchedDense) {
      if (this.stamps[p] === stamp) continue;
      this.consider(best, this.denseOf[p], uc.inUnwanted(p));
      break;
    }
    if (uc.inverse) {
      // Untouched partners keep their whole population in `unwanted`.
      const counts = this.scratchCounts;
      for (let k = 0; k < this.denseByPopulation.length; k++) {
        const p = this.denseByPopulation[k];
        if (this.stamps[p] === stamp || counts[p] !== 0) continue;
        this.consider(best, this.denseOf[p], this.population[p]);
        break;
      }
    }
    return best.index;
  }

  /** A later greedy step: the literal holding for `t` that excludes most of `bad` (small), same order. */
  private bestLater(t: number, bad: Bits): number {
    const counts = this.scratchBad;
    const touched: number[] = [];
    let size = 0;
    forEachBit(bad, (b) => {
      size++;
      const list = this.listedByClass[b];
      for (let k = 0; k < list.length; k++) if (counts[list[k]]++ === 0) touched.push(list[k]);
    });
    const best = { index: -1, score: -1 };
    const stamp = this.stampHolding(t);
    const list = this.listedByClass[t];
    for (let k = 0; k < list.length; k++) this.consider(best, list[k], size - counts[list[k]]);
    for (const p of touched) if (this.denseOf[p] >= 0 && this.stamps[p] !== stamp) this.consider(best, this.denseOf[p], counts[p]);
    this.release(touched, counts);
    return best.index;
  }

  private consider(best: { index: number; score: number }, i: number, excluded: number): void {
    if (excluded === 0) return;
    const score = excluded * 4 + this.bonus[i];
    if (score > best.score || (score === best.score && i < best.index)) {
      best.index = i;
      best.score = score;
    }
  }

  empty(): Bits {
    return new Uint32Array(this.words);
  }

  bitsOf(indexes: ArrayLike<number> | Iterable<number>): Bits {
    const bits = this.empty();
    if ("length" in indexes) for (let k = 0; k < indexes.length; k++) bits[indexes[k] >> 5] |= 1 << (indexes[k] & 31);
    else for (const i of indexes) bits[i >> 5] |= 1 << (i & 31);
    return bits;
  }

  /**
   * Conjunctions covering every class in `wanted`, none in `unwanted` (classes in neither are don't-care).
   * Throws when two classes cannot be told apart — a translation bug, since classes come from the atoms.
   */
  describe(wanted: Bits, unwanted: Bits): Conjunction[] {
    const result: Conjunction[] = [];
    const uncovered = wanted.slice();
    const literals = this.literals;
    // Every conjunction's first step scores literals against all of `unwanted` (match is everything): from
    // per-literal counts of `unwanted`, made once per call.
    let counts: UnwantedCounts | undefined;
    const match = this.empty();
    const bad = this.empty();
    const full = this.full();
    try {
      for (let t = nextBit(uncovered, 0); t >= 0; t = nextBit(uncovered, t + 1)) {
        const conj: Literal[] = [];
        // The classes each literal of `conj` holds for (widening grows them).
        const conjBits: Bits[] = [];
        match.set(full);
        let anyBad = false;
        for (let w = 0; w < bad.length; w++) if ((bad[w] = match[w] & unwanted[w]) !== 0) anyBad = true;
        let first = true;
        while (anyBad) {
          const index = first ? this.bestFirst(t, (counts ??= this.unwantedCounts(unwanted))) : this.bestLater(t, bad);
          if (index < 0) throw new Error(`translation classes ${t} and ${nextBit(bad, 0)} cannot be told apart by any selector`);
          const best = literals[index];
          conj.push(best.literal);
          conjBits.push(best.bits);
          anyBad = false;
          for (let w = 0; w < match.length; w++) {
            match[w] &= best.bits[w];
            if ((bad[w] = match[w] & unwanted[w]) !== 0) anyBad = true;
          }
          first = false;
        }
        this.widen(conj, conjBits, match, unwanted, uncovered);
        for (let i = 0; i < this.words; i++) uncovered[i] &= ~match[i];
        result.push(conj.sort(byKey));
      }
    } finally {
      if (counts) this.release(counts.touched, this.scratchCounts);
    }
    return mergeValues(result);
  }

  /**
   * Widens each `In` requirement of a finished conjunction with the other values of its key that still select
   * no unwanted class and some uncovered wanted one (exact: each added value's part is checked on its own),
   * so one greedy run covers what would otherwise be one run per value. `match` grows accordingly.
   */
  private widen(conj: Literal[], conjBits: Bits[], match: Bits, unwanted: Bits, uncovered: Bits): void {
    const rest = this.empty();
    for (let j = 0; j < conj.length; j++) {
      const l = conj[j];
      if (l.operator !== "In") continue;
      const siblings = this.inByKey().get(l.key);
      if (!siblings || siblings.length < 2) continue;
      rest.set(this.full());
      for (let m = 0; m < conj.length; m++) {
        if (m === j) continue;
        const bits = conjBits[m];
        for (let w = 0; w < rest.length; w++) rest[w] &= bits[w];
      }
      const values = [...l.values];
      let widened: Bits | undefined;
      // Only a sibling holding for some class of rest ∩ uncovered ∖ match can be useful. Single-value `In`
      // literals of one key are disjoint, so adding one never changes another's usefulness: the candidates
      // are found once, from those classes, and taken in literal order as before.
      const siblingOf = this.siblingByClass(l.key, siblings);
      const found = new Set<number>();
      for (let w = 0; w < rest.length; w++) {
        let word = rest[w] & uncovered[w] & ~match[w];
        while (word !== 0) {
          const low = word & -word;
          const i = siblingOf[(w << 5) + (31 - Math.clz32(low))];
          word ^= low;
          if (i >= 0) found.add(i);
        }
      }
      const candidates = [...found].sort((a, b) => a - b);
      for (let k = 0; k < candidates.length; k++) {
        const i = candidates[k];
        // A sibling holding for few classes is checked class by class; a large one word by word.
        const members = this.membersOf(i);
        const sparse = members.length <= rest.length;
        const bits = this.literals[i].bits;
        let useful = false;
        let clean = true;
        if (sparse) {
          for (let m = 0; m < members.length; m++) {
            const c = members[m];
            const w = c >> 5;
            const bit = 1 << (c & 31);
            if ((rest[w] & bit) === 0) continue;
            if ((unwanted[w] & bit) !== 0) {
              clean = false;
              break;
            }
            if ((uncovered[w] & bit) !== 0 && (match[w] & bit) === 0) useful = true;
          }
        } else {
          for (let w = 0; w < rest.length; w++) {
            const part = rest[w] & bits[w];
            if ((part & unwanted[w]) !== 0) {
              clean = false;
              break;
            }
            if ((part & uncovered[w] & ~match[w]) !== 0) useful = true;
          }
        }
        if (!clean || !useful) continue;
        values.push(...this.literals[i].literal.values);
        // Copy on first change: literal bits are shared by every call.
        widened ??= conjBits[j].slice();
        if (sparse) {
          for (let m = 0; m < members.length; m++) {
            const c = members[m];
            const w = c >> 5;
            const bit = 1 << (c & 31);
            match[w] |= rest[w] & bit;
            widened[w] |= bit;
          }
        } else {
          for (let w = 0; w < match.length; w++) {
            match[w] |= rest[w] & bits[w];
            widened[w] |= bits[w];
          }
        }
      }
      if (widened) {
        conj[j] = literal(l.key, "In", values);
        conjBits[j] = widened;
      }
    }
  }

  private readonly memberLists: (Int32Array | undefined)[] = [];

  /** The classes a literal holds for, ascending (made on first use). */
  private membersOf(i: number): Int32Array {
    let list = this.memberLists[i];
    if (!list) {
      const out: number[] = [];
      forEachBit(this.literals[i].bits, (c) => out.push(c));
      this.memberLists[i] = list = Int32Array.from(out);
    }
    return list;
  }

  private readonly siblingMaps = new Map<string, Int32Array>();

  /** Per class, the key's single-value `In` literal holding for it (-1: none). */
  private siblingByClass(key: string, siblings: readonly number[]): Int32Array {
    let map = this.siblingMaps.get(key);
    if (!map) {
      map = new Int32Array(this.classes.length).fill(-1);
      for (const i of siblings) {
        forEachBit(this.literals[i].bits, (c) => (map![c] = i));
      }
      this.siblingMaps.set(key, map);
    }
    return map;
  }

  private inByKeyMap?: Map<string, number[]>;

  /** Single-value positive `In` literals per key (the Namespace included), in literal order. */
  private inByKey(): Map<string, number[]> {
    if (!this.inByKeyMap) {
      this.inByKeyMap = new Map();
      this.literals.forEach((x, i) => {
        if (x.literal.operator !== "In" || x.literal.values.length !== 1) return;
        const list = this.inByKeyMap!.get(x.literal.key);
        if (list) list.push(i);
        else this.inByKeyMap!.set(x.literal.key, [i]);
      });
    }
    return this.inByKeyMap;
  }

  private fullBits?: Bits;

  private full(): Bits {
    this.fullBits ??= this.bitsOf(this.classes.map((_, i) => i));
    return this.fullBits;
  }
}

const byKey = (a: Literal, b: Literal) => (a.key === NAMESPACE_KEY ? -1 : b.key === NAMESPACE_KEY ? 1 : a.key < b.key ? -1 : 1);

/**
 * Conjunctions equal but for the values of one `In` requirement on the same key become one with the values
 * merged — exact: (A ∧ k∈S₁) ∨ (A ∧ k∈S₂) ≡ A ∧ k∈S₁∪S₂. Repeated until nothing merges (a merge on one key
 * can enable one on another). The first conjunction of a merged group keeps its place. The Namespace merges
 * too (a namespaceSelector `kubernetes.io/metadata.name In [a, b]`).
 */
export function mergeValues(conjs: Conjunction[]): Conjunction[] {
  let current = conjs;
  for (;;) {
    const out: (Literal[] | undefined)[] = current.map((c) => [...c]);
    const seen = new Map<string, number>();
    // Per conjunction merged into this pass: the key it merged on and the values it gained. Its signatures
    // for other keys are stale until the pass ends (only further merges on the same key are taken).
    const mergedKey: (string | undefined)[] = [];
    const gained: string[][] = [];
    let merged = false;
    for (let i = 0; i < out.length; i++) {
      const c = out[i]!;
      for (let j = 0; j < c.length; j++) {
        const l = c[j];
        if (l.operator !== "In") continue;
        const sig = signature(c, j);
        const at = seen.get(sig);
        if (at === undefined || out[at] === undefined || (mergedKey[at] !== undefined && mergedKey[at] !== l.key)) {
          seen.set(sig, i);
          continue;
        }
        mergedKey[at] = l.key;
        (gained[at] ??= []).push(...l.values);
        out[i] = undefined;
        merged = true;
        break;
      }
    }
    if (!merged) return current;
    out.forEach((c, i) => {
      if (!c || mergedKey[i] === undefined) return;
      const k = c.findIndex((t) => t.key === mergedKey[i] && t.operator === "In");
      c[k] = literal(c[k].key, "In", [...c[k].values, ...gained[i]]);
    });
    current = out.filter((c): c is Literal[] => c !== undefined);
  }
}

function signature(c: readonly Literal[], j: number): string {
  let sig = `${c[j].key}\u0001`;
  for (let m = 0; m < c.length; m++) if (m !== j) sig += `${literalKey(c[m])}\u0000`;
  return sig;
}

export function nextBit(bits: Bits, from: number): number {
  for (let i = from; i < bits.length * 32; i++) {
    const word = bits[i >> 5];
    if (word === 0) {
      i = ((i >> 5) + 1) * 32 - 1;
      continue;
    }
    if (word & (1 << (i & 31))) return i;
  }
  return -1;
}

function forEachBit(bits: Bits, visit: (i: number) => void): void {
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w];
    while (word !== 0) {
      const low = word & -word;
      visit((w << 5) + (31 - Math.clz32(low)));
      word ^= low;
    }
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function countAndNot(a: Bits, b: Bits): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += popcount(a[i] & ~b[i]);
  return n;
}
