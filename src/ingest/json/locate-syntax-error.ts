/**
 * Finds the offset of the first JSON syntax error. Node 20's JSON.parse does not always say where it
 * failed ("Unexpected token '}', ...": no position), and a security engineer needs the line and column.
 * Only run after JSON.parse has failed; iterative (no recursion), linear in the input.
 */
export function locateJsonSyntaxError(text: string): number {
  let i = 0;
  const n = text.length;
  const stack: ("{" | "[")[] = [];
  // What the grammar expects next.
  type Expect = "value" | "key" | "colon" | "commaOrEnd" | "keyOrEnd" | "valueOrEnd" | "eof";
  // Widened on purpose: afterValue() changes it inside a closure, which control-flow narrowing cannot see.
  let expect = "value" as Expect;
  const ws = () => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const string = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 92) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  const afterValue = () => {
    expect = stack.length === 0 ? "eof" : "commaOrEnd";
  };
  for (;;) {
    ws();
    if (i >= n) return n; // premature end (or, after a complete value, JSON.parse would not have failed)
    const c = text[i];
    switch (expect as Expect) {
      case "eof":
        return i;
      case "colon":
        if (c !== ":") return i;
        i++;
        expect = "value";
        continue;
      case "key":
      case "keyOrEnd":
        if (c === "}" && expect === "keyOrEnd") {
          stack.pop();
          i++;
          afterValue();
          continue;
        }
        if (c !== '"' || !string()) return i;
        expect = "colon";
        continue;
      case "commaOrEnd": {
        const top = stack[stack.length - 1];
        if (c === ",") {
          i++;
          expect = top === "{" ? "key" : "value";
          continue;
        }
        if ((c === "}" && top === "{") || (c === "]" && top === "[")) {
          stack.pop();
          i++;
          afterValue();
          continue;
        }
        return i;
      }
      case "value":
      case "valueOrEnd": {
        if (c === "]" && expect === "valueOrEnd") {
          stack.pop();
          i++;
          afterValue();
          continue;
        }
        if (c === "{") {
          stack.push("{");
          i++;
          expect = "keyOrEnd";
          continue;
        }
        if (c === "[") {
          stack.push("[");
          i++;
          expect = "valueOrEnd";
          continue;
        }
        if (c === '"') {
          const start = i;
          if (!string()) return i >= n ? start : i;
          afterValue();
          continue;
        }
        const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
        if (!literal) return i;
        i += literal[0].length;
        afterValue();
        continue;
      }
    }
  }
}
