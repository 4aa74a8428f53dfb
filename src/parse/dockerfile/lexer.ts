import type { Comment, Heredoc, ParseProblem } from "../../model/dockerfile.js";
import type { Range } from "../../model/range.js";

/** Where a run of joined text starts in the file: text offset → 1-based line and column. */
interface Segment {
  offset: number;
  line: number;
  column: number;
}

/** One instruction's text with continuations joined, and the map back to file positions. */
export class LogicalLine {
  constructor(
    readonly text: string,
    private readonly segments: Segment[],
    readonly startLine: number,
    /** The last physical line of the instruction itself (heredoc bodies come after). */
    readonly endLine: number,
    readonly endColumn: number,
  ) {}

  position(offset: number): { line: number; column: number } {
    const s = this.segmentAt(offset);
    return { line: s.line, column: s.column + (offset - s.offset) };
  }

  /** The file range of text[start, end) — one object: every word of every instruction asks. */
  range(start: number, end: number): Range {
    const a = this.segmentAt(start);
    if (end <= start) {
      const column = a.column + (start - a.offset);
      return { line: a.line, column, endLine: a.line, endColumn: column };
    }
    const b = this.segmentAt(end - 1);
    return { line: a.line, column: a.column + (start - a.offset), endLine: b.line, endColumn: b.column + (end - 1 - b.offset) + 1 };
  }

  /** The last segment that starts at or before offset (binary search: an instruction may have 100 000 continuation lines). */
  private segmentAt(offset: number): Segment {
    const segs = this.segments;
    if (segs.length === 1 || segs[1]!.offset > offset) return segs[0]!;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.offset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return segs[lo]!;
  }
}

export interface RawInstruction {
  logical: LogicalLine;
  heredocs: Heredoc[];
  /** Last line of the instruction including heredoc bodies and terminators. */
  lastLine: number;
  lastLineLength: number;
}

export interface LexResult {
  escape: "\\" | "`";
  directives: Record<string, string>;
  instructions: RawInstruction[];
  comments: Comment[];
  problem: ParseProblem | null;
}

// The value is trimmed in code: `(.+?)\s*$` backtracks quadratically over a long run of spaces.
const DIRECTIVE_LINE = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=(.*)$/;
const DIRECTIVE = {
  exec(line: string): [string, string, string] | null {
    const m = DIRECTIVE_LINE.exec(line);
    const value = m?.[2]!.trim();
    return m && value ? [m[0], m[1]!, value] : null;
  },
};
/** The directives BuildKit knows; any other `# key=value` is a comment and ends the directives. */
const KNOWN_DIRECTIVES = new Set(["syntax", "escape", "check"]);
const HEREDOC_KEYWORDS = /^(RUN|COPY|ADD)$/i;
/** A heredoc word as BuildKit matches it: optional fd, `<<`, optional `-`, then a name without `<`. */
const HEREDOC_WORD = /^\d*<<(-?)([^<]+)$/;

/** Splits Dockerfile lines into instructions (continuations, comments inside them, heredocs). */
export function lexDockerfile(lines: readonly string[]): LexResult {
  const directives: Record<string, string> = {};
  const comments: Comment[] = [];
  let escape: "\\" | "`" = "\\";
  let problem: ParseProblem | null = null;
  let i = 0;

  // Parser directives: only at the very top, before any blank line, comment or instruction.
  // An unknown directive is a comment and ends them (BuildKit); a repeated one is an error.
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]!);
    if (!m) break;
    const key = m[1]!.toLowerCase();
    if (!KNOWN_DIRECTIVES.has(key)) break;
    if (key in directives) {
      problem ??= { range: lineRange(i + 1, lines[i]!), message: `only one ${key} parser directive can be used` };
      break;
    }
    directives[key] = m[2]!;
    if (key === "escape") {
      if (m[2] === "`" || m[2] === "\\") escape = m[2];
      else problem ??= { range: lineRange(i + 1, lines[i]!), message: `invalid escape directive "${m[2]}": must be \\ or \`` };
    }
    comments.push(commentAt(lines[i]!, i + 1));
  }

  const escCode = escape.charCodeAt(0);
  const instructions: RawInstruction[] = [];

  while (i < lines.length) {
    const line = lines[i]!;
    const first = firstNonSpace(line);
    if (first < 0) {
      i++;
      continue;
    }
    if (line[first] === "#") {
      comments.push(commentAt(line, i + 1));
      i++;
      continue;
    }

    // An instruction: join continued lines, dropping comment and empty lines inside it.
    const segments: Segment[] = [];
    // Joined once at the end: a string built with += is a rope, and every character read of a
    // rope (the word splitter reads them all) is slower than of a flat string.
    const parts: string[] = [];
    let length = 0;
    const startLine = i + 1;
    let endLine = startLine;
    let endColumn = 1;
    let start = first;
    for (;;) {
      const cur = lines[i]!;
      const cont = continuationAt(cur, escCode);
      const content = cont >= 0 ? cur.slice(start, cont) : cur.slice(start);
      segments.push({ offset: length, line: i + 1, column: start + 1 });
      parts.push(content);
      length += content.length;
      endLine = i + 1;
      endColumn = (cont >= 0 ? cont : cur.length) + 1;
      i++;
      if (cont < 0) break;
      while (i < lines.length) {
        const next = lines[i]!;
        const f = firstNonSpace(next);
        if (f >= 0 && next[f] !== "#") break;
        if (f >= 0) comments.push(commentAt(next, i + 1));
        i++;
      }
      if (i >= lines.length) break;
      start = 0;
    }
    const text = parts.length === 1 ? parts[0]! : parts.join("");
    const logical = new LogicalLine(text, segments, startLine, endLine, endColumn);
    let lastLine = endLine;
    let lastLineLength = lines[endLine - 1]!.length;

    const heredocs: Heredoc[] = [];
    if (text.includes("<<") && canContainHeredoc(text)) {
      for (const marker of heredocMarkers(text)) {
        const bodyStart = i;
        let found = false;
        const bodyLines: string[] = [];
        while (i < lines.length) {
          const raw = lines[i]!;
          const cmpLine = marker.stripTabs ? raw.replace(/^\t+/, "") : raw;
          i++;
          if (cmpLine === marker.marker) {
            found = true;
            break;
          }
          bodyLines.push(marker.stripTabs ? cmpLine : raw);
        }
        if (!found) {
          // The body runs to the end of the file; the empty "line" after a final newline is not part of it.
          if (bodyLines.length > 0 && bodyLines[bodyLines.length - 1] === "") bodyLines.pop();
          problem ??= {
            range: logical.range(0, text.length),
            message: `unterminated heredoc: no line "${marker.marker}" closes the <<${marker.marker} that starts at line ${startLine}`,
          };
        }
        heredocs.push({
          marker: marker.marker,
          stripTabs: marker.stripTabs,
          body: bodyLines.join("\n"),
          startLine: bodyStart + 1,
          endLine: bodyStart + bodyLines.length,
        });
        lastLine = Math.max(lastLine, i);
        lastLineLength = lines[i - 1]?.length ?? 0;
      }
    }
    instructions.push({ logical, heredocs, lastLine, lastLineLength });
  }
  return { escape, directives, instructions, comments, problem };
}

/**
 * Whether BuildKit looks for heredocs in this instruction: RUN, COPY and ADD, also behind
 * ONBUILD. (In JSON form no word can start with `<<`, so the JSON case needs no check.)
 */
function canContainHeredoc(text: string): boolean {
  const words = /^\s*(\S+)(?:\s+(\S+))?/.exec(text);
  if (!words) return false;
  if (HEREDOC_KEYWORDS.test(words[1]!)) return true;
  return words[1]!.toUpperCase() === "ONBUILD" && words[2] !== undefined && HEREDOC_KEYWORDS.test(words[2]);
}

/**
 * The heredocs an instruction opens, in order, found the way BuildKit finds them: the line is
 * split into whitespace-separated words (quotes and backslash escapes kept), and each word of
 * the form `[fd]<<[-]NAME` (NAME without `<`) opens one; NAME has its quotes removed. So
 * `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` and `3<<EOF` count, while `cat<<EOF`, `"<<EOF"` and the
 * here-string `<<<x` do not, and in `<<EOF;` the terminator is `EOF;`, exactly as Docker reads it.
 */
export function heredocMarkers(text: string): { marker: string; stripTabs: boolean }[] {
  const out: { marker: string; stripTabs: boolean }[] = [];
  for (const word of rawWords(text)) {
    if (!word.includes("<<")) continue;
    const m = HEREDOC_WORD.exec(word);
    if (!m) continue;
    const marker = unquote(m[2]!);
    if (marker !== "") out.push({ marker, stripTabs: m[1] === "-" });
  }
  return out;
}

/** Whitespace-separated words with quotes and backslash escapes kept as written. */
function rawWords(text: string): string[] {
  const words: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let q = "";
    while (i < n) {
      const c = text[i]!;
      if (q === "'") {
        if (c === "'") q = "";
      } else if (c === "\\") {
        i++;
      } else if (q === '"') {
        if (c === '"') q = "";
      } else if (c === '"' || c === "'") {
        q = c;
      } else if (isSpaceCode(text.charCodeAt(i))) {
        break;
      }
      i++;
    }
    words.push(text.slice(start, Math.min(i, n)));
  }
  return words;
}

/** Quote removal for a heredoc name: `"EOF"`, `'EOF'`, `E"O"F` and `\EOF` all name `EOF`. */
function unquote(word: string): string {
  if (!word.includes('"') && !word.includes("'") && !word.includes("\\")) return word;
  let out = "";
  let q = "";
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (q === "'") {
      if (c === "'") q = "";
      else out += c;
    } else if (c === "\\" && i + 1 < word.length) {
      out += word[++i];
    } else if (q === '"') {
      if (c === '"') q = "";
      else out += c;
    } else if (c === '"' || c === "'") {
      q = c;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Index of the line-continuation escape at the end of `line` (trailing blanks allowed), or -1.
 * An escaped escape (`\\` at the end) is a literal character, not a continuation (BuildKit).
 */
function continuationAt(line: string, esc: number): number {
  let j = line.length - 1;
  while (j >= 0 && (line.charCodeAt(j) === 32 || line.charCodeAt(j) === 9)) j--;
  if (j < 0 || line.charCodeAt(j) !== esc) return -1;
  return j > 0 && line.charCodeAt(j - 1) === esc ? -1 : j;
}

function firstNonSpace(line: string): number {
  for (let i = 0; i < line.length; i++) {
    if (!isSpaceCode(line.charCodeAt(i))) return i;
  }
  return -1;
}

/**
 * Whitespace as BuildKit trims it before a line (Go's unicode.IsSpace), plus a byte-order mark,
 * which BuildKit drops at the start of the file.
 */
function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function commentAt(line: string, lineNo: number): Comment {
  const hash = line.indexOf("#");
  return {
    line: lineNo,
    text: line.slice(hash + 1).trim(),
    range: { line: lineNo, column: hash + 1, endLine: lineNo, endColumn: line.length + 1 },
  };
}

function lineRange(lineNo: number, line: string): Range {
  return { line: lineNo, column: 1, endLine: lineNo, endColumn: line.length + 1 };
}
