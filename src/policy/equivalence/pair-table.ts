/**
 * A hash map from a pair of small non-negative integers to a non-negative integer, in typed arrays with
 * open addressing. The hot memo tables (walk transitions, set operations on interned ids) are hit hundreds
 * of millions of times at benchmark sizes; a Map keyed by a packed double costs several times more.
 */
const MISSING = -1;

function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}

export class PairTable {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 12) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keysA = new Int32Array(size).fill(MISSING);
    this.keysB = new Int32Array(size);
    this.values = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    let slot = hash(a, b) & this.mask;
    for (;;) {
      const key = this.keysA[slot];
      if (key === MISSING) return MISSING;
      if (key === a && this.keysB[slot] === b) return this.values[slot];
      slot = (slot + 1) & this.mask;
    }
  }

  set(a: number, b: number, value: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    let slot = hash(a, b) & this.mask;
    for (;;) {
      const key = this.keysA[slot];
      if (key === MISSING) {
        this.keysA[slot] = a;
        this.keysB[slot] = b;
        this.values[slot] = value;
        this.count++;
        return;
      }
      if (key === a && this.keysB[slot] === b) {
        this.values[slot] = value;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  get size(): number {
    return this.count;
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    const size = (this.mask + 1) * 2;
    this.keysA = new Int32Array(size).fill(MISSING);
    this.keysB = new Int32Array(size);
    this.values = new Int32Array(size);
    this.mask = size - 1;
    this.count = 0;
    for (let i = 0; i < keysA.length; i++) if (keysA[i] !== MISSING) this.set(keysA[i], keysB[i], values[i]);
  }
}
