/**
 * The type of a workshop attachment from its first bytes (magic numbers), never from its name or the
 * browser's claim: only PDFs and common images are accepted, so nothing executable or scriptable (HTML,
 * SVG) is stored and later served under an innocent name.
 */
export const ATTACHMENT_TYPES = [
  { contentType: "application/pdf", extension: "pdf", magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] }, // %PDF-
  { contentType: "image/png", extension: "png", magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  { contentType: "image/jpeg", extension: "jpg", magic: [[0xff, 0xd8, 0xff]] },
  {
    contentType: "image/gif",
    extension: "gif",
    magic: [
      [0x47, 0x49, 0x46, 0x38, 0x37, 0x61],
      [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
    ],
  },
] as const;

export type TAttachmentType = (typeof ATTACHMENT_TYPES)[number];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** PDF, PNG, JPEG, GIF or WebP by content; null for anything else. */
export function detectAttachmentType(bytes: Uint8Array): { contentType: string; extension: string } | null {
  for (const t of ATTACHMENT_TYPES)
    if (t.magic.some((m) => startsWith(bytes, m))) return { contentType: t.contentType, extension: t.extension };
  // WebP: "RIFF" <size> "WEBP".
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes.subarray(8), [0x57, 0x45, 0x42, 0x50]))
    return { contentType: "image/webp", extension: "webp" };
  return null;
}

/** A stored file name: the user's base name without path or control characters, with the detected extension. */
export function attachmentFileName(name: string, extension: string): string {
  const base =
    (name.split(/[\\/]/).pop() ?? "")
      .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "")
      .replace(/\.[A-Za-z0-9]{1,5}$/, "")
      .trim()
      .slice(0, 120) || "attachment";
  return `${base}.${extension}`;
}
