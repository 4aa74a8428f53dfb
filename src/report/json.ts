import type { Finding } from "../model/finding.js";
import { REPORT_CHUNK, type Reporter } from "./types.js";

export const REPORT_VERSION = "1.0.0";

/** The keys of a finding in the public JSON report (CONTRACT.md), in this order. */
const KEYS = ["ruleId", "severity", "file", "line", "column", "endLine", "endColumn", "message", "principle", "fix"] as const satisfies readonly (keyof Finding)[];

/**
 * The public JSON report (CONTRACT.md): exactly these keys, in this order, suppressed findings
 * left out — byte for byte what `JSON.stringify(report, null, 2)` gives, written in chunks so
 * that 100 000 findings don't become one 80 MB string (and its copy on the way out).
 */
export const jsonReporter: Reporter = (result) => jsonChunks(result.findings, result.summary);

function* jsonChunks(findings: readonly Finding[], summary: object): Generator<string> {
  // Parts joined once per chunk: one flat string each (cheaper to write than a long `+=` chain).
  let parts: string[] = [`{\n  "version": ${JSON.stringify(REPORT_VERSION)},\n  "findings": [`];
  let size = 0;
  let first = true;
  const quoted = new QuotedCache();
  for (const f of findings) {
    if (f.suppressed) continue;
    const text = findingJson(f, quoted);
    parts.push(first ? "\n    " : ",\n    ", text);
    size += text.length + 6;
    first = false;
    if (size >= REPORT_CHUNK) {
      yield parts.join("");
      parts = [];
      size = 0;
    }
  }
  parts.push(first ? "],\n" : "\n  ],\n", `  "summary": ${JSON.stringify(summary, null, 2).replaceAll("\n", "\n  ")}\n}\n`);
  yield parts.join("");
}

/** One finding as JSON.stringify(finding, null, 2) indents it four deeper: every key, in order. */
function findingJson(f: Finding, q: QuotedCache): string {
  if (f.ruleId === undefined || f.severity === undefined || f.file === undefined || f.message === undefined || f.principle === undefined || f.fix === undefined) {
    // A key without a value is left out, as JSON.stringify does.
    const lines = KEYS.filter((k) => f[k] !== undefined).map((k) => `      "${k}": ${jsonValue(f[k])}`);
    return lines.length === 0 ? "{}" : `{\n${lines.join(",\n")}\n    }`;
  }
  return `{
      "ruleId": ${q.get(f.ruleId)},
      "severity": ${q.get(f.severity)},
      "file": ${q.get(f.file)},
      "line": ${jsonValue(f.line)},
      "column": ${jsonValue(f.column)},
      "endLine": ${jsonValue(f.endLine)},
      "endColumn": ${jsonValue(f.endColumn)},
      "message": ${jsonValue(f.message)},
      "principle": ${q.get(f.principle)},
      "fix": ${q.get(f.fix)}
    }`;
}

/**
 * Rule ids, severities, principles, fixes and file paths repeat from finding to finding: each
 * is quoted once. (Bounded: a report has few distinct ones of each; messages are not cached.)
 */
class QuotedCache {
  private readonly map = new Map<string, string>();

  get(s: string): string {
    let out = this.map.get(s);
    if (out === undefined) {
      out = jsonValue(s);
      this.map.set(s, out);
    }
    return out;
  }
}

/** What JSON.stringify needs to escape in a string: quotes, backslashes, control characters, surrogates (when lone). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify(v), without its cost for the common case: an integer, a string with nothing to escape. */
function jsonValue(v: unknown): string {
  if (typeof v === "string") return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
  if (typeof v === "number" && Number.isInteger(v)) return String(v);
  return JSON.stringify(v) ?? "null";
}
