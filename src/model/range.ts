/** 1-based, inclusive start and exclusive end column, as editors and SARIF count them. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
