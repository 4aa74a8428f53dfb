import type { Finding } from "../model/finding.js";
import { REPORT_CHUNK, type Reporter } from "./types.js";

export const REPORT_VERSION = "1.0.0";

/** The keys of a finding in the public JSON report (CONTRACT.md), in this order. */
const KEYS = ["ruleId", "severity", "file", "line", "column", "endLine", "endColumn", "message", "principle", "fix"] as const satisfies readonly (keyof Finding)[];

/**
 * The public JSON report (CONTRACT.md): exactly these keys, in this order, suppressed findings
 * left out — byte for byte what `JSON.stringify(report, null, 2)` gives as UTF-8. Written
 * straight into ~64 KB byte chunks: no string per finding, no 40 MB string for a monorepo's
 * 90 000 findings and no encoding on the way out (the string version took ≈ 250 ms there,
 * this one ≈ 170 ms).
 */
export const jsonReporter: Reporter = (result) => jsonChunks(result.findings, result.summary);

const latin1 = (s: string) => Buffer.from(s, "latin1");
/** The text between a finding's values, indented as JSON.stringify(report, null, 2) does. */
const PART = {
  first: latin1("\n    {\n      \"ruleId\": "),
  next: latin1(",\n    {\n      \"ruleId\": "),
  severity: latin1(",\n      \"severity\": "),
  file: latin1(",\n      \"file\": "),
  line: latin1(",\n      \"line\": "),
  column: latin1(",\n      \"column\": "),
  endLine: latin1(",\n      \"endLine\": "),
  endColumn: latin1(",\n      \"endColumn\": "),
  message: latin1(",\n      \"message\": "),
  principle: latin1(",\n      \"principle\": "),
  fix: latin1(",\n      \"fix\": "),
  close: latin1("\n    }"),
};
/** The most bytes a finding's fixed parts and numbers take (values come on top). */
const FIXED = 400;

function* jsonChunks(findings: Iterable<Finding>, summary: object): Generator<Uint8Array> {
  const out = new ByteChunk(REPORT_CHUNK);
  out.text(`{\n  "version": ${JSON.stringify(REPORT_VERSION)},\n  "findings": [`);
  const quoted = new QuotedCache();
  let first = true;
  for (const f of findings) {
    if (f.suppressed) continue;
    if (f.ruleId === undefined || f.severity === undefined || f.file === undefined || f.message === undefined || f.principle === undefined || f.fix === undefined) {
      // A key without a value is left out, as JSON.stringify does (never so for a real finding).
      const text = sparseFindingJson(f);
      if (out.room() < text.length * 3 + 16) yield* out.take(text.length * 3 + 16);
      out.text(first ? "\n    " : ",\n    ");
      out.text(text);
      first = false;
      continue;
    }
    const ruleId = quoted.get(f.ruleId);
    const severity = quoted.get(f.severity);
    const file = quoted.get(f.file);
    const principle = quoted.get(f.principle);
    const fix = quoted.get(f.fix);
    const need = FIXED + ruleId.length + severity.length + file.length + principle.length + fix.length + 6 * f.message.length + 2;
    if (out.room() < need) yield* out.take(need);
    out.bytes(first ? PART.first : PART.next);
    first = false;
    out.bytes(ruleId);
    out.bytes(PART.severity);
    out.bytes(severity);
    out.bytes(PART.file);
    out.bytes(file);
    out.bytes(PART.line);
    out.number(f.line);
    out.bytes(PART.column);
    out.number(f.column);
    out.bytes(PART.endLine);
    out.number(f.endLine);
    out.bytes(PART.endColumn);
    out.number(f.endColumn);
    out.bytes(PART.message);
    out.jsonString(f.message);
    out.bytes(PART.principle);
    out.bytes(principle);
    out.bytes(PART.fix);
    out.bytes(fix);
    out.bytes(PART.close);
  }
  const end = `${first ? "],\n" : "\n  ],\n"}  "summary": ${JSON.stringify(summary, null, 2).replaceAll("\n", "\n  ")}\n}\n`;
  if (out.room() < end.length * 3) yield* out.take(end.length * 3);
  out.text(end);
  yield* out.take(0);
}

/** A finding with a missing field, as JSON.stringify(finding, null, 2) indents it four deeper. */
function sparseFindingJson(f: Finding): string {
  const lines = KEYS.filter((k) => f[k] !== undefined).map((k) => `      "${k}": ${JSON.stringify(f[k]) ?? "null"}`);
  return lines.length === 0 ? "{}" : `{\n${lines.join(",\n")}\n    }`;
}

/** Bytes written into a buffer; take() hands out what is written and starts a new buffer. */
class ByteChunk {
  private buf: Buffer;
  private pos = 0;

  constructor(private readonly size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  room(): number {
    return this.buf.length - this.pos;
  }

  /** Yields the bytes so far (if any), then makes room for at least `need` bytes. */
  *take(need: number): Generator<Uint8Array> {
    // A fresh buffer each time: a caller may keep the chunks (tests, the Action's summary).
    if (this.pos > 0) yield this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(Math.max(this.size, need));
    this.pos = 0;
  }

  bytes(b: Uint8Array): void {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  text(s: string): void {
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  number(n: number): void {
    if (Number.isInteger(n) && n >= 0 && n < 10) this.buf[this.pos++] = 48 + n;
    else this.text(JSON.stringify(n) ?? "null");
  }

  /** JSON.stringify(s): the common string, with nothing to escape, written without a copy. */
  jsonString(s: string): void {
    if (NEEDS_ESCAPE.test(s)) {
      this.text(JSON.stringify(s));
      return;
    }
    this.buf[this.pos++] = 0x22;
    this.text(s);
    this.buf[this.pos++] = 0x22;
  }
}

/**
 * Rule ids, severities, principles, fixes and file paths repeat from finding to finding: each
 * is quoted and encoded once. (Bounded: a report has few distinct ones of each; messages are
 * not cached.)
 */
class QuotedCache {
  private readonly map = new Map<string, Buffer>();

  get(s: string): Buffer {
    let out = this.map.get(s);
    if (out === undefined) {
      out = Buffer.from(NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`, "utf8");
      this.map.set(s, out);
    }
    return out;
  }
}

/** What JSON.stringify needs to escape in a string: quotes, backslashes, control characters, surrogates (when lone). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
