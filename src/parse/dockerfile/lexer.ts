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
    const segs = this.segments;
    let k = segs.length - 1;
    while (k > 0 && segs[k]!.offset > offset) k--;
    const s = segs[k]!;
    return { line: s.line, column: s.column + (offset - s.offset) };
  }

  /** The file range of text[start, end). */
  range(start: number, end: number): Range {
    const a = this.position(start);
    const b = end > start ? this.position(end - 1) : a;
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column + (end > start ? 1 : 0) };
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

const DIRECTIVE = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const HEREDOC_KEYWORDS = /^(RUN|COPY|ADD)$/i;

/** Splits Dockerfile lines into instructions (continuations, comments inside them, heredocs). */
export function lexDockerfile(lines: readonly string[]): LexResult {
  const directives: Record<string, string> = {};
  const comments: Comment[] = [];
  let escape: "\\" | "`" = "\\";
  let problem: ParseProblem | null = null;
  let i = 0;

  // Parser directives: only at the very top, before any blank line, comment or instruction.
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]!);
    if (!m) break;
    const key = m[1]!.toLowerCase();
    if (key in directives) break;
    directives[key] = m[2]!;
    if (key === "escape") {
      if (m[2] === "`" || m[2] === "\\") escape = m[2];
      else problem ??= { range: lineRange(i + 1, lines[i]!), message: `invalid escape directive "${m[2]}": must be \\ or \`` };
    }
    comments.push(commentAt(lines[i]!, i + 1));
  }

  const continuation = escape === "\\" ? /\\[ \t]*$/ : /`[ \t]*$/;
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
    let text = "";
    const startLine = i + 1;
    let endLine = startLine;
    let endColumn = 1;
    let start = first;
    for (;;) {
      const cur = lines[i]!;
      const m = continuation.exec(cur);
      const content = m ? cur.slice(start, m.index) : cur.slice(start);
      segments.push({ offset: text.length, line: i + 1, column: start + 1 });
      text += content;
      endLine = i + 1;
      endColumn = (m ? m.index : cur.length) + 1;
      i++;
      if (!m) break;
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
    const logical = new LogicalLine(text, segments, startLine, endLine, endColumn);
    let lastLine = endLine;
    let lastLineLength = lines[endLine - 1]!.length;

    const heredocs: Heredoc[] = [];
    const keyword = /^\S+/.exec(text)?.[0] ?? "";
    if (HEREDOC_KEYWORDS.test(keyword) && text.includes("<<")) {
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

/** `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` words of an instruction, in order. */
export function heredocMarkers(text: string): { marker: string; stripTabs: boolean }[] {
  const out: { marker: string; stripTabs: boolean }[] = [];
  const re = /(?:^|[\s])<<(-?)(["']?)([A-Za-z0-9_.-]+)\2(?=$|[\s>|;&])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // `<<<` is a here-string, not a heredoc; the lookbehind in the regex excludes it already.
    if (!insideQuotes(text, m.index)) out.push({ marker: m[3]!, stripTabs: m[1] === "-" });
  }
  return out;
}

function insideQuotes(text: string, at: number): boolean {
  let q: string | null = null;
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
  }
  return q !== null;
}

function firstNonSpace(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11) return i;
  }
  return -1;
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
