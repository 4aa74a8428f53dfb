/** 1-based, inclusive start and exclusive end column, as editors and SARIF count them. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function range(line: number, column: number, endLine: number, endColumn: number): Range {
  return { line, column, endLine, endColumn };
}

/** A range covering one whole line of `text` (used when nothing finer is known). */
export function lineRange(line: number, length = 1): Range {
  return { line, column: 1, endLine: line, endColumn: Math.max(1, length) + 1 };
}
