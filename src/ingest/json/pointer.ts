/** RFC 6901 JSON pointers: how errors name a place inside a JSON file. */
export function pointer(base: string, ...tokens: (string | number)[]): string {
  let out = base;
  for (const token of tokens) out += "/" + String(token).replace(/~/g, "~0").replace(/\//g, "~1");
  return out;
}

/** The root pointer is the empty string; reports show it as "/" so it is visible. */
export function displayPointer(p: string): string {
  return p === "" ? "/" : p;
}
