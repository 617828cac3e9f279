import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/svg/escape.js";

describe("escapeHtml(s)", () => {
  it("escapes &, <, > and double quotes, & first", () => {
    expect(escapeHtml('a < b & "c" > d')).toBe("a &lt; b &amp; &quot;c&quot; &gt; d");
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
    expect(escapeHtml("plain")).toBe("plain");
    expect(escapeHtml("")).toBe("");
  });
});
