/**
 * Numbers for integer lists by content: a hash, then element-wise equality, so equal lists (with equal tags)
 * get one number, handed out 0, 1, 2, … in first-seen order. Lists are kept, not copied: callers must not
 * change a list after handing it in.
 */
export class IntListInterner {
  private readonly byHash = new Map<number, { tag: number; list: Int32Array; id: number }[]>();
  private count = 0;

  /** The list's number (a new one the first time); `tag` keeps equal lists that mean different things apart. */
  id(list: Int32Array, tag = 0): number {
    let h = Math.imul(0x811c9dc5 ^ tag, 0x01000193);
    for (let i = 0; i < list.length; i++) h = Math.imul(h ^ list[i], 0x01000193);
    let bucket = this.byHash.get(h);
    if (!bucket) this.byHash.set(h, (bucket = []));
    for (const known of bucket) if (known.tag === tag && sameInts(known.list, list)) return known.id;
    const id = this.count++;
    bucket.push({ tag, list, id });
    return id;
  }
}

function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
