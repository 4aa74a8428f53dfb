import type { Finding } from "../model/finding.js";
import { cmp } from "../model/finding.js";
import type { TextReporter } from "./types.js";

/**
 * JUnit XML, as CI systems read test reports: one `<testsuite name="isolint">`; a `<testcase>`
 * per unsuppressed finding (classname = file, name = file:line:column rule), each with one
 * `<failure>` (type = rule id) — JUnit readers show one failure per test case — and a passing
 * `<testcase>` per linted file without findings. Times are 0 and there is no timestamp, so the
 * same input gives the same bytes.
 */

/** Drops what XML 1.0 can't hold at all: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
export function xmlSafe(s: string): string {
  return s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
}

/** Element text. */
export function xmlText(s: string): string {
  return xmlSafe(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A double-quoted attribute value; whitespace characters as references so parsers keep them. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

function failure(f: Finding): string {
  const body = [`${f.file}:${f.line}:${f.column}`, `severity: ${f.severity}`, `principle: ${f.principle}`, `rule: ${f.ruleId}`, `fix: ${f.fix}`].join("\n");
  const name = `${f.file}:${f.line}:${f.column} ${f.ruleId}`;
  return (
    `    <testcase classname="${xmlAttr(f.file)}" name="${xmlAttr(name)}" file="${xmlAttr(f.file)}" line="${f.line}" time="0">\n` +
    `      <failure type="${xmlAttr(f.ruleId)}" message="${xmlAttr(f.message)}">${xmlText(body)}</failure>\n` +
    "    </testcase>\n"
  );
}

export const junitReporter: TextReporter = (result) => {
  const byFile = new Map<string, Finding[]>();
  for (const file of result.files) byFile.set(file, []);
  for (const f of result.findings) {
    if (f.suppressed) continue;
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const files = [...byFile.keys()].sort(cmp);
  const failures = [...byFile.values()].reduce((n, l) => n + l.length, 0);
  const clean = files.filter((f) => byFile.get(f)!.length === 0).length;
  const tests = failures + clean;
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<testsuites name="isolint" tests="${tests}" failures="${failures}" errors="0" time="0">\n`;
  out += `  <testsuite name="isolint" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="0">\n`;
  out += `    <properties>\n      <property name="files" value="${files.length}"/>\n      <property name="suppressed" value="${result.summary.suppressed}"/>\n    </properties>\n`;
  for (const file of files) {
    const list = byFile.get(file)!;
    if (list.length === 0) out += `    <testcase classname="${xmlAttr(file)}" name="${xmlAttr(file)}" file="${xmlAttr(file)}" time="0"/>\n`;
    else out += list.map(failure).join("");
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
};
