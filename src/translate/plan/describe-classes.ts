/**
 * Readable selectors for sets of classes: a greedy cover by conjunctions of label requirements (and the
 * Namespace), each true for some wanted classes and false for every unwanted one. Every literal comes from
 * a selector the NSX rules themselves use, so the result reads like the rules ("tier=web, env=prod").
 * Classes marked don't-care may fall either side.
 */
import { literal, literalHolds, literalKey, negateLiteral, type Conjunction, type Literal } from "../selectors/label-requirement.ts";
import type { TranslationClass } from "./translation-classes.ts";

/** Pseudo label key for "the class's Namespace", rendered as a namespaceSelector. */
export const NAMESPACE_KEY = "@namespace";

type Bits = Uint32Array;

export class ClassDescriber {
  private readonly words: number;
  private readonly literals: { literal: Literal; bits: Bits; positive: boolean }[] = [];

  constructor(
    private readonly classes: readonly TranslationClass[],
    atoms: readonly Literal[],
  ) {
    this.words = Math.ceil(classes.length / 32);
    const add = (l: Literal, positive: boolean, test: (c: TranslationClass) => boolean) => {
      const bits = this.empty();
      classes.forEach((c, i) => {
        if (test(c)) bits[i >> 5] |= 1 << (i & 31);
      });
      this.literals.push({ literal: l, bits, positive });
    };
    for (const atom of atoms) {
      add(atom, true, (c) => literalHolds(atom, c.labels));
      const negated = negateLiteral(atom);
      add(negated, false, (c) => literalHolds(negated, c.labels));
    }
    for (const ns of [...new Set(classes.map((c) => c.namespace))].sort())
      add(literal(NAMESPACE_KEY, "In", [ns]), true, (c) => c.namespace === ns);
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
      for (let w = 0; w < this.words && complement; w++) if (bitsB[w] !== (full[w] & ~bitsA[w])) complement = false;
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
  }

  private population!: Int32Array;
  /** For a literal not listed per class: its listed complement; -1 for listed literals. */
  private partner!: Int32Array;
  private listedByClass!: Int32Array[];

  /**
   * |unwanted ∩ literal| for every listed literal, by walking the smaller of `unwanted` and its complement
   * over the listed literals of each class there: the cost follows the smaller side, not literals × classes.
   */
  private unwantedCounts(unwanted: Bits, unwantedSize: number): Int32Array {
    const counts = new Int32Array(this.literals.length);
    const inverse = unwantedSize * 2 > this.classes.length;
    const full = this.full();
    for (let w = 0; w < this.words; w++) {
      let word = inverse ? full[w] & ~unwanted[w] : unwanted[w];
      while (word !== 0) {
        const low = word & -word;
        const c = (w << 5) + (31 - Math.clz32(low));
        word ^= low;
        const list = this.listedByClass[c];
        for (let k = 0; k < list.length; k++) counts[list[k]]++;
      }
    }
    if (inverse) for (let i = 0; i < counts.length; i++) if (this.partner[i] < 0) counts[i] = this.population[i] - counts[i];
    return counts;
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
    // per-literal counts of `unwanted`, made once per call. excluded = |unwanted| − |unwanted ∩ literal|.
    let unwantedCounts: Int32Array | undefined;
    let unwantedSize = 0;
    const active: number[] = [];
    const match = this.empty();
    const bad = this.empty();
    const full = this.full();
    for (let t = nextBit(uncovered, 0); t >= 0; t = nextBit(uncovered, t + 1)) {
      const conj: Literal[] = [];
      // The classes each literal of `conj` holds for (widening grows them).
      const conjBits: Bits[] = [];
      match.set(full);
      let anyBad = false;
      for (let w = 0; w < bad.length; w++) if ((bad[w] = match[w] & unwanted[w]) !== 0) anyBad = true;
      let first = true;
      while (anyBad) {
        let best: { literal: Literal; bits: Bits; positive: boolean } | undefined;
        let bestScore = -1;
        if (first && !unwantedCounts) {
          unwantedSize = countAndNot(unwanted, this.empty());
          unwantedCounts = this.unwantedCounts(unwanted, unwantedSize);
        }
        // Later steps: `bad` is small, so only its non-zero words are scanned.
        active.length = 0;
        if (!first) for (let w = 0; w < bad.length; w++) if (bad[w] !== 0) active.push(w);
        const holding = this.holding(t);
        for (let h = 0; h < holding.length; h++) {
          const i = holding[h];
          const candidate = literals[i];
          let excluded: number;
          if (first) {
            const partner = this.partner[i];
            const inUnwanted = partner < 0 ? unwantedCounts![i] : unwantedSize - unwantedCounts![partner];
            excluded = unwantedSize - inUnwanted;
          } else {
            excluded = 0;
            for (let a = 0; a < active.length; a++) excluded += popcount(bad[active[a]] & ~candidate.bits[active[a]]);
          }
          if (excluded === 0) continue;
          // Prefer excluding more; on ties prefer positive requirements and the Namespace (more readable).
          const score = excluded * 4 + (candidate.positive ? 2 : 0) + (candidate.literal.key === NAMESPACE_KEY ? 1 : 0);
          if (score > bestScore) {
            bestScore = score;
            best = candidate;
          }
        }
        if (!best) throw new Error(`translation classes ${t} and ${nextBit(bad, 0)} cannot be told apart by any selector`);
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
        const bits = this.literals[i].bits;
        let useful = false;
        let clean = true;
        for (let w = 0; w < rest.length; w++) {
          const part = rest[w] & bits[w];
          if ((part & unwanted[w]) !== 0) {
            clean = false;
            break;
          }
          if ((part & uncovered[w] & ~match[w]) !== 0) useful = true;
        }
        if (!clean || !useful) continue;
        values.push(...this.literals[i].literal.values);
        for (let w = 0; w < match.length; w++) match[w] |= rest[w] & bits[w];
        // Copy on first change: literal bits are shared by every call.
        widened ??= conjBits[j].slice();
        for (let w = 0; w < widened.length; w++) widened[w] |= bits[w];
      }
      if (widened) {
        conj[j] = literal(l.key, "In", values);
        conjBits[j] = widened;
      }
    }
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
  private readonly holdingLists: (Int32Array | undefined)[] = [];

  /** Indexes of the literals true for class `t`, in literal order. */
  private holding(t: number): Int32Array {
    let list = this.holdingLists[t];
    if (!list) {
      const out: number[] = [];
      for (let i = 0; i < this.literals.length; i++) if (has(this.literals[i].bits, t)) out.push(i);
      this.holdingLists[t] = list = Int32Array.from(out);
    }
    return list;
  }

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

function has(bits: Bits, i: number): boolean {
  return (bits[i >> 5] & (1 << (i & 31))) !== 0;
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
