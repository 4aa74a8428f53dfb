import { compareFindings, type Finding } from "../model/finding.js";
import { countFindings, type Counts } from "../report/types.js";
import { RunReader, writeRun, type SpillDir } from "./finding-runs.js";

/**
 * Findings held in memory before they go to disk in a sorted run: ≈ 330 bytes each, so ≈ 33 MB.
 * The synthetic monorepo's 90 000 stay below it: reading runs back costs the report ≈ 0.1 s
 * there (measured), which a run that fits in memory need not pay.
 */
export const SPILL_AFTER = 100_000;


/**
 * The findings of one run of `audit`, in report order, without holding them all: past
 * `limit` findings the buffer is sorted and written to disk as a run, and reading merges the
 * runs (and what is still buffered) in order — memory stays bounded however many files the
 * tree has. Below the limit (most runs, and every pre-commit run) nothing touches the disk.
 * Findings that compare equal come out in the order they were added, as a stable sort
 * gives them.
 */
export class FindingStore {
  private buffer: Finding[] = [];
  /** Run files, in the order their findings were added. */
  private readonly runs: string[] = [];
  readonly counts: Counts = { errors: 0, warnings: 0, infos: 0, suppressed: 0 };
  private sortedBuffer = false;

  constructor(
    private readonly dir: SpillDir,
    private limit = SPILL_AFTER,
    /** Which findings are kept (`--quiet`: errors only). */
    private readonly keep: ((f: Finding) => boolean) | null = null,
  ) {}

  add(findings: readonly Finding[]): void {
    const kept = this.keep ? findings.filter(this.keep) : findings;
    countFindings(kept, this.counts);
    for (const f of kept) this.buffer.push(f);
    this.sortedBuffer = false;
    if (this.buffer.length >= this.limit) this.spill();
  }

  get spilled(): boolean {
    return this.runs.length > 0;
  }

  private spill(): void {
    this.buffer.sort(compareFindings);
    const path = this.dir.next("run");
    if (path === null || !writeRun(path, this.buffer)) {
      // No disk to spill to: hold them all, as before there was a limit.
      this.limit = Infinity;
      this.sortedBuffer = true;
      return;
    }
    this.runs.push(path);
    this.buffer = [];
  }

  /** Every finding in report order. Can be read again (the runs are merged again from disk). */
  sorted(): Iterable<Finding> {
    if (!this.sortedBuffer) {
      this.buffer.sort(compareFindings);
      this.sortedBuffer = true;
    }
    if (this.runs.length === 0) return this.buffer;
    const runs = this.runs;
    const buffer = this.buffer;
    return { [Symbol.iterator]: () => merge(runs, buffer) };
  }
}

/** A k-way merge (k is small: one run per SPILL_AFTER findings); ties go to the earlier source. */
function* merge(runs: readonly string[], buffer: readonly Finding[]): Generator<Finding> {
  const readers = runs.map((path) => new RunReader(path));
  const sources: (() => Finding | undefined)[] = readers.map((r) => () => r.next());
  let b = 0;
  sources.push(() => buffer[b++]);
  const heads = sources.map((next) => next());
  try {
    for (;;) {
      let min = -1;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i];
        if (h && (min < 0 || compareFindings(h, heads[min]!) < 0)) min = i;
      }
      if (min < 0) return;
      yield heads[min]!;
      heads[min] = sources[min]!();
    }
  } finally {
    for (const r of readers) r.close();
  }
}
