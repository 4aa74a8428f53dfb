/**
 * Every file under test/fixtures/<rule-id>/ is a test case; a folder there is one case of
 * several files (a Compose file and its Dockerfile, say). Markers in comments say what must
 * happen, markdownlint-style — a new case is a new file, no code:
 *   # expect: rule-a, rule-b     these rules report on the next line that is not a marker
 *                                (name a rule twice for two findings on that line)
 *   # expect-none: rule-a        this rule reports nothing anywhere in the file
 * An `# isolint-ignore` comment naming a marker's rule, between the marker and its line, is
 * skipped over (the marker is about the line the suppression targets).
 * For every rule named in a marker, the findings must be exactly the expected lines: a
 * missing finding and an extra one both fail. Rules not named are not looked at.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "./helpers/lint.js";

const root = join(import.meta.dirname, "fixtures");
const MARKER = /#\s*(expect|expect-none):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;

interface Expectation {
  file: string;
  expected: Map<string, number[]>;
  none: Set<string>;
}

function readMarkers(file: string, display: string): Expectation {
  const lines = readFileSync(file, "utf8").split(/\r\n|\r|\n/);
  const expected = new Map<string, number[]>();
  const none = new Set<string>();
  let pending: string[] = [];
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (m && line.trim().startsWith("#")) {
      const ids = m[2]!.split(/\s*,\s*/);
      if (m[1] === "expect") pending.push(...ids);
      else ids.forEach((id) => none.add(id));
      return;
    }
    // `# expect: x` then `# isolint-ignore x`: the marker is about the line the suppression targets.
    const ignore = /^\s*#\s*isolint-ignore(?:-file)?\s+(.*?)(?:\s--|$)/.exec(line);
    if (ignore && pending.some((id) => ignore[1]!.split(/[\s,]+/).includes(id))) return;
    for (const id of pending) {
      if (!expected.has(id)) expected.set(id, []);
      expected.get(id)!.push(i + 1);
    }
    pending = [];
  });
  return { file: display, expected, none };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

for (const rule of readdirSync(root).sort()) {
  describe(rule, () => {
    for (const entry of readdirSync(join(root, rule)).sort()) {
      const path = join(root, rule, entry);
      const isCase = statSync(path).isDirectory();
      it(entry, async () => {
        const cwd = isCase ? path : join(root, rule);
        const findings = await lint(cwd, isCase ? ["."] : [entry]);
        const files = isCase ? filesUnder(path) : [path];
        let named = 0;
        for (const file of files) {
          const display = relative(cwd, file).split("\\").join("/");
          const exp = readMarkers(file, display);
          named += exp.expected.size + exp.none.size;
          const here = findings.filter((f) => f.file === display && !f.suppressed);
          for (const [id, lines] of exp.expected) {
            const got = here.filter((f) => f.ruleId === id).map((f) => f.line);
            expect({ file: display, rule: id, lines: got.sort((a, b) => a - b) }).toEqual({ file: display, rule: id, lines: [...lines].sort((a, b) => a - b) });
          }
          for (const id of exp.none) {
            const got = here.filter((f) => f.ruleId === id).map((f) => `${f.line}: ${f.message}`);
            expect({ file: display, rule: id, unexpected: got }).toEqual({ file: display, rule: id, unexpected: [] });
          }
        }
        expect(named, `${entry} has no # expect / # expect-none markers`).toBeGreaterThan(0);
      });
    }
  });
}
