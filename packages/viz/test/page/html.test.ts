import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  clientPage,
  cspHash,
  inlineScript,
  jsonForScript,
  pageExpressions,
  pageScripts,
  vegaBundles,
} from "../../src/page/index.js";

describe("cspHash / inlineScript", () => {
  it("is 'sha256-' and the base64 SHA-256 of the UTF-8 text (CSP hash-source)", () => {
    const s = "alert('é')";
    expect(cspHash(s)).toBe(
      `'sha256-${createHash("sha256").update(Buffer.from(s, "utf8")).digest("base64")}'`,
    );
  });

  it("refuses a script that would end its own <script> element", () => {
    expect(() => inlineScript("x", 'var a = "</script>";')).toThrow(/inlineScript: x holds/);
  });

  it("reads vega's bundle alone (no vega-lite, no vega-embed, no vega-interpreter)", () => {
    const b = vegaBundles();
    expect(b.map((s) => s.name)).toEqual(["vega"]);
    expect(b[0]!.source.length).toBeGreaterThan(400_000);
  });
});

describe("jsonForScript / clientPage", () => {
  it("writes < as \\u003c so no string closes the data block, and parses back", () => {
    const v = { s: "</script><!-- <b>" };
    const j = jsonForScript(v);
    expect(j).not.toContain("<");
    expect(JSON.parse(j)).toEqual(v);
  });

  it("inlines vega, its expression table and the client script, each allowed by hash; 'self' only when asked", () => {
    const table = pageExpressions();
    const html = clientPage({ title: "t", body: "" });
    const csp = /script-src ([^;]*)/.exec(html)![1]!.split(" ");
    expect(csp).toEqual(pageScripts(table).map((s) => s.hash));
    expect(html).toContain(`<script>${table.source}</script>`);
    const live = clientPage({ title: "t", body: "", scripts: "'self'", expressions: table });
    expect(/script-src ([^;]*)/.exec(live)![1]!.split(" ")).toEqual(["'self'", ...csp]);
  });

  it("escapes the title and body attributes, and refuses a body attribute that is not data-*", () => {
    const html = clientPage({ title: "<t>", body: "", bodyAttrs: { "data-live": '"x' } });
    expect(html).toContain("<title>&lt;t&gt;</title>");
    expect(html).toContain('data-live="&quot;x"');
    expect(() => clientPage({ title: "", body: "", bodyAttrs: { onload: "x" } })).toThrow(
      /clientPage: bodyAttrs keys must be data-\* names, got "onload"/,
    );
  });
});
