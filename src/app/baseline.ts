import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import type { Finding } from "../model/finding.js";
import { summarize } from "../report/types.js";
import type { AuditRun } from "./audit.js";
import { BaselineError } from "./baseline-error.js";
import { makeParentDirs } from "../util/make-dirs.js";

/**
 * A baseline records today's findings so that CI fails only on new ones. Each entry is the
 * rule, the file and a fingerprint of the offending content — the text of the line the
 * finding points at, whitespace collapsed — so entries survive lines added above them. Paths
 * are relative to the baseline file's folder, so the baseline holds from any working directory
 * (written from the folder it is in, they are the report's paths).
 */
export interface BaselineFile {
  /** 2: paths relative to the baseline's folder; 1 (before): relative to the working directory. */
  version: 1 | 2;
  tool: "isolint";
  findings: { ruleId: string; file: string; fingerprint: string }[];
}


export function fingerprint(f: Finding, lineText: string, file = f.file): string {
  const content = lineText.replace(/\s+/g, " ").trim();
  return createHash("sha256").update(`${f.ruleId}\0${file}\0${content}`).digest("hex").slice(0, 20);
}

/** A finding's file relative to the baseline's folder, with `/` (stdin and the like stay as they are). */
function pathFrom(run: AuditRun, baseline: string): (f: Finding) => string {
  const base = dirname(resolve(run.cwd, baseline));
  return (f) => (f.file.startsWith("<") ? f.file : relative(base, resolve(run.cwd, f.file)).split(sep).join("/"));
}

/**
 * Text of each finding's line. Findings come sorted by file, so only the current file's lines
 * are held (a large run's findings are read from disk; all its files' texts would not fit).
 */
function lineTexts(run: AuditRun): (f: Finding) => string {
  let file: string | null = null;
  let lines: string[] = [];
  return (f) => {
    if (f.file !== file) {
      file = f.file;
      try {
        lines = readFileSync(resolve(run.cwd, f.file), "utf8").split(/\r\n|\r|\n/);
      } catch {
        lines = [];
      }
    }
    return lines[f.line - 1] ?? f.message;
  };
}

export function writeBaseline(run: AuditRun, file: string): number {
  const text = lineTexts(run);
  const path = pathFrom(run, file);
  const findings: BaselineFile["findings"] = [];
  for (const f of run.findings) if (!f.suppressed) findings.push({ ruleId: f.ruleId, file: path(f), fingerprint: fingerprint(f, text(f), path(f)) });
  const data: BaselineFile = { version: 2, tool: "isolint", findings };
  try {
    makeParentDirs(resolve(run.cwd, file));
    writeFileSync(resolve(run.cwd, file), JSON.stringify(data, null, 2) + "\n");
  } catch (e) {
    throw new BaselineError(`cannot write the baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return findings.length;
}

/** Marks findings that the baseline knows as suppressed; returns how many entries matched nothing. */
export function applyBaseline(run: AuditRun, file: string): { matched: number; stale: number } {
  let data: BaselineFile;
  try {
    data = JSON.parse(readFileSync(resolve(run.cwd, file), "utf8")) as BaselineFile;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(`cannot read the baseline ${file}: ${code === "ENOENT" ? "no such file" : code ?? "not JSON"}`);
  }
  if (!data || data.tool !== "isolint" || !Array.isArray(data.findings)) {
    throw new BaselineError(`${file} is not an isolint baseline (write one with --write-baseline)`);
  }
  // A multiset: two identical findings need two entries.
  const entries = new Map<string, number>();
  const fileOf = new Map<string, string>();
  for (const e of data.findings) {
    const k = `${e.ruleId}\0${e.file}\0${e.fingerprint}`;
    entries.set(k, (entries.get(k) ?? 0) + 1);
    fileOf.set(k, e.file);
  }
  // Version 1 baselines (before paths were relative to the baseline's folder) hold the
  // report's paths: relative to the working directory, as they are read.
  const path = data.version === 1 ? (f: Finding) => f.file : pathFrom(run, file);
  const findings = run.findings;
  // The findings may be read more than once (merged from disk each time): each reading marks
  // them afresh, from a full pool, in the same order — so every reading marks the same ones.
  // A finding kept in memory keeps its mark; it takes its entry again.
  let pool = entries;
  function* marked(): Generator<Finding> {
    pool = new Map(entries);
    const text = lineTexts(run);
    for (const f of findings) {
      if (!f.suppressed || f.suppressed.external) {
        const p = path(f);
        const k = `${f.ruleId}\0${p}\0${fingerprint(f, text(f), p)}`;
        const n = pool.get(k) ?? 0;
        if (n > 0) {
          pool.set(k, n - 1);
          f.suppressed = { reason: "baseline", external: true };
        }
      }
      yield f;
    }
  }
  run.findings = { [Symbol.iterator]: marked };
  const before = run.summary.suppressed;
  run.summary = summarize(run.findings, run.summary.files);
  const matched = run.summary.suppressed - before;
  // Stale: entries about files this run linted that matched nothing (a run on a subfolder
  // says nothing about the entries of files outside it).
  const linted = new Set(run.files.map((f) => path({ file: f } as Finding)));
  let stale = 0;
  for (const [k, n] of pool) if (n > 0 && linted.has(fileOf.get(k)!)) stale += n;
  return { matched, stale };
}
