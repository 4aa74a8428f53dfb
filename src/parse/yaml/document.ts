import { Lexer, parseAllDocuments } from "yaml";
import type { Comment, ParseProblem } from "../../model/dockerfile.js";
import type { Range } from "../../model/range.js";
import type { YNode } from "../../model/ynode.js";
import { LineIndex } from "../text.js";
import { parseYamlFast } from "./fast.js";
import { rawFromYaml, type RawDocument } from "./raw.js";
import { AliasBombError, YamlReferenceError, YamlResolver, type Interpolate } from "./resolve.js";

export interface YamlFile {
  /** One root per YAML document (null for an empty document). */
  roots: (YNode | null)[];
  /** The first syntax error: the file is not linted further. */
  problem: ParseProblem | null;
  comments: Comment[];
}

/**
 * Parses YAML once (core schema, no custom tags, duplicate keys are errors — as Compose's
 * own parser treats them), resolving anchors, aliases and merge keys into YNodes.
 */
export function parseYamlFile(raw: string, interpolate: Interpolate | null): YamlFile {
  // A lone CR ends a line in YAML (and for Compose's parser), but not for this one: make it
  // LF. One character for one, so offsets, lines and columns stay those of the file.
  const text = raw.includes("\r") ? raw.replace(/\r(?!\n)/g, "\n") : raw;
  const lines = new LineIndex(text);
  const at = (offset: number): Range => {
    const p = lines.pos(Math.min(offset, text.length));
    // At a line break (or the end of the file) there is no character to underline.
    const atEol = offset >= text.length || text[offset] === "\n" || text[offset] === "\r";
    return { line: p.line, column: p.column, endLine: p.line, endColumn: p.column + (atEol ? 0 : 1) };
  };
  const comments = text.includes("isolint-ignore") ? yamlComments(text, lines) : [];
  // The common block-style subset takes the fast parser; everything else (and every error) `yaml`.
  let raws: RawDocument[] | null = parseYamlFast(text);
  if (!raws) {
    const docs = parseAllDocuments(text, { merge: true, prettyErrors: false, uniqueKeys: true, customTags: [] });
    const list = Array.isArray(docs) ? docs : [];
    for (const doc of list) {
      const err = doc.errors[0];
      if (err) {
        // The parser is recursive: a thousand nested maps or `[` overflow its stack, which it
        // reports as an error where it happened to stop; say so at the top, as for other nesting.
        if (/call stack/i.test(err.message)) return { roots: [], problem: { range: at(0), message: "YAML nesting too deep: not linted" }, comments };
        return { roots: [], problem: { range: at(errorStart(text, err)), message: `YAML syntax error: ${err.message.split("\n")[0]}` }, comments };
      }
    }
    try {
      raws = list.map(rawFromYaml);
    } catch (e) {
      if (e instanceof RangeError) return { roots: [], problem: { range: at(0), message: "YAML nesting too deep: not linted" }, comments };
      throw e;
    }
  }
  const roots: (YNode | null)[] = [];
  try {
    for (const doc of raws) roots.push(new YamlResolver(doc, lines, interpolate).root());
  } catch (e) {
    if (e instanceof YamlReferenceError) return { roots: [], problem: { range: at(e.offset), message: `YAML error: ${e.message}` }, comments };
    if (e instanceof AliasBombError || e instanceof RangeError) {
      return { roots: [], problem: { range: at(0), message: e instanceof AliasBombError ? e.message : "YAML nesting too deep: not linted" }, comments };
    }
    throw e;
  }
  return { roots, problem: null, comments };
}

/**
 * Where to point for a syntax error: the parser notices a missing closing quote only at the
 * end of the file, but the line to fix is the one where the quoted value starts.
 */
function errorStart(text: string, err: { code: string; message: string; pos: [number, number] }): number {
  // A duplicate key after a key without a value is reported at the end of that line: point at
  // the duplicate key itself, past blanks and comment lines.
  if (err.code === "DUPLICATE_KEY") {
    let i = err.pos[0];
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (text[i] !== "#") break;
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    }
    return Math.min(i, text.length);
  }
  // An unclosed `[` or `{` is noticed where the next block line starts: point at the opener.
  const flow = /^Flow (sequence|map) .* end with an? ([\]}])/.exec(err.message);
  if (flow) {
    const [open, close] = flow[2] === "]" ? ["[", "]"] : ["{", "}"];
    let depth = 0;
    for (let i = Math.min(err.pos[0], text.length) - 1; i >= 0; i--) {
      if (text[i] === close) depth++;
      else if (text[i] === open && depth-- === 0) return i;
    }
  }
  const quote = /Missing closing (["'])quote/.exec(err.message)?.[1];
  if (err.code === "MISSING_CHAR" && quote) {
    const open = text.lastIndexOf(quote, Math.max(0, err.pos[0] - 1));
    if (open >= 0) return open;
  }
  return err.pos[0];
}

/** `#` comments with their lines, and whether code precedes them on the line (trailing). */
function yamlComments(text: string, lines: LineIndex): Comment[] {
  const out: Comment[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer interleaves one-character control tokens that are not part of the source.
    if (token === "\x02" || token === "\x18" || token === "\x1f") continue;
    if (token.startsWith("#")) {
      const p = lines.pos(offset);
      const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
      const before = text.slice(lineStart, offset);
      out.push({
        line: p.line,
        text: token.slice(1).trim(),
        range: { line: p.line, column: p.column, endLine: p.line, endColumn: p.column + token.length },
        trailing: before.trim() !== "",
      });
    }
    offset += token.length;
  }
  return out;
}
