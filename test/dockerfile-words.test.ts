/**
 * An instruction's words are split by one regex per escape character (fast while the JIT is
 * cold). The character loop it replaced is kept here as the oracle: the same words, at the
 * same offsets, for every instruction of the corpus and for random texts made of the
 * characters that matter (blanks, both quotes, both escape characters).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LogicalLine, lexDockerfile } from "../src/parse/dockerfile/lexer.js";
import { splitWords } from "../src/parse/dockerfile/parse.js";
import { splitLines } from "../src/parse/text.js";
import { corpusDockerfiles } from "./helpers/corpus.js";

/** The loop splitWords was: BuildKit's parseWords, quotes and escapes kept as written. */
function loopWords(text: string, from: number, escape: string): [string, number, number][] {
  const out: [string, number, number][] = [];
  let i = from;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === " " || text[i] === "\t")) i++;
    if (i >= n) break;
    const start = i;
    let q: string | null = null;
    while (i < n) {
      const c = text[i]!;
      if (c === escape && q !== "'" && i + 1 < n) {
        i += 2;
        continue;
      }
      if (q) {
        if (c === q) q = null;
      } else if (c === '"' || c === "'") q = c;
      else if (c === " " || c === "\t") break;
      i++;
    }
    out.push([text.slice(start, i), start, i]);
  }
  return out;
}

const line = (text: string) => new LogicalLine(text, [{ offset: 0, line: 1, column: 1 }], 1, 1, text.length + 1);
const regexWords = (text: string, from: number, escape: string): [string, number, number][] =>
  splitWords(line(text), from, escape).map((w) => [w.raw, w.start, w.start + w.raw.length]);

describe("splitWords (regex) against the character loop", () => {
  it.each([
    ['RUN echo "a b" c', 3],
    ["RUN echo 'a \\' b' c", 3],
    ["RUN a\\ b c\\", 3],
    ['RUN "unclosed quote here', 3],
    ["RUN 'unclosed", 3],
    ['RUN x"y z"w \t  v', 3],
    ['RUN "a\\"b" c', 3],
    ["RUN a\\", 3],
    ['RUN "a\\', 3],
    ["", 0],
    ["   \t ", 0],
  ] as const)("%j", (text, from) => {
    for (const escape of ["\\", "`"]) expect(regexWords(text, from, escape)).toEqual(loopWords(text, from, escape));
  });

  it("on random texts of blanks, quotes, escapes and letters", () => {
    const chars = fc.constantFrom(" ", "\t", '"', "'", "\\", "`", "a", "b", "$", "=", "\u00e9");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join("")), fc.constantFrom("\\", "`"), fc.nat(5), (text, escape, from) => {
        const start = Math.min(from, text.length);
        expect(regexWords(text, start, escape)).toEqual(loopWords(text, start, escape));
      }),
      { numRuns: 3000, seed: 20261125 },
    );
  });

  const corpus = path.resolve(import.meta.dirname, "../../shared/corpus");
  it.skipIf(!existsSync(corpus))("on every instruction of the corpus", () => {
    let instructions = 0;
    for (const file of corpusDockerfiles(corpus)) {
      const lex = lexDockerfile(splitLines(readFileSync(file, "utf8")));
      for (const raw of lex.instructions) {
        const text = raw.logical.text;
        const kwEnd = /^\S*/.exec(text)![0].length;
        expect(regexWords(text, kwEnd, lex.escape), `${file}: ${text.slice(0, 60)}`).toEqual(loopWords(text, kwEnd, lex.escape));
        instructions++;
      }
    }
    expect(instructions).toBeGreaterThan(5_000);
  });
});
