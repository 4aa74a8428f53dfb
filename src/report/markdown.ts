import type { Finding, Principle, Severity } from "../model/finding.js";
import { cmp } from "../model/finding.js";
import { encodeUriPath, fence, RULES_DOC_URI } from "./links.js";
import type { AuditResult, TextReporter } from "./types.js";

/**
 * A Markdown report for a GitHub job summary or a pull-request comment: totals by severity and
 * by principle, a table of the findings, the number suppressed, and the isolation map (Mermaid)
 * when the audit has one. GitHub takes at most 1 MiB per step summary: the table is cut short
 * with an "… and N more" row so the whole report stays under `maxBytes`.
 */

/** GitHub's limit for one step's job summary. */
export const GITHUB_SUMMARY_LIMIT = 1024 * 1024;
/** What the report aims to stay under by default: the limit less room for anything else. */
export const MARKDOWN_MAX_BYTES = GITHUB_SUMMARY_LIMIT - 16 * 1024;

const SEVERITY_LABEL: Record<Severity, string> = { error: "🔴 error", warning: "🟠 warning", info: "🔵 info" };

const bytes = (s: string) => Buffer.byteLength(s, "utf8");
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Escapes Markdown outside code spans; inside them only the table's `|`. */
function escapeInline(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\\/g, "\\\\")
            .replace(/&/g, "&amp;")
            .replace(/</g, "&lt;")
            .replace(/>/g, "&gt;")
            .replace(/([*_[\]~])/g, "\\$1"),
    )
    .join("");
}

/** A table cell: inline Markdown escaped, `|` escaped everywhere, newlines as <br>. */
export function cell(text: string): string {
  return escapeInline(text.replace(/\r\n?/g, "\n"))
    .replace(/\|/g, "\\|")
    .replace(/\n/g, "<br>");
}

function location(f: Finding): string {
  const text = `${f.file}:${f.line}`;
  if (f.file.startsWith("<")) return cell(text);
  return `[${cell(text)}](${encodeUriPath(f.file)}#L${f.line})`;
}

function row(f: Finding): string {
  const rule = `[\`${f.ruleId}\`](${RULES_DOC_URI}#${f.ruleId})`;
  return `| ${SEVERITY_LABEL[f.severity]} | ${rule} | ${location(f)} | ${cell(f.message)} |\n`;
}

function moreRow(n: number): string {
  return `| … | | | … and ${plural(n, "more finding")} (left out to keep this report under GitHub's 1 MiB summary limit; the SARIF and JSON reports have them all) |\n`;
}

export function renderMarkdown(result: AuditResult, maxBytes: number = MARKDOWN_MAX_BYTES): string {
  const shown = [...result.findings].filter((f) => !f.suppressed);
  const s = result.summary;
  const total = s.errors + s.warnings + s.infos;
  const files = plural(s.files, "file");

  let head = "## isolint\n\n";
  if (total === 0) {
    head += `✅ No problems in ${files}.\n\n`;
  } else {
    head += `**${plural(total, "problem")}** in ${files}: ${plural(s.errors, "error")}, ${plural(s.warnings, "warning")}, ${plural(s.infos, "info")}.\n\n`;
    head += "| Severity | Findings |\n| --- | ---: |\n";
    head += `| ${SEVERITY_LABEL.error} | ${s.errors} |\n| ${SEVERITY_LABEL.warning} | ${s.warnings} |\n| ${SEVERITY_LABEL.info} | ${s.infos} |\n\n`;

    const byPrinciple = new Map<Principle, Record<Severity, number>>();
    for (const f of shown) {
      let c = byPrinciple.get(f.principle);
      if (!c) byPrinciple.set(f.principle, (c = { error: 0, warning: 0, info: 0 }));
      c[f.severity]++;
    }
    head += "### By principle\n\n| Principle | Errors | Warnings | Infos |\n| --- | ---: | ---: | ---: |\n";
    for (const p of [...byPrinciple.keys()].sort(cmp)) {
      const c = byPrinciple.get(p)!;
      head += `| ${cell(p)} | ${c.error} | ${c.warning} | ${c.info} |\n`;
    }
    head += "\n### Findings\n\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n";
  }

  let note = "";
  if (s.suppressed > 0) {
    // Comments and a baseline (CI's --baseline) are different decisions: say which is which.
    let baseline = 0;
    for (const f of result.findings) if (f.suppressed?.external) baseline++;
    const inline = s.suppressed - baseline;
    const parts = [inline > 0 ? `${plural(inline, "finding")} suppressed by \`isolint-ignore\` comments` : "", baseline > 0 ? `${plural(baseline, "finding")} in the baseline` : ""].filter(Boolean);
    note = `\n_${parts.join(" and ")} ${s.suppressed === 1 ? "is" : "are"} not shown._\n`;
  }
  let map = "";
  if (result.isolationMap && result.isolationMap.trim()) {
    map = `\n### Isolation map\n\n${fence(result.isolationMap, "mermaid")}\n`;
    if (bytes(head) + bytes(note) + bytes(map) > maxBytes) {
      map = "\n### Isolation map\n\n_Left out: too large for a job summary._\n";
    }
  }
  const footer = note + map;

  const rows = shown.map(row);
  const fixed = bytes(head) + bytes(footer);
  const all = rows.reduce((n, r) => n + bytes(r), 0);
  let body: string;
  if (fixed + all <= maxBytes) {
    body = rows.join("");
  } else {
    const reserve = bytes(moreRow(rows.length));
    let used = fixed + reserve;
    let k = 0;
    while (k < rows.length && used + bytes(rows[k]!) <= maxBytes) used += bytes(rows[k++]!);
    body = rows.slice(0, k).join("") + moreRow(rows.length - k);
  }
  return head + body + footer;
}

export const markdownReporter: TextReporter = (result) => renderMarkdown(result);
