import type { Instruction, Word } from "../../model/dockerfile.js";
import type { Range } from "../../model/range.js";

/**
 * Where a Dockerfile finding points: the instruction's first line (as hadolint and editors
 * expect), narrowed to the offending word when that word is on the same line.
 */
export function instructionRange(instr: Instruction, word?: Word | { range: Range } | null): Range {
  if (word && word.range.line === instr.range.line) return word.range;
  const r = instr.range;
  return r.endLine === r.line ? r : { line: r.line, column: r.column, endLine: r.line, endColumn: instr.keywordRange.endColumn };
}
