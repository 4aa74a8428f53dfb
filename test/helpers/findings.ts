/** Findings and audit results made by hand, for the reporter tests. */
import { builtinRuleList, RuleSet } from "../../src/engine/registry.js";
import type { Finding } from "../../src/model/finding.js";
import { summarize, type AuditResult } from "../../src/report/types.js";

export const builtinRules = new RuleSet(builtinRuleList());

/** A no-root-user error at svc/Dockerfile:1:1-13, with `over` replacing any field. */
export function makeFinding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: "no-root-user",
    severity: "error",
    file: "svc/Dockerfile",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 13,
    message: "The final stage runs as root.",
    principle: "least-privilege",
    fix: "Add USER 10001.",
    ...over,
  };
}

/** An audit of `files` (cwd /tmp) that found `findings`. */
export function makeResult(findings: Finding[], files: string[], extra: Partial<AuditResult> = {}): AuditResult {
  return { findings, summary: summarize(findings, files.length), files, rules: builtinRules, cwd: "/tmp", ...extra };
}
