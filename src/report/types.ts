import type { Finding } from "../model/finding.js";
import type { RuleSet } from "../engine/registry.js";

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
}

/** What every reporter receives: the findings of one run, sorted, and the context to describe them. */
export interface AuditResult {
  /**
   * Shown findings, sorted; suppressed ones carry `suppressed` and are not counted in
   * errors/warnings/infos. Iterable more than once, but not an array: a large run's findings
   * are merged from disk as they are read (src/app/finding-store.ts).
   */
  findings: Iterable<Finding>;
  summary: Summary;
  /** Files that were linted, report paths, sorted. */
  files: string[];
  rules: RuleSet;
  cwd: string;
  /** Mermaid flowchart of kernels, tenants and workloads, when known; the markdown report shows it. */
  isolationMap?: string;
}

export interface ReportOptions {
  color: boolean;
}

/** About how many characters (or bytes) a streamed report yields at a time. */
export const REPORT_CHUNK = 64 * 1024;

/**
 * A report: one string, or (large formats) chunks to write one after the other — text, or
 * UTF-8 bytes (the JSON report), each chunk whole characters.
 */
export type Report = string | Iterable<string | Uint8Array>;

export type Reporter = (result: AuditResult, opts: ReportOptions) => Report;
/** A format that is one document (SARIF, JUnit…): made whole. */
export type TextReporter = (result: AuditResult, opts: ReportOptions) => string;

/** A report as one string (for tests, the Action's job summary). */
export function reportText(report: Report): string {
  if (typeof report === "string") return report;
  const utf8 = new TextDecoder();
  return [...report].map((c) => (typeof c === "string" ? c : utf8.decode(c))).join("");
}

export function summarize(findings: Iterable<Finding>, files: number): Summary {
  return countFindings(findings, { files, errors: 0, warnings: 0, infos: 0, suppressed: 0 });
}

/** A summary's counts without the number of files. */
export type Counts = Omit<Summary, "files">;

/** Adds each finding to the counts: suppressed ones apart, the others by severity. */
export function countFindings<C extends Counts>(findings: Iterable<Finding>, into: C): C {
  for (const f of findings) {
    if (f.suppressed) into.suppressed++;
    else if (f.severity === "error") into.errors++;
    else if (f.severity === "warning") into.warnings++;
    else into.infos++;
  }
  return into;
}
