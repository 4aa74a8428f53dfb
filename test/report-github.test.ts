import { describe, expect, it } from "vitest";
import type { Finding, Severity } from "../src/model/finding.js";
import { annotation, escapeData, escapeProperty, githubReporter } from "../src/report/github.js";
import { makeFinding, makeResult } from "./helpers/findings.js";

const finding = makeFinding;
const result = (findings: Finding[]) => makeResult(findings, ["svc/Dockerfile"]);

function many(severity: Severity, n: number): Finding[] {
  return Array.from({ length: n }, (_, i) => finding({ severity, line: i + 1, endLine: i + 1, message: `${severity} ${i + 1}` }));
}

describe("github reporter", () => {
  it("escapes data and properties as GitHub does", () => {
    expect(escapeData("100% done\r\nnext: a,b")).toBe("100%25 done%0D%0Anext: a,b");
    expect(escapeProperty("a:b,c%d\ne")).toBe("a%3Ab%2Cc%25d%0Ae");
  });

  it("writes one workflow command per finding with location and a rule-id title", () => {
    expect(annotation(finding())).toBe(
      "::error file=svc/Dockerfile,line=1,col=1,endLine=1,endColumn=12,title=isolint%3A no-root-user::The final stage runs as root.%0AFix: Add USER 10001.",
    );
    expect(annotation(finding({ severity: "warning" }))).toMatch(/^::warning /);
    expect(annotation(finding({ severity: "info" }))).toMatch(/^::notice /);
  });

  it("escapes file names and messages", () => {
    const a = annotation(finding({ file: "a,b:c/Docker%file", message: "two\nlines, 50%", fix: "" }));
    expect(a).toBe("::error file=a%2Cb%3Ac/Docker%25file,line=1,col=1,endLine=1,endColumn=12,title=isolint%3A no-root-user::two%0Alines, 50%25");
    expect(a.split("\n")).toHaveLength(1);
  });

  it("leaves out columns for a finding over several lines", () => {
    expect(annotation(finding({ line: 2, endLine: 4, endColumn: 3 }))).toMatch(/^::error file=svc\/Dockerfile,line=2,endLine=4,title=/);
  });

  it("leaves out the file for stdin", () => {
    const a = annotation(finding({ file: "<stdin>", line: 3, column: 2 }));
    expect(a).toMatch(/^::error title=isolint%3A no-root-user::<stdin>:3:2: The final stage/);
  });

  it("leaves suppressed findings out", () => {
    const out = githubReporter(result([finding(), finding({ line: 2, endLine: 2, suppressed: { reason: "ok" } })]), { color: false });
    expect(out.trimEnd().split("\n")).toHaveLength(1);
    expect(githubReporter(result([]), { color: false })).toBe("");
  });

  it("annotates 10 findings per level, then one summary line per level", () => {
    const fs = [...many("error", 13), ...many("warning", 11), ...many("info", 10)];
    const lines = githubReporter(result(fs), { color: false }).trimEnd().split("\n");
    expect(lines.filter((l) => l.startsWith("::error ")).length).toBe(10);
    expect(lines.filter((l) => l.startsWith("::warning ")).length).toBe(10);
    expect(lines.filter((l) => l.startsWith("::notice ")).length).toBe(10);
    const summaries = lines.filter((l) => !l.startsWith("::"));
    expect(summaries).toEqual([
      "isolint: 3 more errors not annotated (GitHub shows 10 per level per step); see the log, the job summary or the SARIF report for all 13.",
      "isolint: 1 more warning not annotated (GitHub shows 10 per level per step); see the log, the job summary or the SARIF report for all 11.",
    ]);
    // the first ten, in report order
    expect(lines.filter((l) => l.startsWith("::error ")).map((l) => l.split("::")[2]!.split("%0A")[0])).toEqual(
      Array.from({ length: 10 }, (_, i) => `error ${i + 1}`),
    );
    expect(lines.length).toBe(32);
  });
});
