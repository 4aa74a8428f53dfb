import type { Finding, Severity } from "../model/finding.js";
import type { TextReporter } from "./types.js";

/**
 * GitHub Actions workflow commands, one annotation per finding:
 *   ::error file=<f>,line=<l>,col=<c>,endLine=<l>,endColumn=<c>,title=isolint: <rule>::<message>
 * (warning → `::warning`, info → `::notice`). Escaping is GitHub's: in the message `%`, CR and LF
 * are percent-encoded; in properties `:` and `,` are too.
 *
 * GitHub shows at most 10 annotations of each level per step. The first 10 findings of each
 * level (in report order: file, line, column) become annotations; for a level with more, one
 * plain log line (not an annotation, so it can't itself be dropped by the limit) says how many
 * were not annotated. `col`/`endColumn` are given only when the finding is on one line (GitHub
 * ignores them otherwise) and `endColumn` is inclusive there.
 */

export const ANNOTATIONS_PER_LEVEL = 10;

const COMMAND: Record<Severity, "error" | "warning" | "notice"> = { error: "error", warning: "warning", info: "notice" };
const LEVEL_ORDER: Severity[] = ["error", "warning", "info"];
const NOUN: Record<Severity, [string, string]> = { error: ["error", "errors"], warning: ["warning", "warnings"], info: ["info finding", "info findings"] };

/** Escapes the message part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a property value of a workflow command. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function annotation(f: Finding): string {
  const props: [string, string | number][] = [];
  if (f.file && !f.file.startsWith("<")) {
    props.push(["file", f.file], ["line", f.line]);
    const oneLine = f.endLine === f.line;
    if (oneLine) props.push(["col", f.column]);
    props.push(["endLine", Math.max(f.line, f.endLine)]);
    if (oneLine) props.push(["endColumn", Math.max(f.column, f.endColumn - 1)]);
  }
  props.push(["title", `isolint: ${f.ruleId}`]);
  const body = f.fix ? `${f.message}\nFix: ${f.fix}` : f.message;
  const where = f.file.startsWith("<") ? `${f.file}:${f.line}:${f.column}: ` : "";
  return `::${COMMAND[f.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",")}::${escapeData(where + body)}`;
}

export const githubReporter: TextReporter = (result) => {
  const shown = [...result.findings].filter((f) => !f.suppressed);
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of shown) {
    counts[f.severity]++;
    if (counts[f.severity] <= ANNOTATIONS_PER_LEVEL) lines.push(annotation(f));
  }
  for (const level of LEVEL_ORDER) {
    const more = counts[level] - ANNOTATIONS_PER_LEVEL;
    if (more > 0) {
      const [one, many] = NOUN[level];
      lines.push(
        `isolint: ${more} more ${more === 1 ? one : many} not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level per step); see the log, the job summary or the SARIF report for all ${counts[level]}.`,
      );
    }
  }
  return lines.length ? lines.join("\n") + "\n" : "";
};
