import type { FileKind } from "../model/finding.js";

/**
 * Which kinds of file this process has linted, a bit each: the code cache of the bundle
 * (src/boot/load-core.ts) is written again when a run needs code the cached runs didn't.
 */
export const KIND_BITS: Readonly<Record<FileKind, number>> = { dockerfile: 1, compose: 2, vm: 4 };
/** Every kind: what a run may need when nothing tells which kinds it will lint. */
export const ALL_KINDS = KIND_BITS.dockerfile | KIND_BITS.compose | KIND_BITS.vm;
let covered = 0;

export function noteLinted(kind: FileKind): void {
  covered |= KIND_BITS[kind];
}

export function runCoverage(): number {
  return covered;
}
