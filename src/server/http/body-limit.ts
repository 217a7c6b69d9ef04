/**
 * Request bodies read with a hard limit: Content-Length is checked before anything is read, and the stream is
 * counted while it is read (a chunked body, or a client that lies about its length, is cut off at the limit).
 */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds ${formatBytes(limit)}`);
    this.name = "BodyTooLargeError";
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** Throws BodyTooLargeError when the declared length is over the limit (or unparseable). */
export function checkDeclaredLength(headers: Headers, limit: number): void {
  const declared = headers.get("content-length");
  if (declared === null) return;
  const length = Number(declared);
  if (!Number.isSafeInteger(length) || length < 0 || length > limit) throw new BodyTooLargeError(limit);
}

export async function readBoundedBody(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  checkDeclaredLength(req.headers, limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
