import { request } from "node:http";
import { InMemoryStorage } from "@tunelab/study";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Dashboard,
  NOTE_ATTR,
  startDashboard,
  staticSource,
  storageSource,
} from "../../src/dashboard/index.js";
import { seededStudy } from "../plots/seeded-study.js";
import { addSeededTrials, storedStudy } from "./stored-study.js";

const EVIL = "<script>alert(1)</script>/&?#";
const TOKEN = "t0ken";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with chosen headers (fetch would not let a test set Host). */
function http(
  d: Dashboard,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: d.port, method, path, headers: { host: `127.0.0.1:${d.port}`, ...headers } },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const enc = encodeURIComponent(EVIL);
let storage: InMemoryStorage;
let d: Dashboard;
beforeEach(async () => {
  storage = new InMemoryStorage();
  await storedStudy(storage, EVIL, 20);
  await storedStudy(storage, "plain", 5);
  d = await startDashboard(storageSource(storage), { token: TOKEN });
});
afterEach(async () => {
  await d.close();
});

describe("startDashboard routes", () => {
  it("listens on 127.0.0.1 and lists every study, names escaped and links percent-encoded", async () => {
    expect(d.url).toBe(`http://127.0.0.1:${d.port}/`);
    expect(d.warning).toBeNull();
    const r = await http(d, "GET", "/");
    expect(r.status).toBe(200);
    expect(r.headers["content-security-policy"]).toMatch(/^default-src 'none'/);
    expect(r.body).toContain(`<a href="/study/${enc}">&lt;script&gt;alert(1)&lt;/script&gt;/&amp;?#</a>`);
    expect(r.body).toContain('<a href="/study/plain">plain</a>');
    expect(r.body).not.toContain("<script>");
  });

  it("serves a study page: the name as escaped text, its data, a CSP of hashes that may fetch itself", async () => {
    const r = await http(d, "GET", `/study/${enc}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<h1 id="study-name">&lt;script&gt;alert(1)&lt;/script&gt;/&amp;?#</h1>');
    expect(r.body.match(/<script/g)!.length).toBe(4); // the data block and the three page scripts (vega, the expression table, ours)
    const csp = r.headers["content-security-policy"] as string;
    // Its three inline scripts by hash, and 'self' for further expression tables.
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*'){3}; /);
    expect(/script-src ([^;]*)/.exec(csp)![1]).not.toMatch(/unsafe/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).toMatch(/form-action 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(r.body).toContain(`data-live="/api/study/${enc}"`);
    expect(r.body).toContain(`<input type="hidden" name="token" value="${TOKEN}">`);
  });

  it("the JSON of a study carries an ETag: 304 while nothing changes, new data when trials are added", async () => {
    const a = await http(d, "GET", `/api/study/${enc}`);
    expect(a.status).toBe(200);
    const etag = a.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect((JSON.parse(a.body) as { table: { rows: unknown[] } }).table.rows.length).toBe(20);
    expect((await http(d, "GET", `/api/study/${enc}`, { "if-none-match": etag })).status).toBe(304);
    const study = (await storedStudyHandle(EVIL))!;
    await addSeededTrials(study, 20, 25);
    const b = await http(d, "GET", `/api/study/${enc}`, { "if-none-match": etag });
    expect(b.status).toBe(200);
    expect(b.headers.etag).not.toBe(etag);
    expect((JSON.parse(b.body) as { table: { rows: unknown[] } }).table.rows.length).toBe(25);
  });

  it("serves the expression table its page data name, as JavaScript, the page's inline one; 404 for any other", async () => {
    const page = await http(d, "GET", `/study/${enc}`);
    const api = JSON.parse((await http(d, "GET", `/api/study/${enc}`)).body) as { expressions: string };
    expect(api.expressions).toMatch(/^\/api\/expressions\/[0-9a-f]{32}\.js$/);
    const t = await http(d, "GET", api.expressions);
    expect(t.status).toBe(200);
    expect(t.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(t.headers["x-content-type-options"]).toBe("nosniff");
    expect(t.body).toContain("globalThis.tunelabExpressions.add(");
    expect(page.body).toContain(`<script>${t.body}</script>`);
    expect((await http(d, "GET", "/api/expressions/0123456789abcdef0123456789abcdef.js")).status).toBe(404);
    expect((await http(d, "GET", "/api/expressions/..%2F.js")).status).toBe(404);
    expect((await http(d, "POST", api.expressions)).status).toBe(405);
  });

  it("saves a note from its own origin with the token: a study user attr, shown escaped", async () => {
    const form = (note: string, token = TOKEN) =>
      `token=${encodeURIComponent(token)}&note=${encodeURIComponent(note)}`;
    const own = { origin: `http://127.0.0.1:${d.port}`, "content-type": "application/x-www-form-urlencoded" };
    const note = "</textarea><script>alert(2)</script>";
    expect(
      (await http(d, "POST", `/study/${enc}/note`, { ...own, origin: "http://evil.example" }, form(note)))
        .status,
    ).toBe(403);
    expect(
      (await http(d, "POST", `/study/${enc}/note`, { "content-type": own["content-type"] }, form(note)))
        .status,
    ).toBe(403);
    expect((await http(d, "POST", `/study/${enc}/note`, own, form(note, "wrong"))).status).toBe(403);
    expect(
      (await http(d, "POST", `/study/${enc}/note`, { ...own, "content-type": "text/plain" }, form(note)))
        .status,
    ).toBe(415);
    expect((await http(d, "POST", `/study/${enc}/note`, own, form("x".repeat(10_001)))).status).toBe(400);
    const ok = await http(d, "POST", `/study/${enc}/note`, own, form(note));
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/study/${enc}`);
    const id = await storage.getStudyIdFromName(EVIL);
    expect((await storage.getStudyUserAttrs(id))[NOTE_ATTR]).toBe(note);
    const page = await http(d, "GET", `/study/${enc}`);
    expect(page.body).toContain("&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>");
    // A Referer from the dashboard's own page is accepted when the browser sends no Origin.
    const viaReferer = await http(
      d,
      "POST",
      `/study/${enc}/note`,
      { "content-type": own["content-type"], referer: `http://127.0.0.1:${d.port}/study/${enc}` },
      form("second"),
    );
    expect(viaReferer.status).toBe(303);
  });

  it("404 for unknown paths and studies, 405 for wrong methods, 400 for a bad name, 403 for a foreign Host", async () => {
    expect((await http(d, "GET", "/nope")).status).toBe(404);
    expect((await http(d, "GET", "/study/unknown")).status).toBe(404);
    expect((await http(d, "GET", "/api/study/unknown")).status).toBe(404);
    expect((await http(d, "GET", "/study/a/b/c")).status).toBe(404);
    expect((await http(d, "POST", "/")).status).toBe(405);
    expect((await http(d, "GET", `/study/${enc}/note`)).status).toBe(405);
    expect((await http(d, "GET", "/study/%E0%A4%A")).status).toBe(400);
    const foreign = await http(d, "GET", "/", { host: `evil.example:${d.port}` });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatch(/this Host is not served/);
  });

  it("a read-only source (a JSON export) has no note form and refuses notes", async () => {
    const { study } = seededStudy(2, 8, "exported");
    const ro = await startDashboard(staticSource([study]), { token: TOKEN });
    try {
      const page = await http(ro, "GET", "/study/exported");
      expect(page.status).toBe(200);
      expect(page.body).not.toContain("<form");
      expect(page.body).toContain("Read-only");
      const post = await http(
        ro,
        "POST",
        "/study/exported/note",
        { origin: `http://127.0.0.1:${ro.port}`, "content-type": "application/x-www-form-urlencoded" },
        `token=${TOKEN}&note=x`,
      );
      expect(post.status).toBe(405);
    } finally {
      await ro.close();
    }
  });

  it("refuses a non-loopback host without allowRemote, and bad options, naming them", async () => {
    await expect(startDashboard(storageSource(storage), { host: "0.0.0.0" })).rejects.toThrow(
      /not a loopback address/,
    );
    await expect(startDashboard(storageSource(storage), { port: 70000 })).rejects.toThrow(
      /startDashboard: port must be an integer in \[0, 65535\], got 70000/,
    );
    await expect(startDashboard(storageSource(storage), { pollMs: 5 })).rejects.toThrow(
      /pollMs must be an integer in \[100, 3600000\], got 5/,
    );
  });
});

/** The live Study of `name` in the test's storage (to add trials through it). */
async function storedStudyHandle(name: string) {
  const { loadStudy } = await import("@tunelab/study");
  return loadStudy({
    storage,
    studyName: name,
    sampler: {
      inferRelativeSearchSpace: () => ({}),
      sampleRelative: () => ({}),
      sampleIndependent: () => {
        throw new Error("no sampling");
      },
    },
  });
}
