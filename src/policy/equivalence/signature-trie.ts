/**
 * Ordered lists of applicable rules, interned as paths in a trie: two enforcement points whose applicable
 * rule lists are equal get the same node id, so the first-match walk runs once per distinct list rather
 * than once per endpoint pair. Nodes are plain integers; children live in one flat map.
 */

/** Tokens stay below 2^21 and node ids below 2^31, so (node, token) packs into one exact double. */
const TOKEN_LIMIT = 2 ** 21;

export class SignatureTrie {
  private readonly children = new Map<number, number>();
  private nodes = 1;
  private readonly roots = new Map<string, number>();

  /** A root per context the walk depends on besides the rules (family, direction, destination ports...). */
  root(context: string): number {
    let id = this.roots.get(context);
    if (id === undefined) {
      id = this.child(0, TOKEN_LIMIT - 1 - this.roots.size);
      this.roots.set(context, id);
    }
    return id;
  }

  child(node: number, token: number): number {
    if (token < 0 || token >= TOKEN_LIMIT) throw new RangeError(`rule token ${token} out of range`);
    const key = node * TOKEN_LIMIT + token;
    let id = this.children.get(key);
    if (id === undefined) {
      id = this.nodes++;
      this.children.set(key, id);
    }
    return id;
  }

  get size(): number {
    return this.nodes;
  }
}
