import type { Finding } from "../model/finding.js";
import { paint } from "./color.js";
import { REPORT_CHUNK, type AuditResult, type Reporter } from "./types.js";

/** ESLint-style: findings grouped by file, one line each, then a summary line. Written file by file. */
export const stylishReporter: Reporter = (result, opts) => stylishChunks(result, opts.color);

function* stylishChunks(result: AuditResult, color: boolean): Generator<string> {
  const p = paint(color);
  let out = "";
  // Findings are sorted by file: each file's are one run.
  let group: Finding[] = [];
  const flush = () => {
    if (group.length === 0) return;
    out += `${p.underline(visible(group[0]!.file))}\n`;
    const pos = group.map((f) => `${f.line}:${f.column}`);
    const posWidth = pos.reduce((w, s) => Math.max(w, s.length), 0);
    group.forEach((f, k) => {
      const sev = f.severity === "error" ? p.red("error  ") : f.severity === "warning" ? p.yellow("warning") : p.blue("info   ");
      out += `  ${p.dim(pos[k]!.padEnd(posWidth))}  ${sev}  ${visible(f.message)}  ${p.dim(`${f.ruleId} (${f.principle})`)}\n`;
    });
    out += "\n";
    group = [];
  };
  for (const f of result.findings) {
    if (f.suppressed) continue;
    if (group.length > 0 && group[0]!.file !== f.file) {
      flush();
      if (out.length >= REPORT_CHUNK) {
        yield out;
        out = "";
      }
    }
    group.push(f);
  }
  flush();
  const s = result.summary;
  const total = s.errors + s.warnings + s.infos;
  const files = `${s.files} file${s.files === 1 ? "" : "s"}`;
  const suppressed = s.suppressed ? `, ${s.suppressed} suppressed` : "";
  if (total === 0) {
    out += p.green(`✔ no problems in ${files}${suppressed}`);
  } else {
    const line = `✖ ${total} problem${total === 1 ? "" : "s"} (${s.errors} error${s.errors === 1 ? "" : "s"}, ${s.warnings} warning${s.warnings === 1 ? "" : "s"}, ${s.infos} info${s.infos === 1 ? "" : "s"}) in ${files}${suppressed}`;
    out += s.errors ? p.red(p.bold(line)) : s.warnings ? p.yellow(p.bold(line)) : p.bold(line);
  }
  yield out + "\n";
}

/**
 * Text from the files (image names, instruction words, file names) as it may be shown on a
 * terminal: control characters — an ESC that would erase the line or recolour the rest, a CR,
 * a line break — are shown as escapes instead of acting on the terminal.
 */
export function visible(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
