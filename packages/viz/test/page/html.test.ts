import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  clientPage,
  cspHash,
  inlineScript,
  interpreterScript,
  jsonForScript,
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

  it("reads vega's bundle and vega-interpreter as a classic script (no vega-lite, no vega-embed)", () => {
    const b = vegaBundles();
    expect(b.map((s) => s.name)).toEqual(["vega", "vega-interpreter"]);
    expect(b[0]!.source.length).toBeGreaterThan(400_000);
    const interp = b[1]!.source;
    expect(interp).toContain("vega.expressionInterpreter = ");
    expect(interp).not.toMatch(/^(import|export) /m);
  });
});

describe("interpreterScript", () => {
  it("binds the vega-util imports to the global vega and assigns the export to vega.expressionInterpreter", () => {
    const mod =
      "import { a, b as c } from 'vega-util';\n\nconst e = a + c;\n\nexport { e as expressionInterpreter };\n//# sourceMappingURL=x.map\n";
    const out = interpreterScript(mod);
    const vega: Record<string, unknown> = { a: 1, b: 2 };
    new Function("vega", out)(vega);
    expect(vega.expressionInterpreter).toBe(3);
    expect(out).not.toContain("sourceMappingURL");
  });

  it("refuses a module of another form, naming itself", () => {
    expect(() =>
      interpreterScript("import x from 'vega-util';\nexport { x as expressionInterpreter };\n"),
    ).toThrow(/^interpreterScript: vega-interpreter's module is not/);
    expect(() =>
      interpreterScript(
        "import { a } from 'vega-util';\nimport { b } from 'other';\nexport { a as expressionInterpreter };\n",
      ),
    ).toThrow(/^interpreterScript:/);
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
