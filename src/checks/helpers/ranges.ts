import type { Instruction, Word } from "../../model/dockerfile.js";
import type { Range } from "../../model/range.js";

/**
 * Where a Dockerfile finding points: the offending word when there is one — on whichever line of
 * a continued instruction it stands (CONTRACT.md: the construct that causes the finding; an
 * `isolint-ignore` then goes above that line) — else the instruction's first line.
 */
export function instructionRange(instr: Instruction, word?: Word | { range: Range } | null): Range {
  if (word) return word.range;
  const r = instr.range;
  return r.endLine === r.line ? r : { line: r.line, column: r.column, endLine: r.line, endColumn: instr.keywordRange.endColumn };
}
