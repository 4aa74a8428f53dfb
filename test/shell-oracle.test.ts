/**
 * shell-quote as an oracle for our shell tokenizer (`tokenizeShell`): the word splitting and
 * the command boundaries of every shell-form RUN / CMD / ENTRYPOINT in the real-world corpus,
 * and of hand-written tricky scripts.
 *
 * Normalizations, so that only real differences remain:
 *  - Variables: shell-quote expands them; its env function returns the reference as written
 *    (`$NAME`, or `${…}` for anything that is not a plain name, e.g. `${VAR:-x}`). It cannot tell
 *    `$NAME` from `${NAME}`, so `${NAME}` is rewritten to `${B__NAME}` in the script given to
 *    both tokenizers, and the env function keeps `B__` names in braces.
 *  - Command substitution: shell-quote does not understand `$(…)`, `$((…))` or backticks (it
 *    splits them into operators and words). Ours keeps each one verbatim inside its word. Each
 *    one outside single quotes is replaced by a placeholder `${CMDSUBn}` in the script given to
 *    both, so the words around it are still compared.
 *  - Operators: `&&`, `||`, `;`, `;;`, `|`, `|&`, `&` and `(`, `)`, `<(` end a command, as ours
 *    splits commands; a command's operator is the last one before the next word, parentheses
 *    aside (`(make) || x` → `||`); only parentheses count as `;`. `;;` reads `;`, `|&` reads `|`.
 *  - Redirections: ours drops the operator, its target word and an attached fd number
 *    (`2>&1`, `>/dev/null`, `<<EOF`) from `words`; the same is dropped from shell-quote's output.
 *  - Globs (`{op: "glob"}`) are their pattern; comments (`{comment}`) are dropped, as ours drops
 *    them.
 *  - Skipped, counted: scripts with a `#` in the middle of a word (`a#b`): shell-quote starts a
 *    comment there, POSIX does not (see the cases below); scripts with `${…${…}…}` (shell-quote
 *    ends the expansion at the first `}`); scripts whose quotes or substitutions do not close.
 *
 * Where shell-quote is wrong (it treats newlines as blanks, knows no heredocs and no line
 * continuation inside a word), the last `describe` states what ours does instead.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, type ParseEntry } from "shell-quote";
import { afterAll, describe, expect, it } from "vitest";
import { corpusDockerfiles } from "./helpers/corpus.js";
import { parseDockerfile } from "../src/parse/dockerfile/parse.js";
import { tokenizeShell } from "../src/parse/shell/tokenize.js";

const projectRoot = path.resolve(import.meta.dirname, "..");
const corpusDir = path.resolve(projectRoot, "../shared/corpus");

const PLAIN_NAME = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])$/;
const BRACED_NAME = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/;
const REDIRECTS = new Set([">", ">>", "<", ">&", "<&", "&>", "&>>", ">|", "<>", "<<", "<<-", "<<<"]);
const CONTROL: Record<string, string> = { "&&": "&&", "||": "||", ";": ";", ";;": ";", "|": "|", "|&": "|", "&": "&" };
const PARENS = new Set(["(", ")", "<(", ">("]);

/** shell-quote's env: give each reference back as written (see the header). */
function env(key: string): string {
  return key.startsWith("CMDSUB") || key.startsWith("B__") || !PLAIN_NAME.test(key) ? `\${${key}}` : `$${key}`;
}

type Skip = "mid-word #" | "nested ${}" | "unclosed";

/**
 * The script both tokenizers are given: command substitutions outside single quotes replaced
 * by `${CMDSUBn}`, `${NAME}` by `${B__NAME}`. Or why the script can't be compared fairly.
 */
function neutralize(s: string): string | Skip {
  let out = "";
  let sub = 0;
  let dq = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\") {
      out += s.slice(i, i + 2);
      i++;
    } else if (c === "'" && !dq) {
      const close = s.indexOf("'", i + 1);
      if (close < 0) return "unclosed";
      out += s.slice(i, close + 1);
      i = close;
    } else if (c === '"') {
      dq = !dq;
      out += c;
    } else if (c === "#" && !dq && i > 0 && !/[\s;&|()$]/.test(s[i - 1]!)) {
      return "mid-word #";
    } else if (c === "`") {
      let j = i + 1;
      while (j < s.length && s[j] !== "`") j += s[j] === "\\" ? 2 : 1;
      if (j >= s.length) return "unclosed";
      out += `\${CMDSUB${sub++}}`;
      i = j;
    } else if (c === "$" && s[i + 1] === "(") {
      const close = closingParen(s, i + 1);
      if (close < 0) return "unclosed";
      out += `\${CMDSUB${sub++}}`;
      i = close;
    } else if (c === "$" && s[i + 1] === "{") {
      const close = s.indexOf("}", i);
      if (close < 0) return "unclosed";
      if (s.slice(i + 2, close).includes("${")) return "nested ${}";
      const m = BRACED_NAME.exec(s.slice(i, close + 1));
      out += m ? `\${B__${m[1]}}` : s.slice(i, close + 1);
      i = close;
    } else {
      out += c;
    }
  }
  return dq ? "unclosed" : out;
}

/** Index of the `)` that closes the `(` at `open`, skipping quoted text; -1 when none. */
function closingParen(s: string, open: number): number {
  let depth = 0;
  let q = "";
  for (let j = open; j < s.length; j++) {
    const d = s[j]!;
    if (q) {
      if (d === "\\" && q === '"') j++;
      else if (d === q) q = "";
    } else if (d === "\\") j++;
    else if (d === "'" || d === '"') q = d;
    else if (d === "(") depth++;
    else if (d === ")" && --depth === 0) return j;
  }
  return -1;
}

interface Cmd {
  words: string[];
  op: string;
}

/** shell-quote's reading, normalized (see the header). */
function theirs(script: string): Cmd[] {
  const entries: ParseEntry[] = parse(script, env);
  const cmds: Cmd[] = [];
  let words: string[] = [];
  /** Operators since the last word: the control operators and whether a parenthesis came. */
  let ops: string[] = [];
  let paren = false;
  const close = () => {
    if (words.length > 0) cmds.push({ words, op: "" });
    words = [];
  };
  const settle = () => {
    const last = cmds[cmds.length - 1];
    if (last && words.length === 0 && (ops.length > 0 || paren)) last.op = ops[ops.length - 1] ?? ";";
    ops = [];
    paren = false;
  };
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (typeof e === "string") {
      if (ops.length > 0 || paren) settle();
      words.push(e);
    } else if ("comment" in e) {
      continue;
    } else if (e.op === "glob") {
      if (ops.length > 0 || paren) settle();
      words.push(e.pattern);
    } else if (REDIRECTS.has(e.op)) {
      const prev = words[words.length - 1];
      if (prev !== undefined && /^\d+$/.test(prev) && script.includes(prev + e.op)) words.pop();
      i++; // the target
    } else if (e.op in CONTROL || PARENS.has(e.op)) {
      close();
      if (PARENS.has(e.op)) paren = true;
      else ops.push(CONTROL[e.op]!);
    } else {
      throw new Error(`unexpected shell-quote entry ${JSON.stringify(e)} in ${script}`);
    }
  }
  close();
  settle();
  return cmds;
}

/** Our reading: the commands that have words, with their operator. */
function ours(script: string): Cmd[] {
  return tokenizeShell(script)
    .filter((c) => c.words.length > 0)
    .map((c) => ({ words: c.words.map((w) => w.value), op: c.op }));
}

const counts = { scripts: 0, commands: 0, words: 0, skipped: {} as Record<string, number> };

function compare(script: string): boolean {
  const s = neutralize(script);
  if (s === "mid-word #" || s === "nested ${}" || s === "unclosed") {
    counts.skipped[s] = (counts.skipped[s] ?? 0) + 1;
    return false;
  }
  const expected = theirs(s);
  expect(ours(s), script).toEqual(expected);
  counts.scripts++;
  counts.commands += expected.length;
  counts.words += expected.reduce((n, c) => n + c.words.length, 0);
  return true;
}

afterAll(() => {
  console.log(
    `shell-quote oracle: ${counts.scripts} scripts compared (${counts.commands} commands, ${counts.words} words); ` +
      `skipped: ${JSON.stringify(counts.skipped)}`,
  );
});

describe.skipIf(!existsSync(corpusDir))("tokenizeShell agrees with shell-quote on the corpus", () => {
  const files = existsSync(corpusDir) ? corpusDockerfiles(corpusDir) : [];
  it("finds the corpus", () => {
    expect(files.length).toBeGreaterThan(500);
  });
  for (const file of files) {
    it(path.relative(corpusDir, file), () => {
      const model = parseDockerfile(file, readFileSync(file, "utf8"));
      for (const instr of model.instructions) {
        if ((instr.keyword === "RUN" || instr.keyword === "CMD" || instr.keyword === "ENTRYPOINT") && !instr.exec && instr.args !== "") {
          compare(instr.args);
        }
      }
    });
  }
});

describe("tokenizeShell agrees with shell-quote on tricky scripts", () => {
  const scripts = [
    `echo "a b" 'c d' e\\ f`,
    `echo "a \\"q\\" b" 'x\\'`,
    `echo '' "" x`,
    `echo "a"'b'c`,
    `echo "a;b" 'c|d' e\\;f "#no" '#no'`,
    `echo "\\$HOME" '\\$HOME' \\$HOME`,
    `echo -e "\\t\\n" "a\\b"`,
    `FOO=bar BAZ="q x" cmd arg`,
    `a && b || c ; d | e & f`,
    `a&&b||c;d|e&f`,
    `a |& b ;; c`,
    `cmd 2>&1 >/dev/null`,
    `cmd >/dev/null 2>&1 && next`,
    `cmd 2> err.log arg`,
    `cmd 2 > two-is-an-argument`,
    `cmd &> all.log arg; cmd >> out.log arg; cmd < in.txt arg`,
    `cmd 1>&2 arg >|f <<< "here string" last`,
    `apt-get install -y a b 2>/dev/null || true`,
    `cat <<EOF > /x`,
    `cat <<-'EOF' | sh`,
    `echo $(date +%s) end`,
    `echo "$(a "b c")" end`,
    "echo `uname -m` end",
    `x=$((1 + 2)) y`,
    `echo \${VAR:-x} \${VAR} $VAR \${#VAR} $1 $@ \${VAR}suffix`,
    `echo a # a comment`,
    `# only a comment`,
    `if [ -f x ]; then y; else z; fi`,
    `for i in 1 2; do echo $i; done`,
    `(cd /x && make) || exit 1`,
    `(sleep 10) & wait`,
    `{ a; b; } > log`,
    `case $x in a) y;; esac`,
    `ls *.txt "*.md"`,
    `diff <(sort a) <(sort b)`,
  ];
  for (const script of scripts) {
    it(script, () => {
      expect(compare(script)).toBe(true);
    });
  }
});

/** Scripts shell-quote gets wrong or does not model: what ours does, and how shell-quote differs. */
describe("where shell-quote is wrong or cruder, ours follows POSIX sh", () => {
  const words = (script: string) => ours(script).map((c) => c.words);
  const quoteWords = (script: string) => parse(script, env).filter((e): e is string => typeof e === "string");

  it("`#` inside a word is not a comment", () => {
    expect(words("echo a#b c")).toEqual([["echo", "a#b", "c"]]);
    expect(quoteWords("echo a#b c")).toEqual(["echo", "a"]);
  });

  it("a newline ends a command", () => {
    expect(ours("a x\nb y")).toEqual([{ words: ["a", "x"], op: "\n" }, { words: ["b", "y"], op: "" }]);
    expect(quoteWords("a x\nb y")).toEqual(["a", "x", "b", "y"]);
  });

  it("a backslash-newline inside a word joins it", () => {
    expect(words("echo ab\\\ncd")).toEqual([["echo", "abcd"]]);
    expect(quoteWords("echo ab\\\ncd")).toEqual(["echo", "ab", "cd"]);
  });

  it("a heredoc body is not commands", () => {
    const script = "cat <<EOF > /etc/motd\nrm -rf / && echo hi\nEOF\necho done";
    expect(words(script)).toEqual([["cat"], ["echo", "done"]]);
    expect(quoteWords(script)).toContain("rm");
  });

  it("`<<-` strips tabs before the terminator", () => {
    expect(words("cat <<-EOF\n\tbody\n\tEOF\nnext")).toEqual([["cat"], ["next"]]);
  });

  it("a command substitution, nested quotes and all, stays inside its word", () => {
    expect(words(`echo "$(a "b c")" $(x $(y)) end`)).toEqual([["echo", `$(a "b c")`, "$(x $(y))", "end"]]);
    expect(quoteWords(`echo "$(a "b c")" end`)).toEqual(["echo", "${}(a b", "c)", "end"]);
  });

  it("an expansion with a nested expansion stays one word", () => {
    expect(words("echo ${A:-${B}} c")).toEqual([["echo", "${A:-${B}}", "c"]]);
  });
});
