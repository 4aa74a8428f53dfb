import type { FileKind } from "../model/finding.js";

/**
 * Which kinds of file this process has linted, a bit each: the code cache of the bundle
 * (src/boot/load-core.ts) is written again when a run needs code the cached runs didn't.
 */
const BITS: Record<FileKind, number> = { dockerfile: 1, compose: 2, vm: 4 };
let covered = 0;

export function noteLinted(kind: FileKind): void {
  covered |= BITS[kind];
}

export function runCoverage(): number {
  return covered;
}
