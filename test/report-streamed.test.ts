/**
 * The json and stylish reports are written in chunks as they are made (a monorepo's 100 000
 * findings never become one string). Joined, the chunks must be exactly the whole report:
 * for JSON, byte for byte what JSON.stringify(report, null, 2) gives.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../src/model/finding.js";
import { jsonReporter, REPORT_VERSION } from "../src/report/json.js";
import { stylishReporter } from "../src/report/stylish.js";
import { reportText } from "../src/report/types.js";
import { makeFinding, makeResult } from "./helpers/findings.js";

const KEYS = ["ruleId", "severity", "file", "line", "column", "endLine", "endColumn", "message", "principle", "fix"] as const;

function expectedJson(findings: Finding[], files: string[]): string {
  const result = makeResult(findings, files);
  const shown = findings.filter((f) => !f.suppressed).map((f) => Object.fromEntries(KEYS.map((k) => [k, f[k]])));
  return JSON.stringify({ version: REPORT_VERSION, findings: shown, summary: result.summary }, null, 2) + "\n";
}

/** Many findings over many files, with the text JSON must escape. */
function many(n: number): Finding[] {
  return Array.from({ length: n }, (_, i) =>
    makeFinding({
      file: `svc${String(Math.floor(i / 7)).padStart(5, "0")}/Dockerfile`,
      line: (i % 7) + 1,
      message: `Finding ${i}: "quoted" \\ back\tslash — ünïcode \u2028 ${"x".repeat(i % 50)}`,
      severity: (["error", "warning", "info"] as const)[i % 3],
      suppressed: i % 11 === 0 ? { reason: "baseline" } : undefined,
    }),
  );
}

describe("json report", () => {
  it("is what JSON.stringify gives, with no findings", () => {
    const out = jsonReporter(makeResult([], ["a/Dockerfile"]), { color: false });
    expect(reportText(out)).toBe(expectedJson([], ["a/Dockerfile"]));
  });

  it("leaves out a key whose value is missing, as JSON.stringify does", () => {
    const f = { ...makeFinding() } as Partial<Finding>;
    delete f.fix;
    const out = reportText(jsonReporter(makeResult([f as Finding], ["svc/Dockerfile"]), { color: false }));
    expect(out).toBe(expectedJson([f as Finding], ["svc/Dockerfile"]));
    expect(JSON.parse(out).findings[0]).not.toHaveProperty("fix");
  });

  it("comes in several chunks of UTF-8 for many findings, each whole characters, and they join to the exact report", () => {
    const findings = many(5000);
    const files = [...new Set(findings.map((f) => f.file))];
    const chunks = [...(jsonReporter(makeResult(findings, files), { color: false }) as Iterable<Uint8Array>)];
    expect(chunks.length).toBeGreaterThan(5);
    const strict = new TextDecoder("utf-8", { fatal: true });
    expect(chunks.map((c) => strict.decode(c)).join("")).toBe(expectedJson(findings, files));
    expect(Buffer.concat(chunks).equals(Buffer.from(expectedJson(findings, files), "utf8"))).toBe(true);
  });

  it("escapes what JSON.stringify escapes, in paths and messages, and takes a message longer than a chunk", () => {
    const findings = [
      makeFinding({ file: 'we"ird\\dir/Dockerfile', message: "lone \ud800 surrogate, a pair 🐳, \u0000 nul, \u001f" }),
      makeFinding({ file: "ünï/Dockerfile", message: "€".repeat(100_000), line: 12345, column: 678 }),
      makeFinding({ file: "ünï/Dockerfile", message: "x".repeat(300_000), line: 7, endLine: 1_000_000 }),
    ];
    const files = [...new Set(findings.map((f) => f.file))];
    expect(reportText(jsonReporter(makeResult(findings, files), { color: false }))).toBe(expectedJson(findings, files));
  });
});

describe("stylish report", () => {
  it("comes in chunks that end at a file's end, and they join to one line per finding grouped by file", () => {
    const findings = many(5000);
    const files = [...new Set(findings.map((f) => f.file))];
    const chunks = [...(stylishReporter(makeResult(findings, files), { color: false }) as Iterable<string>)];
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks.slice(0, -1)) expect(c.endsWith("\n\n")).toBe(true);
    const text = chunks.join("");
    const shown = findings.filter((f) => !f.suppressed);
    // Each file's heading once, then its findings.
    expect(text.split("\n").filter((l) => /^svc\d+\/Dockerfile$/.test(l))).toEqual([...new Set(shown.map((f) => f.file))]);
    expect(text.split("\n").filter((l) => l.startsWith("  ")).length).toBe(shown.length);
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/^✖ \d+ problems \(\d+ errors, \d+ warnings, \d+ infos\) in 715 files, \d+ suppressed$/);
  });
});
