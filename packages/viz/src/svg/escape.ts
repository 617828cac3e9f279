/** Escaping text for HTML and SVG. */

/**
 * Escapes text for HTML and SVG (element text and double-quoted attribute values).
 * @example escapeHtml('a < b & "c"') // "a &lt; b &amp; &quot;c&quot;"
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
