import { describe, expect, it } from "vitest";
import type { Finding } from "../src/model/finding.js";
import { cell, markdownReporter, renderMarkdown } from "../src/report/markdown.js";
import type { AuditResult } from "../src/report/types.js";
import { makeFinding, makeResult } from "./helpers/findings.js";

const finding = makeFinding;
const result = (findings: Finding[], extra: Partial<AuditResult> = {}) => makeResult(findings, ["Dockerfile", "svc/Dockerfile"], extra);

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("markdown reporter", () => {
  const findings = [
    finding(),
    finding({ ruleId: "no-sudo", severity: "warning", line: 2, endLine: 2, message: "RUN installs sudo | and more\nsecond line" }),
    finding({ ruleId: "minimal-base-image", severity: "info", principle: "minimal-footprint", line: 3, endLine: 3, file: "my dir/Dockerfile" }),
    finding({ line: 9, endLine: 9, suppressed: { reason: "legacy" } }),
  ];
  const md = markdownReporter(result(findings), { color: false });

  it("has a heading and totals by severity and principle", () => {
    expect(md.startsWith("## isolint\n")).toBe(true);
    expect(md).toContain("**3 problems** in 2 files: 1 error, 1 warning, 1 info.");
    expect(md).toMatch(/\| 🔴 error \| 1 \|/);
    expect(md).toContain("| least-privilege | 1 | 1 | 0 |");
    expect(md).toContain("| minimal-footprint | 0 | 0 | 1 |");
  });

  it("has a findings table with relative links and escaped cells", () => {
    expect(md).toContain("| Severity | Rule | Location | Message |");
    expect(md).toContain(
      "| 🔴 error | [`no-root-user`](https://github.com/isolint/isolint/blob/main/docs/rules.md#no-root-user) | [svc/Dockerfile:1](svc/Dockerfile#L1) | The final stage runs as root. |",
    );
    expect(md).toContain("| RUN installs sudo \\| and more<br>second line |");
    expect(md).toContain("[my dir/Dockerfile:3](my%20dir/Dockerfile#L3)");
    // every table row has the same number of unescaped pipes
    const rows = md.split("\n").filter((l) => l.startsWith("| 🔴") || l.startsWith("| 🟠") || l.startsWith("| 🔵"));
    for (const r of rows.slice(3)) expect(r.replace(/\\\|/g, "").split("|").length).toBe(6);
  });

  it("notes the suppressed findings and leaves them out of the table", () => {
    expect(md).toContain("_1 finding suppressed by `isolint-ignore` comments is not shown._");
    expect(md).not.toContain("#L9");
  });

  it("tells findings in the baseline apart from those suppressed by comments", () => {
    const both = [finding(), finding({ line: 9, endLine: 9, suppressed: { reason: "legacy" } }), ...[4, 5].map((line) => finding({ line, endLine: line, suppressed: { reason: "baseline", external: true } }))];
    expect(markdownReporter(result(both), { color: false })).toContain("_1 finding suppressed by `isolint-ignore` comments and 2 findings in the baseline are not shown._");
    const baselineOnly = [finding(), finding({ line: 4, endLine: 4, suppressed: { reason: "baseline", external: true } })];
    expect(markdownReporter(result(baselineOnly), { color: false })).toContain("_1 finding in the baseline is not shown._");
  });

  it("encodes parentheses in link targets (an unbalanced one would end the link)", () => {
    expect(markdownReporter(result([finding({ file: "we(ird/Dockerfile" })]), { color: false })).toContain("[we(ird/Dockerfile:1](we%28ird/Dockerfile#L1)");
  });

  it("escapes Markdown and HTML outside code spans", () => {
    expect(cell("a <b> & *c* `x|<y>` [l](u)")).toBe("a &lt;b&gt; &amp; \\*c\\* `x\\|<y>` \\[l\\](u)");
    expect(cell("one\r\ntwo\nthree")).toBe("one<br>two<br>three");
  });

  it("says so when there is nothing to report", () => {
    const clean = markdownReporter(result([]), { color: false });
    expect(clean).toContain("✅ No problems in 2 files.");
    expect(clean).not.toContain("| Severity |");
  });

  it("appends the isolation map in a mermaid block", () => {
    const map = "flowchart LR\n  host[Docker host] --> api\n";
    const out = markdownReporter(result([finding()], { isolationMap: map }), { color: false });
    expect(out).toContain("### Isolation map\n\n```mermaid\nflowchart LR\n  host[Docker host] --> api\n```\n");
    expect(out.indexOf("### Isolation map")).toBeGreaterThan(out.indexOf("### Findings"));
    expect(markdownReporter(result([finding()]), { color: false })).not.toContain("Isolation map");
  });

  it("stays under GitHub's 1 MiB summary limit, with an '… and N more' row", () => {
    const long = "x".repeat(400);
    const lots = Array.from({ length: 5000 }, (_, i) => finding({ line: i + 1, endLine: i + 1, message: `${i} ${long}` }));
    const out = markdownReporter(result(lots, { isolationMap: "flowchart LR\n  a --> b\n" }), { color: false });
    expect(bytes(out)).toBeLessThanOrEqual(1024 * 1024);
    const m = /… and (\d+) more findings/.exec(out);
    expect(m).not.toBeNull();
    const shownRows = out.split("\n").filter((l) => l.startsWith("| 🔴 error | [")).length;
    expect(shownRows + Number(m![1])).toBe(5000);
    expect(shownRows).toBeGreaterThan(1000);
    expect(out).toContain("```mermaid");

    const small = renderMarkdown(result(lots), 20_000);
    expect(bytes(small)).toBeLessThanOrEqual(20_000);
    expect(small).toMatch(/… and \d+ more findings/);
  });
});
