import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import type { Finding, Principle, Severity } from "../model/finding.js";

/**
 * Sorted runs of findings on disk, for runs too large to hold every finding until the report
 * (src/app/finding-store.ts). A run file is lines of JSON, each an array of up to BLOCK findings
 * as tuples: one `JSON.parse` per block on the way back, and a reader holds one block at a time.
 */

const BLOCK = 512;

type Tuple = [string, Severity, string, number, number, number, number, string, Principle, string, string | null, 0 | 1];

const encode = (f: Finding): Tuple => [
  f.ruleId,
  f.severity,
  f.file,
  f.line,
  f.column,
  f.endLine,
  f.endColumn,
  f.message,
  f.principle,
  f.fix,
  f.suppressed ? f.suppressed.reason : null,
  f.suppressed?.external ? 1 : 0,
];

/** The same object, key for key and in the engine's order, as the finding written. */
function decode(t: Tuple): Finding {
  const f: Finding = { ruleId: t[0], severity: t[1], file: t[2], line: t[3], column: t[4], endLine: t[5], endColumn: t[6], message: t[7], principle: t[8], fix: t[9] };
  if (t[10] !== null) f.suppressed = t[11] ? { reason: t[10], external: true } : { reason: t[10] };
  return f;
}

/** Folders made by this process, removed when it exits (however it exits: a report may fail half-way). */
const made = new Set<string>();
let cleanupRegistered = false;

function removeMade(): void {
  for (const path of made) rmSync(path, { recursive: true, force: true });
  made.clear();
}

/**
 * A private folder for one audit's run files, made on first use (`at`: a given folder instead,
 * for tests). Where no folder can be made (a read-only temp folder), `next` says so and the
 * findings stay in memory.
 */
export class SpillDir {
  private path: string | null;
  private failed = false;
  private files = 0;

  constructor(at?: string) {
    this.path = at ?? null;
  }

  /** The folder, made now if needed; null if it can't be made. */
  get folder(): string | null {
    if (this.path === null && !this.failed) {
      try {
        this.path = mkdtempSync(join(tmpdir(), "isolint-spill-"));
      } catch {
        this.failed = true;
        return null;
      }
      made.add(this.path);
      if (!cleanupRegistered) process.once("exit", removeMade);
      cleanupRegistered = true;
    }
    return this.path;
  }

  /** A new file name in the folder, or null. */
  next(tag: string): string | null {
    const folder = this.folder;
    return folder === null ? null : join(folder, `${tag}-${this.files++}.jsonl`);
  }

  /** Removes the folder now (a run's findings are read). */
  remove(): void {
    if (this.path !== null && made.delete(this.path)) rmSync(this.path, { recursive: true, force: true });
  }
}

/** Writes findings, already sorted, as one run file; false (and no file) if the disk refuses. */
export function writeRun(path: string, sorted: readonly Finding[]): boolean {
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch {
    return false;
  }
  try {
    for (let i = 0; i < sorted.length; i += BLOCK) {
      const block: Tuple[] = [];
      for (let j = i; j < Math.min(i + BLOCK, sorted.length); j++) block.push(encode(sorted[j]!));
      writeAllSync(fd, Buffer.from(`${JSON.stringify(block)}\n`, "utf8"));
    }
    return true;
  } catch {
    // ENOSPC, EIO: the findings stay in memory.
    rmSync(path, { force: true });
    return false;
  } finally {
    closeSync(fd);
  }
}

function writeAllSync(fd: number, bytes: Buffer): void {
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
}

/** Reads a run file back, a block at a time, in order. */
export class RunReader {
  private readonly fd: number;
  private readonly chunk = Buffer.allocUnsafe(256 * 1024);
  private readonly utf8 = new StringDecoder("utf8");
  private text = "";
  private block: Tuple[] = [];
  private at = 0;
  private eof = false;
  private closed = false;

  constructor(path: string) {
    this.fd = openSync(path, "r");
  }

  /** The next finding, or undefined at the end (the file is then closed). */
  next(): Finding | undefined {
    while (this.at >= this.block.length) {
      const line = this.line();
      if (line === null) return undefined;
      this.block = JSON.parse(line) as Tuple[];
      this.at = 0;
    }
    return decode(this.block[this.at++]!);
  }

  /** Done with it (also when the reader stops early). */
  close(): void {
    if (!this.closed) closeSync(this.fd);
    this.closed = true;
  }

  private line(): string | null {
    for (;;) {
      const nl = this.text.indexOf("\n");
      if (nl >= 0) {
        const line = this.text.slice(0, nl);
        this.text = this.text.slice(nl + 1);
        return line;
      }
      if (this.eof) return null;
      const n = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
      if (n === 0) {
        this.eof = true;
        this.close();
        this.text += this.utf8.end();
      } else this.text += this.utf8.write(this.chunk.subarray(0, n));
    }
  }
}
