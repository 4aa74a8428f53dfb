/**
 * Issue 9, the real world: every Dockerfile and Compose file of ../shared/corpus (when it is
 * there) linted in one run — no crash, the contract's JSON, positions inside the files, and
 * no parse-error except on files that Docker itself rejects.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText } from "../src/parse/text.js";
import { spawnSync } from "node:child_process";
import { BIN } from "./helpers/cli.js";
import { checkPositions, checkSorted, parseReport } from "./helpers/report.js";

const CORPUS = resolve(import.meta.dirname, "../../shared/corpus");

/** The CLI on the corpus (its report is a few MB: more than spawnSync keeps by default). */
function lintCorpus() {
  const r = spawnSync(process.execPath, [BIN, "audit", ".", "--format", "json", "--no-config"], { cwd: CORPUS, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { PATH: process.env.PATH, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Files Docker would refuse too, so a parse-error is right. Anything else in the corpus builds
 * or runs with Docker — including devcontainer templates with `${templateOption:…}`
 * placeholders (a valid, if odd, image name or variable to Docker), heredocs, BuildKit flags,
 * the legacy v1 Compose file (a schema-violation, not a parse-error) and paths with spaces.
 */
const DELIBERATELY_INVALID = [
  // Docker Compose's own e2e fixture for a broken project: `WRONG` is not a Dockerfile instruction.
  "docker-compose-v2/pkg/e2e/fixtures/wrong-composefile/",
];

describe.skipIf(!existsSync(CORPUS))("the corpus", () => {
  it("lints in one run: no crash, no parse-error but on files Docker rejects", () => {
    const r = lintCorpus();
    expect(r.stderr).toBe("");
    expect([0, 1]).toContain(r.status);
    const report = parseReport(r.stdout);
    checkSorted(report);
    expect(report.summary.files).toBeGreaterThan(900);

    const parseErrors = report.findings.filter((f) => f.ruleId === "parse-error" && !DELIBERATELY_INVALID.some((d) => f.file.startsWith(d)));
    expect(parseErrors.map((f) => `${f.file}:${f.line}: ${f.message}`)).toEqual([]);
    // The deliberately invalid ones are still reported.
    expect(report.findings.some((f) => f.ruleId === "parse-error" && f.file.startsWith(DELIBERATELY_INVALID[0]!))).toBe(true);

    // Every finding lies inside its file.
    const texts = new Map<string, string>();
    for (const file of new Set(report.findings.map((f) => f.file))) {
      const decoded = decodeText(readFileSync(join(CORPUS, file)));
      if (decoded.ok) texts.set(file, decoded.text);
    }
    checkPositions(report, texts);

    // Template placeholders and the path with a space were linted, not skipped.
    const linted = new Set(report.findings.map((f) => f.file));
    const templated = [...texts].filter(([, t]) => t.includes("${templateOption:")).map(([f]) => f);
    expect(templated.length).toBeGreaterThan(0);
    expect([...linted].some((f) => f.includes("UNNORMALIZED PATH/"))).toBe(true);

    // Same input, same bytes.
    expect(lintCorpus().stdout).toBe(r.stdout);
  }, 120_000);
});
