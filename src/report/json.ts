import type { Reporter } from "./types.js";

export const REPORT_VERSION = "1.0.0";

/** The public JSON report (CONTRACT.md): exactly these keys, in this order, suppressed findings left out. */
export const jsonReporter: Reporter = (result) => {
  const findings = result.findings
    .filter((f) => !f.suppressed)
    .map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: f.message,
      principle: f.principle,
      fix: f.fix,
    }));
  return JSON.stringify({ version: REPORT_VERSION, findings, summary: result.summary }, null, 2) + "\n";
};
