import type { Range } from "./range.js";

export type Severity = "error" | "warning" | "info";
export type SeverityLevel = Severity | "off";
export type FileKind = "dockerfile" | "compose" | "vm";

export const SEVERITY_RANK: Record<SeverityLevel, number> = { off: 0, info: 1, warning: 2, error: 3 };

export type Principle =
  | "least-privilege"
  | "one-service"
  | "tenant-isolation"
  | "minimal-exposure"
  | "resource-limits"
  | "filesystem-isolation"
  | "minimal-footprint"
  | "correctness";

/** What a check reports: where and what. The engine adds severity, principle and fix. */
export interface Report {
  range: Range;
  message: string;
  /** The file the finding belongs to, when a check reports about a file other than the one it reads. */
  file?: string;
  /** Caps the severity of this one finding (e.g. a deliberate `HEALTHCHECK NONE` stays info). */
  maxSeverity?: Severity;
  /** Replaces the rule's generic fix text when the check knows better. */
  fix?: string;
}

/** One finding in the public JSON report (CONTRACT.md). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  principle: Principle;
  fix: string;
  /** Not part of the JSON report: set when an inline comment (or, `external`, a baseline) suppressed the finding. */
  suppressed?: { reason: string; external?: boolean };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.ruleId, b.ruleId) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    cmp(a.message, b.message)
  );
}

/** Code-unit order: the same in every locale, so output is byte-for-byte stable. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
