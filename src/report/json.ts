import type { Finding } from "../model/finding.js";
import type { Reporter } from "./types.js";

export const REPORT_VERSION = "1.0.0";

/** The keys of a finding in the public JSON report (CONTRACT.md), in this order. */
const KEYS = ["ruleId", "severity", "file", "line", "column", "endLine", "endColumn", "message", "principle", "fix"] as const satisfies readonly (keyof Finding)[];

/** Chunks of about this many characters: a large report is written as it is made, never held whole. */
const CHUNK = 64 * 1024;

/**
 * The public JSON report (CONTRACT.md): exactly these keys, in this order, suppressed findings
 * left out — byte for byte what `JSON.stringify(report, null, 2)` gives, written in chunks so
 * that 100 000 findings don't become one 80 MB string (and its copy on the way out).
 */
export const jsonReporter: Reporter = (result) => jsonChunks(result.findings, result.summary);

function* jsonChunks(findings: readonly Finding[], summary: object): Generator<string> {
  let out = `{\n  "version": ${JSON.stringify(REPORT_VERSION)},\n  "findings": [`;
  let first = true;
  for (const f of findings) {
    if (f.suppressed) continue;
    out += first ? "\n    {" : ",\n    {";
    first = false;
    let sep = "\n";
    for (const k of KEYS) {
      const v = f[k];
      if (v === undefined) continue; // as JSON.stringify leaves it out
      out += `${sep}      "${k}": ${JSON.stringify(v)}`;
      sep = ",\n";
    }
    out += sep === "\n" ? "}" : "\n    }";
    if (out.length >= CHUNK) {
      yield out;
      out = "";
    }
  }
  out += first ? "],\n" : "\n  ],\n";
  out += `  "summary": ${JSON.stringify(summary, null, 2).replaceAll("\n", "\n  ")}\n}\n`;
  yield out;
}
