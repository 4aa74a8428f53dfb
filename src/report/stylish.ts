import type { Finding } from "../model/finding.js";
import { paint } from "./color.js";
import type { Reporter } from "./types.js";

/** ESLint-style: findings grouped by file, one line each, then a summary line. */
export const stylishReporter: Reporter = (result, opts) => {
  const p = paint(opts.color);
  const shown = result.findings.filter((f) => !f.suppressed);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of shown) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  for (const [file, list] of byFile) {
    out.push(p.underline(visible(file)));
    const pos = list.map((f) => `${f.line}:${f.column}`);
    const posWidth = Math.max(...pos.map((s) => s.length));
    list.forEach((f, k) => {
      const sev = f.severity === "error" ? p.red("error  ") : f.severity === "warning" ? p.yellow("warning") : p.blue("info   ");
      out.push(`  ${p.dim(pos[k]!.padEnd(posWidth))}  ${sev}  ${visible(f.message)}  ${p.dim(`${f.ruleId} (${f.principle})`)}`);
    });
    out.push("");
  }
  const s = result.summary;
  const total = s.errors + s.warnings + s.infos;
  const files = `${s.files} file${s.files === 1 ? "" : "s"}`;
  const suppressed = s.suppressed ? `, ${s.suppressed} suppressed` : "";
  if (total === 0) {
    out.push(p.green(`✔ no problems in ${files}${suppressed}`));
  } else {
    const line = `✖ ${total} problem${total === 1 ? "" : "s"} (${s.errors} error${s.errors === 1 ? "" : "s"}, ${s.warnings} warning${s.warnings === 1 ? "" : "s"}, ${s.infos} info${s.infos === 1 ? "" : "s"}) in ${files}${suppressed}`;
    out.push(s.errors ? p.red(p.bold(line)) : s.warnings ? p.yellow(p.bold(line)) : p.bold(line));
  }
  return out.join("\n") + "\n";
};

/**
 * Text from the files (image names, instruction words, file names) as it may be shown on a
 * terminal: control characters — an ESC that would erase the line or recolour the rest, a CR,
 * a line break — are shown as escapes instead of acting on the terminal.
 */
export function visible(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
