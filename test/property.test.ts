/**
 * Issue 9, property-based: generated Dockerfiles, Compose files and VM specs, and mutations
 * of real corpus files (when ../shared/corpus is there), each linted in-process twice. See
 * test/helpers/properties.ts for what must hold; `npm run fuzz` runs the same with a random seed.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { dockerfileText, emit } from "./helpers/arbitraries.js";
import { caseKinds, checkCase, fc, runCli, showCase, writeCase } from "./helpers/properties.js";

const SEED = 20_261_125;
const RUNS = Number(process.env.PROP_RUNS ?? 2000);
const CORPUS = resolve(import.meta.dirname, "../../shared/corpus");

describe("on any input: no crash, valid JSON, positions inside the file, sorted, deterministic", () => {
  const kinds = caseKinds(existsSync(CORPUS) ? CORPUS : null);
  for (const [name, arb] of Object.entries(kinds)) {
    it(`${name}: ${RUNS} cases`, async () => {
      const dir = mkdtempSync(join(tmpdir(), `isolint-prop-${name}-`));
      await fc.assert(
        fc.asyncProperty(arb, async (files) => {
          try {
            await checkCase(dir, files);
          } catch (e) {
            throw new Error(`${(e as Error).message}\n${showCase(files)}`);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: false },
      );
    }, 120_000);
  }
});

describe("counterexamples found by fuzzing, kept", () => {
  const cases: [string, Record<string, string>][] = [
    // An empty key (`- ?`) made the anchor table read a property of null: exit 2.
    ["an empty mapping key next to an undefined alias", { "compose.yaml": "services:\n  web: {user: *nowhere}\nvolumes:\n  - ?\n", "a.vm.yaml": "apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata: {}\nspec: {}\n" }],
    // A line holding only the escape character: the instruction was placed on it, past its end.
    ["a line that is only the escape character", { Dockerfile: "# escape=`\nFROM alpine\n`\nCMD sleep 1\n" }],
    ["a line that is only a backslash", { Dockerfile: "FROM alpine\n\\\nUSER root\n" }],
    // A duplicate key after a key without a value was reported on the line before, past its end.
    ["a duplicate key after a key without a value", { "compose.yaml": "services:\n# c\nservices:\n  web:\n    image: x\n" }],
  ];
  it.each(cases)("%s", async (_name, files) => {
    await checkCase(mkdtempSync(join(tmpdir(), "isolint-prop-")), files);
  });
  it("the duplicate key is reported where it is", async () => {
    const dir = mkdtempSync(join(tmpdir(), "isolint-prop-"));
    writeCase(dir, { "compose.yaml": "services:\n# c\nservices:\n  web:\n    image: x\n" });
    const r = await runCli(dir, ["audit", ".", "--format", "json", "--no-config"]);
    expect(JSON.parse(r.stdout).findings.map((f: { line: number; column: number; ruleId: string }) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["3:1 parse-error"]);
  });
});

describe("the generators cover what they claim", () => {
  it("Dockerfiles have continuations, heredocs, JSON forms and CRLF; YAML both styles", () => {
    const texts = fc.sample(dockerfileText, { seed: SEED, numRuns: 300 }).join("\n");
    for (const bit of [" \\\n", "<<EOF", '["', "\r\n", "# escape=`", "--mount="]) expect(texts).toContain(bit);
    expect(emit({ m: [["a", { q: [{ s: "1" }], flow: true }], ["b", { m: [["c", { s: "d" }]] }]] }, 2, 2)).toBe("\n  a: [1]\n  b:\n    c: d\n");
  });
  it("a regression: 100 000 continuation lines are linted in well under a second", async () => {
    const dir = mkdtempSync(join(tmpdir(), "isolint-prop-"));
    writeCase(dir, { Dockerfile: `FROM alpine:3.20\nRUN true${" \\\n && true".repeat(100_000)}\n` });
    const t = performance.now();
    const r = await runCli(dir, ["audit", ".", "--format", "json", "--no-config"]);
    expect(r.status).toBe(1);
    expect(performance.now() - t).toBeLessThan(3000);
  });
});
