import { describe, expect, it } from "vitest";
import { attachmentFileName, detectAttachmentType } from "../../../src/scorecard/attachment-type.ts";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

describe("workshop attachments are typed by their content", () => {
  it("recognises PDF, PNG, JPEG, GIF and WebP by magic bytes", () => {
    expect(detectAttachmentType(bytes("%PDF-1.7\n"))?.contentType).toBe("application/pdf");
    expect(detectAttachmentType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.contentType).toBe("image/png");
    expect(detectAttachmentType(bytes([0xff, 0xd8, 0xff, 0xe0]))?.contentType).toBe("image/jpeg");
    expect(detectAttachmentType(bytes("GIF89a"))?.contentType).toBe("image/gif");
    expect(detectAttachmentType(bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "))?.contentType).toBe("image/webp");
  });

  it("refuses anything else, whatever it is called", () => {
    for (const evil of [
      bytes("<html><script>"),
      bytes("<svg onload=alert(1)>"),
      bytes("MZ\x90\x00"),
      bytes("PK\x03\x04"),
      bytes(" %PDF-"),
      bytes(""),
    ])
      expect(detectAttachmentType(evil)).toBeNull();
  });

  it("stores a safe base name with the detected extension", () => {
    expect(attachmentFileName("../../etc/slides.PDF", "pdf")).toBe("slides.pdf");
    expect(attachmentFileName('C:\\temp\\a"b<c>.exe', "png")).toBe("abc.png");
    expect(attachmentFileName("", "jpg")).toBe("attachment.jpg");
  });
});
