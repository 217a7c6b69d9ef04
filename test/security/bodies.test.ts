/**
 * Finding 3: an unauthenticated 300 MB JSON body to auth.signIn was read whole, and multipart bodies were read
 * before the role check. Now every route has a limit enforced before parsing (Content-Length at once, chunked
 * bodies counted as they arrive), and upload calls check session, CSRF token and role before reading a byte.
 */
import http from "node:http";
import { describe, expect, it } from "vitest";
import { baseUrl, createAccount, headersFor, isSignedIn, signIn, type TSignedIn } from "./client.ts";

interface TRawOutcome {
  status?: number;
  body: string;
  /** Milliseconds from the first byte sent until the answer (or the cut connection). */
  ms: number;
  /** Body bytes the client had written when the answer came. */
  sent: number;
  cut: boolean;
}

/** Streams `total` bytes (declared or chunked) and stops sending as soon as the server answers or hangs up. */
function sendBig(path: string, options: { total: number; declare: boolean; contentType: string; headers?: Record<string, string> }) {
  return new Promise<TRawOutcome>((resolve) => {
    const url = new URL(path, baseUrl());
    const started = performance.now();
    let sent = 0;
    let settled = false;
    const finish = (outcome: Omit<TRawOutcome, "ms" | "sent">) => {
      if (settled) return;
      settled = true;
      resolve({ ...outcome, ms: performance.now() - started, sent });
    };
    const req = http.request(url, {
      method: "POST",
      headers: {
        "content-type": options.contentType,
        ...(options.declare ? { "content-length": String(options.total) } : { "transfer-encoding": "chunked" }),
        ...options.headers,
      },
    });
    let answered = false;
    req.on("response", (res) => {
      answered = true; // stop sending; read the answer, then hang up
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => {
        finish({ status: res.statusCode, body, cut: false });
        req.destroy();
      });
      res.on("error", () => finish({ status: res.statusCode, body, cut: true }));
    });
    req.on("error", () => finish({ body: "", cut: true }));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!settled && !answered && sent < options.total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!settled && !answered) req.end();
    };
    req.write('{"json":{"email":"a@b.c","password":"');
    pump();
  });
}

describe("unbounded bodies", () => {
  it("refuses a declared 300 MB JSON body to auth.signIn at once", async () => {
    const outcome = await sendBig("/api/trpc/auth.signIn", {
      total: 300 * 1024 * 1024,
      declare: true,
      contentType: "application/json",
      headers: headersFor(),
    });
    expect(outcome.status ?? 413).toBe(413);
    expect(outcome.ms).toBeLessThan(3_000);
    expect(outcome.sent).toBeLessThan(100 * 1024 * 1024);
  });

  it("cuts off a chunked JSON body (no Content-Length) past the limit", async () => {
    const outcome = await sendBig("/api/trpc/auth.signIn", {
      total: 300 * 1024 * 1024,
      declare: false,
      contentType: "application/json",
      headers: headersFor(),
    });
    expect(outcome.cut || outcome.status === 413).toBe(true);
    expect(outcome.ms).toBeLessThan(10_000);
    expect(outcome.sent).toBeLessThan(100 * 1024 * 1024);
  });

  it("refuses an auditor's 150 MB upload before reading it (role checked first)", async () => {
    const auditor = await createAccount("auditor");
    const session = (await signIn(auditor.email, auditor.password, { from: "198.51.100.30" })) as TSignedIn;
    expect(isSignedIn(session)).toBe(true);
    const outcome = await sendBig("/api/trpc/imports.upload", {
      total: 150 * 1024 * 1024,
      declare: true,
      contentType: "multipart/form-data; boundary=x",
      headers: headersFor({ cookie: session.cookie, csrf: session.csrf }),
    });
    expect(outcome.status).toBe(403);
    expect(outcome.body).toMatch(/may not/);
    expect(outcome.ms).toBeLessThan(3_000);
    expect(outcome.sent).toBeLessThan(100 * 1024 * 1024);
  });

  it("refuses an unauthenticated multipart body to snapshots.verifyUpload before reading it, and the client sees the 401", async () => {
    // Closing at once while the client still sends made the kernel reset the connection and wipe the 401
    // from the client's buffer in about 4 of 10 tries; the server now lingers. 30 tries catch a regression.
    const statuses: (number | undefined)[] = [];
    for (let attempt = 0; attempt < 30; attempt++) {
      const outcome = await sendBig("/api/trpc/snapshots.verifyUpload", {
        total: 50 * 1024 * 1024,
        declare: false,
        contentType: "multipart/form-data; boundary=x",
        headers: headersFor(),
      });
      statuses.push(outcome.status);
      expect(outcome.ms).toBeLessThan(3_000);
    }
    expect(statuses.filter((status) => status !== 401)).toEqual([]);
  });

  it("refuses a large body to a page route too", async () => {
    const outcome = await sendBig("/login", { total: 20 * 1024 * 1024, declare: true, contentType: "text/plain", headers: headersFor() });
    expect(outcome.status ?? 413).toBe(413);
    expect(outcome.ms).toBeLessThan(3_000);
  });
});
