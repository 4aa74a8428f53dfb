/** Pieces the SARIF and Markdown reports both write: links to the rule docs and to files, code fences. */

/** Where each rule is documented: `${RULES_DOC_URI}#<rule-id>`. */
export const RULES_DOC_URI = "https://github.com/isolint/isolint/blob/main/docs/rules.md";

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function encodeUriPath(path: string): string {
  return path
    .split("/")
    // Parentheses too: an unbalanced `(` ends a Markdown link early.
    .map((seg) => encodeURIComponent(seg).replace(/[()]/g, (c) => (c === "(" ? "%28" : "%29")))
    .join("/");
}

/** A fenced code block that no backtick run in the text can close (no newline after it). */
export function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${lang}\n${text.trimEnd()}\n${ticks}`;
}
