import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clientPage, cspHash, inlineScript, jsonForScript, vegaBundles } from "../../src/page/index.js";

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

  it("reads the three pinned bundles: vega, vega-lite, vega-embed", () => {
    const b = vegaBundles();
    expect(b.map((s) => s.name)).toEqual(["vega", "vega-lite", "vega-embed"]);
    for (const s of b) expect(s.source.length).toBeGreaterThan(50_000);
  });
});

describe("jsonForScript / clientPage", () => {
  it("writes < as \\u003c so no string closes the data block, and parses back", () => {
    const v = { s: "</script><!-- <b>" };
    const j = jsonForScript(v);
    expect(j).not.toContain("<");
    expect(JSON.parse(j)).toEqual(v);
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
