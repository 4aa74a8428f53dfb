/**
 * dockerfile-ast as an oracle for our Dockerfile parser, over every Dockerfile of the real-world
 * corpus (/work/shared/corpus, next to the project). For each file both parsers must find the
 * same instructions in the same order with the same keyword, range and keyword range, the same
 * arguments, the same JSON (exec) form, and the same FROM image / tag / digest / stage name.
 *
 * Ranges: dockerfile-ast's are 0-based lines and characters with an exclusive end; ours are
 * 1-based with an exclusive end column, so `ours = theirs + 1` on all four numbers. Both end an
 * instruction with a heredoc at the end of its terminator line.
 *
 * Normalizations (each one is narrow, and counted when it applies):
 *  1. Unknown instructions: dockerfile-ast keeps `WRONG x` as an instruction; ours reports it as
 *     the file's `problem` and leaves it out of `instructions` (a modelling choice: rules only
 *     ever see instructions Docker knows). Such an instruction is skipped on their side only
 *     when ours has a problem for the file.
 *  2. Arguments: dockerfile-ast does not know quotes (`"a b"` is two arguments), splits at an
 *     escaped blank (`a\ b`), removes the escape character (but keeps `\$`), and includes the
 *     heredoc bodies and terminators. Ours keeps quoted words whole, keeps escapes as written
 *     and keeps heredoc bodies apart. So our side is re-tokenized the dockerfile-ast way (see
 *     `astTokens`) from what our model holds: the flags as written, `args` (continuations joined,
 *     comment lines dropped) and each heredoc's body and terminator. Comment lines inside a
 *     continuation are dropped by both (theirs only from the arguments), so they need no rule.
 *     Our word *boundaries* are checked as well: every flag and word of ours must start where
 *     one of their arguments starts and end where one of theirs ends.
 *  3. JSON form: dockerfile-ast drops blanks inside JSON strings (`"b c"` reads `bc`) and
 *     does not decode JSON escapes other than `\"` and `\\`. Our strings are compared with
 *     blanks removed; an instruction with any other escape is not compared (none in the corpus).
 *  4. FROM: ours lower-cases the repository name and drops Docker Hub's `library/` (how Docker
 *     matches names); the raw image word is compared as written, and tag and digest are what
 *     `parseImageRef` reads from the raw, unexpanded word. Where the word has no variable, the
 *     stage's expanded `base` must equal that raw reading.
 *
 * Where dockerfile-ast and BuildKit disagree, ours follows BuildKit; the second `describe`
 * pins those cases down, with what each parser does.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DockerfileParser, From, Instruction as AstInstruction, JSONInstruction, ModifiableInstruction } from "dockerfile-ast";
import { afterAll, describe, expect, it } from "vitest";
import { corpusDockerfiles } from "./helpers/corpus.js";
import type { Instruction } from "../src/model/dockerfile.js";
import type { Range } from "../src/model/range.js";
import { parseImageRef } from "../src/parse/dockerfile/image-ref.js";
import { KEYWORDS, parseDockerfile } from "../src/parse/dockerfile/parse.js";

const projectRoot = path.resolve(import.meta.dirname, "..");
const corpusDir = path.resolve(projectRoot, "../shared/corpus");

interface AstRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** dockerfile-ast range → ours (1-based lines and columns, end column exclusive). */
function fromAst(r: AstRange): Range {
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

const pos = (line: number, column: number) => `${line}:${column}`;

/**
 * Splits text into arguments the way dockerfile-ast's Instruction.getArguments() does on text
 * without line continuations: blanks and newlines split; escape + blank splits; escape +
 * newline joins; escape + `$` stays as written; escape + any other character is that character.
 */
function astTokens(text: string, escape: string): string[] {
  const out: string[] = [];
  let cur = "";
  let has = false;
  const flush = () => {
    if (has) out.push(cur);
    cur = "";
    has = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      flush();
      continue;
    }
    if (c === escape) {
      const next = text[i + 1];
      if (next === undefined) break;
      i++;
      if (next === " " || next === "\t") flush();
      else if (next !== "\n") {
        cur += next === "$" ? c + next : next;
        has = true;
      }
      continue;
    }
    cur += c;
    has = true;
  }
  flush();
  return out;
}

/** Our instruction's arguments, re-tokenized as dockerfile-ast would see them (normalization 2). */
function ourTokens(instr: Instruction, escape: string): string[] {
  let text = [...instr.flags.map((f) => f.raw), instr.args].join(" ");
  for (const h of instr.heredocs) text += `\n${h.body}\n${h.marker}`;
  return astTokens(text, escape);
}

/** Every argument dockerfile-ast sees, flags included (ModifiableInstruction hides its flags). */
function astArguments(t: AstInstruction) {
  return AstInstruction.prototype.getArguments.call(t);
}

const JSON_ESCAPE_OTHER_THAN_QUOTE_OR_BACKSLASH = /\\[^"\\]/;
/** The instructions whose leading `--flags` dockerfile-ast reads (ours reads them on all but ONBUILD, as BuildKit). */
const FLAG_KEYWORDS = new Set(["ADD", "COPY", "FROM", "HEALTHCHECK", "RUN"]);

const counts = { files: 0, instructions: 0, tokens: 0, words: 0, flags: 0, json: 0, from: 0, unknownSkipped: 0, jsonNotCompared: 0 };

describe.skipIf(!existsSync(corpusDir))("our Dockerfile parser agrees with dockerfile-ast on the corpus", () => {
  const files = existsSync(corpusDir) ? corpusDockerfiles(corpusDir) : [];

  afterAll(() => {
    console.log(
      `dockerfile-ast oracle: ${counts.files} files, ${counts.instructions} instructions compared ` +
        `(${counts.tokens} argument tokens, ${counts.words} word boundaries, ${counts.flags} flags, ${counts.json} JSON forms, ${counts.from} FROM); ` +
        `skipped: ${counts.unknownSkipped} unknown instructions, ${counts.jsonNotCompared} JSON forms with other escapes`,
    );
  });

  it("finds the corpus", () => {
    expect(files.length).toBeGreaterThan(500);
  });

  for (const file of files) {
    it(path.relative(corpusDir, file), () => {
      const text = readFileSync(file, "utf8");
      const ours = parseDockerfile(file, text);
      const ast = DockerfileParser.parse(text);
      expect(ours.escape).toBe(ast.getEscapeCharacter());

      // Normalization 1: an unknown instruction is our file's problem, not an instruction.
      const theirs = ast.getInstructions().filter((t) => {
        if (KEYWORDS.has(t.getKeyword())) return true;
        expect(ours.problem, `"${t.getKeyword()}" is unknown: ours must report it`).not.toBeNull();
        counts.unknownSkipped++;
        return false;
      });
      expect(ours.instructions.map((i) => `${i.keyword}@${i.range.line}`)).toEqual(
        theirs.map((t) => `${t.getKeyword()}@${t.getRange().start.line + 1}`),
      );
      counts.files++;

      theirs.forEach((t, k) => {
        const o = ours.instructions[k]!;
        const where = `${o.keyword} at line ${o.range.line}`;
        counts.instructions++;
        expect(o.range, where).toEqual(fromAst(t.getRange()));
        expect(o.keywordRange, where).toEqual(fromAst(t.getInstructionRange()));

        // Normalization 2: the same argument tokens, and our word boundaries among theirs.
        const args = astArguments(t);
        const expected = args.map((a) => a.getValue());
        expect(ourTokens(o, ours.escape), where).toEqual(expected);
        counts.tokens += expected.length;
        const starts = new Set(args.map((a) => pos(a.getRange().start.line + 1, a.getRange().start.character + 1)));
        const ends = new Set(args.map((a) => pos(a.getRange().end.line + 1, a.getRange().end.character + 1)));
        for (const w of [...o.flags, ...o.words]) {
          expect(starts.has(pos(w.range.line, w.range.column)), `${where}: start of ${w.raw}`).toBe(true);
          expect(ends.has(pos(w.range.endLine, w.range.endColumn)), `${where}: end of ${w.raw}`).toBe(true);
          counts.words++;
        }
        if (t instanceof ModifiableInstruction && FLAG_KEYWORDS.has(o.keyword)) {
          // dockerfile-ast keeps a flag's value as written; ours removes quotes from `value`, so
          // the written value (after the `=` of `raw`) is compared.
          const flags = t.getFlags().map((f) => [f.getName().toLowerCase(), f.getValue()]);
          expect(o.flags.map((f) => [f.name, f.raw.includes("=") ? f.raw.slice(f.raw.indexOf("=") + 1) : null]), where).toEqual(flags);
          counts.flags += flags.length;
        }

        // Normalization 3: the JSON form, blanks removed.
        if (t instanceof JSONInstruction) {
          const theirJson = t.getOpeningBracket() && t.getClosingBracket() ? t.getJSONStrings().map((s) => s.getJSONValue()) : null;
          if (o.exec && JSON_ESCAPE_OTHER_THAN_QUOTE_OR_BACKSLASH.test(o.args)) {
            counts.jsonNotCompared++;
          } else {
            expect(o.exec?.map((s) => s.replace(/[ \t]/g, "")) ?? null, where).toEqual(theirJson);
            if (o.exec) counts.json++;
          }
        }

        // Normalization 4: FROM image, tag, digest, name and stage, on the raw word.
        if (t instanceof From) {
          counts.from++;
          const raw = o.words[0]?.raw ?? null;
          expect(raw, where).toBe(t.getImage());
          const ref = parseImageRef(raw ?? "");
          expect(ref.tag, where).toBe(t.getImageTag());
          expect(ref.digest, where).toBe(t.getImageDigest());
          expect(ref.registry, where).toBe(t.getRegistry());
          const theirName = t.getImageName()?.toLowerCase() ?? "";
          expect(ref.name, where).toBe(ref.registry === null ? theirName.replace(/^library\//, "") : theirName);
          const stage = ours.stages.find((s) => s.from === o)!;
          expect(stage.alias, where).toBe(t.getBuildStage()?.toLowerCase() ?? null);
          expect(o.flags.find((f) => f.name === "platform")?.value ?? null, where).toBe(t.getPlatformFlag()?.getValue() ?? null);
          if (raw && !raw.includes("$")) expect(stage.base, where).toEqual(ref);
        }
      });
    });
  }
});

/**
 * Inputs on which dockerfile-ast and BuildKit (moby/buildkit frontend/dockerfile/parser) part
 * ways. Ours follows BuildKit; each case states what dockerfile-ast does instead, so a change
 * on either side shows up here.
 */
describe("where dockerfile-ast differs from BuildKit, ours follows BuildKit", () => {
  const astOf = (text: string) => DockerfileParser.parse(text);

  it("an escaped escape character at the end of a line is not a continuation (buildkit#1559)", () => {
    const text = "FROM a\nRUN echo a\\\\\nRUN echo b\n";
    expect(parseDockerfile("x", text).instructions.map((i) => i.keyword)).toEqual(["FROM", "RUN", "RUN"]);
    expect(astOf(text).getInstructions().map((i) => i.getKeyword())).toEqual(["FROM", "RUN"]);
  });

  it("an unknown parser directive is a comment and ends the directives", () => {
    const text = "# foo=bar\n# escape=`\nFROM a\nRUN echo a `\n  b\n";
    const ours = parseDockerfile("x", text);
    expect(ours.escape).toBe("\\");
    expect(ours.directives).toEqual({});
    expect(astOf(text).getEscapeCharacter()).toBe("`");
  });

  it("a heredoc word may start with a file descriptor: `3<<EOF`", () => {
    const text = "FROM a\nRUN cat 3<<EOF\nx\nEOF\n";
    const ours = parseDockerfile("x", text);
    expect(ours.problem).toBeNull();
    expect(ours.instructions.map((i) => [i.keyword, i.range.endLine])).toEqual([["FROM", 1], ["RUN", 4]]);
    expect(astOf(text).getInstructions().map((i) => i.getKeyword())).toEqual(["FROM", "RUN", "X", "EOF"]);
  });

  it("quotes group a flag's value and are removed from it", () => {
    const text = 'FROM a\nCOPY --chown="app user" x y\n';
    const copy = parseDockerfile("x", text).instructions[1]!;
    expect(copy.flags.map((f) => [f.name, f.value])).toEqual([["chown", "app user"]]);
    expect(copy.words.map((w) => w.raw)).toEqual(["x", "y"]);
    const theirs = astOf(text).getInstructions()[1] as ModifiableInstruction;
    expect(theirs.getFlags().map((f) => f.getValue())).toEqual(['"app']);
  });

  it("blanks inside a JSON string are kept", () => {
    const text = 'FROM a\nCMD ["echo", "a b"]\n';
    expect(parseDockerfile("x", text).instructions[1]!.exec).toEqual(["echo", "a b"]);
    const theirs = astOf(text).getInstructions()[1] as JSONInstruction;
    expect(theirs.getJSONStrings().map((s) => s.getJSONValue())).toEqual(["echo", "ab"]);
  });

  it("the escape character escapes nothing inside single quotes", () => {
    const text = "FROM a\nENV X='a\\' Y=b\n";
    const env = parseDockerfile("x", text).instructions[1]!;
    expect(env.pairs.map((p) => [p.key, p.value])).toEqual([["X", "a\\"], ["Y", "b"]]);
    expect(astOf(text).getInstructions()[1]!.getArguments().map((a) => a.getValue())).toEqual(["X='a'", "Y=b"]);
  });

  it("a lone `--` ends the flags and is dropped", () => {
    const text = "FROM a\nRUN -- echo hi\n";
    const run = parseDockerfile("x", text).instructions[1]!;
    expect(run.flags).toEqual([]);
    expect(run.args).toBe("echo hi");
    expect((astOf(text).getInstructions()[1] as ModifiableInstruction).getFlags().map((f) => f.getName())).toEqual([""]);
  });
});
