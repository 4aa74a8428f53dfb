/**
 * Checks of the JSON report of CONTRACT.md, shared by the robustness, property and corpus
 * tests: the shape, the order of findings, and that every position lies inside its file.
 * Each check throws an Error saying what is wrong (fast-check shrinks on it).
 */
import { splitLines } from "../../src/parse/text.js";

export interface ReportFinding {
  ruleId: string;
  severity: "error" | "warning" | "info";
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  principle: string;
  fix: string;
}

export interface Report {
  version: string;
  findings: ReportFinding[];
  summary: { files: number; errors: number; warnings: number; infos: number; suppressed: number };
}

const FINDING_KEYS = ["ruleId", "severity", "file", "line", "column", "endLine", "endColumn", "message", "principle", "fix"];
const SUMMARY_KEYS = ["files", "errors", "warnings", "infos", "suppressed"];

function fail(why: string): never {
  throw new Error(`report: ${why}`);
}

/** Parses stdout as the contract's JSON report, or throws saying why it isn't one. */
export function parseReport(stdout: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch (e) {
    fail(`stdout is not JSON (${(e as Error).message}): ${JSON.stringify(stdout.slice(0, 300))}`);
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) fail("not an object");
  const r = data as Record<string, unknown>;
  if (JSON.stringify(Object.keys(r)) !== JSON.stringify(["version", "findings", "summary"])) fail(`top-level keys ${JSON.stringify(Object.keys(r))}`);
  if (typeof r.version !== "string" || !/^\d+\.\d+\.\d+$/.test(r.version)) fail(`version ${JSON.stringify(r.version)}`);
  if (!Array.isArray(r.findings)) fail("findings is not a list");
  for (const f of r.findings as Record<string, unknown>[]) {
    const at = JSON.stringify(f).slice(0, 200);
    if (!f || typeof f !== "object" || JSON.stringify(Object.keys(f)) !== JSON.stringify(FINDING_KEYS)) fail(`finding keys: ${at}`);
    for (const k of ["ruleId", "file", "message", "principle", "fix"]) if (typeof f[k] !== "string") fail(`${k} is not a string: ${at}`);
    if ((f.ruleId as string) === "" || (f.message as string) === "") fail(`empty ruleId or message: ${at}`);
    if (!["error", "warning", "info"].includes(f.severity as string)) fail(`severity: ${at}`);
    for (const k of ["line", "column", "endLine", "endColumn"]) if (!Number.isInteger(f[k]) || (f[k] as number) < 1) fail(`${k} is not an integer >= 1: ${at}`);
  }
  const s = r.summary as Record<string, unknown>;
  if (!s || typeof s !== "object" || JSON.stringify(Object.keys(s)) !== JSON.stringify(SUMMARY_KEYS)) fail(`summary keys: ${JSON.stringify(s)}`);
  for (const k of SUMMARY_KEYS) if (!Number.isInteger(s[k]) || (s[k] as number) < 0) fail(`summary.${k}: ${JSON.stringify(s)}`);
  const findings = r.findings as ReportFinding[];
  const count = (sev: string) => findings.filter((f) => f.severity === sev).length;
  if (s.errors !== count("error") || s.warnings !== count("warning") || s.infos !== count("info")) fail(`summary counts ${JSON.stringify(s)} don't match the findings`);
  return data as Report;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Findings are sorted by file, line, column, ruleId (CONTRACT.md). */
export function checkSorted(report: Report): void {
  const f = report.findings;
  for (let i = 1; i < f.length; i++) {
    const a = f[i - 1]!;
    const b = f[i]!;
    const c = cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId);
    if (c > 0) fail(`findings out of order: ${a.file}:${a.line}:${a.column} ${a.ruleId} before ${b.file}:${b.line}:${b.column} ${b.ruleId}`);
  }
}

/**
 * Every finding about one of these files (report path → text) lies inside it:
 * 1 ≤ line ≤ endLine ≤ lines, 1 ≤ column ≤ length of the line + 1 (the same for the end),
 * endColumn ≥ column on one line.
 */
export function checkPositions(report: Report, texts: ReadonlyMap<string, string>): void {
  for (const f of report.findings) {
    const text = texts.get(f.file);
    if (text === undefined) continue;
    const all = splitLines(text.startsWith("\ufeff") ? text.slice(1) : text);
    const lines = all.length;
    const at = `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId} (${lines} lines)`;
    if (f.line > lines) fail(`line past the end of the file: ${at}`);
    if (f.endLine < f.line || f.endLine > lines) fail(`endLine outside [line, ${lines}]: ${at}`);
    if (f.endLine === f.line && f.endColumn < f.column) fail(`endColumn before column: ${at}`);
    if (f.column > all[f.line - 1]!.length + 1) fail(`column past the end of line ${f.line} (${all[f.line - 1]!.length} characters): ${at}`);
    if (f.endColumn > all[f.endLine - 1]!.length + 1) fail(`endColumn past the end of line ${f.endLine} (${all[f.endLine - 1]!.length} characters): ${at}`);
  }
}

export function findingsOf(report: Report, file: string, ruleId?: string): ReportFinding[] {
  return report.findings.filter((f) => f.file === file && (ruleId === undefined || f.ruleId === ruleId));
}
