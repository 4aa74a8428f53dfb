/** Bytes → text, with the problems that make a file unreadable as text. */
export type DecodeResult =
  | { ok: true; text: string; invalidUtf8Line: number | null }
  | { ok: false; line: number; message: string };

const utf8Strict = new TextDecoder("utf-8", { fatal: true });
const utf8Lenient = new TextDecoder("utf-8");

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), invalidUtf8Line: null };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), invalidUtf8Line: null };
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = start ? bytes.subarray(start) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    return { ok: false, line: lineAtByte(body, nul), message: "binary file (NUL byte): not a text file, skipped" };
  }
  try {
    return { ok: true, text: utf8Strict.decode(body), invalidUtf8Line: null };
  } catch {
    return { ok: true, text: utf8Lenient.decode(body), invalidUtf8Line: firstInvalidUtf8Line(body) };
  }
}

function lineAtByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    if (len === 0 || i + len > bytes.length) return line;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return line;
    i += len;
  }
  return line;
}

/** Splits on LF, CRLF and lone CR, as editors (and YAML) count lines. */
export function splitLines(text: string): string[] {
  // Most files have no CR: splitting on a string is several times faster than on the regex.
  return text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
}

/** The `}` that closes the `{` at `open` (nested braces counted), or -1: for `${…}` in Dockerfiles and Compose files. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    const c = text[j];
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return j;
  }
  return -1;
}

/** Offsets to 1-based lines and columns (columns in UTF-16 code units, as the parsers count). */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** The line found last: offsets mostly come in document order, so it or the next one is likely. */
  private last = 1;

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  pos(offset: number): { line: number; column: number } {
    const line = this.line(offset);
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }

  /** The range of [start, end) (end at least start), without intermediate objects: every YAML node asks. */
  range(start: number, end: number): { line: number; column: number; endLine: number; endColumn: number } {
    const line = this.line(start);
    const endLine = end <= start ? line : this.line(end);
    return { line, column: start - this.starts[line - 1]! + 1, endLine, endColumn: Math.max(start, end) - this.starts[endLine - 1]! + 1 };
  }

  /** The 1-based line holding an offset (an offset at a line's start is on that line). */
  private line(offset: number): number {
    const starts = this.starts;
    const n = starts.length;
    for (let l = this.last; l <= this.last + 1 && l <= n; l++) {
      if (starts[l - 1]! <= offset && (l === n || offset < starts[l]!)) return (this.last = l);
    }
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return (this.last = starts[low] === offset ? low + 1 : low);
  }
}
