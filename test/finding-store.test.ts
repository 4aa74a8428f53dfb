/**
 * The finding store holds a run's findings, and past a limit writes them to disk as sorted runs
 * that are merged back when the report reads them. Whatever the limit, the findings read back
 * must be exactly those of a stable sort of everything added — objects equal key for key, in
 * the same key order — as many times as they are read.
 */
import { existsSync, readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { SpillDir } from "../src/app/finding-runs.js";
import { FindingStore } from "../src/app/finding-store.js";
import { summarize } from "../src/report/types.js";
import { compareFindings, type Finding } from "../src/model/finding.js";
import { makeFinding } from "./helpers/findings.js";

const dirs: SpillDir[] = [];
const spillDir = () => {
  const d = new SpillDir();
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => d.remove()));

/** Deterministic findings with ties (same place and rule, different fix or suppression) and text JSON must escape. */
function findings(n: number, seed = 1): Finding[] {
  let x = seed;
  const rnd = (m: number) => ((x = (x * 1103515245 + 12345) >>> 0) % m);
  return Array.from({ length: n }, (_, i) =>
    makeFinding({
      file: `svc${rnd(20)}/Dockerfile`,
      line: rnd(6) + 1,
      column: rnd(3) + 1,
      ruleId: ["no-root-user", "pinned-base-image", "no-secrets-in-image"][rnd(3)]!,
      severity: (["error", "warning", "info"] as const)[rnd(3)],
      message: `m${rnd(4)} "q" \\ \n ünï \u2028`,
      fix: `fix ${i}`,
      suppressed: rnd(7) === 0 ? { reason: `r${i}` } : rnd(13) === 0 ? { reason: "baseline", external: true } : undefined,
    }),
  );
}

/** What the store must give: everything, stably sorted. */
const expected = (all: Finding[]) => [...all].sort(compareFindings);

function addInBatches(store: FindingStore, all: Finding[]): void {
  for (let i = 0; i < all.length; ) {
    const n = (i * 7) % 13 + 1;
    store.add(all.slice(i, i + n));
    i += n;
  }
}

describe("FindingStore", () => {
  it("gives the findings stably sorted, below the limit (nothing on disk) and past it", () => {
    const all = findings(2000);
    for (const limit of [1, 2, 7, 100, 1999, 2000, 100_000]) {
      const store = new FindingStore(spillDir(), limit);
      addInBatches(store, all);
      expect(store.spilled).toBe(limit <= 2000);
      const first = [...store.sorted()];
      expect(first).toEqual(expected(all));
      // Key order too (the JSON and SARIF reports write objects as they are).
      expect(first.map((f) => JSON.stringify(f))).toEqual(expected(all).map((f) => JSON.stringify(f)));
      // A second reading (a baseline, then the report) gives the same.
      expect([...store.sorted()]).toEqual(first);
      const { files: _, ...counts } = summarize(all, 0);
      expect(store.counts).toEqual(counts);
    }
  });

  it("keeps only what `keep` keeps (--quiet), and counts only that", () => {
    const all = findings(500, 3);
    const store = new FindingStore(spillDir(), 10, (f) => f.severity === "error");
    addInBatches(store, all);
    const errors = all.filter((f) => f.severity === "error");
    expect([...store.sorted()]).toEqual(expected(errors));
    const { files: _, ...counts } = summarize(errors, 0);
    expect(store.counts).toEqual(counts);
  });

  it("holds everything in memory when nothing can be written (no temp folder)", () => {
    const store = new FindingStore(new SpillDir("/nonexistent/isolint-spill"), 5);
    const all = findings(100, 9);
    addInBatches(store, all);
    expect(store.spilled).toBe(false);
    expect([...store.sorted()]).toEqual(expected(all));
  });

  it("a reading stopped early closes its files; the folder goes when asked (or when the process exits)", () => {
    const dir = new SpillDir();
    const store = new FindingStore(dir, 10);
    addInBatches(store, findings(100, 11));
    for (const f of store.sorted()) {
      expect(f.file).toMatch(/Dockerfile$/);
      break;
    }
    const folder = dir.folder!;
    expect(readdirSync(folder).length).toBeGreaterThan(1);
    dir.remove();
    expect(existsSync(folder)).toBe(false);
  });
});
