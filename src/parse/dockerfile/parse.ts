import { argumentProblem } from "./arguments.js";
import type {
  DockerfileModel,
  Flag,
  Instruction,
  KeyValue,
  ParseProblem,
  Scope,
  Stage,
  Word,
} from "../../model/dockerfile.js";
import { basename, execCommand, flattenCommands, SHELLS, type RunCommand } from "../shell/commands.js";
import { packageInstall, type PackageInstall } from "../shell/packages.js";
import { tokenizeShell, type ShellCommand } from "../shell/tokenize.js";
import { splitLines } from "../text.js";
import { expandWord, type Lookup } from "./expand.js";
import { parseImageRef } from "./image-ref.js";
import { lexDockerfile, type LogicalLine, type RawInstruction } from "./lexer.js";
import type { Range } from "../../model/range.js";

export const KEYWORDS = new Set([
  "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
  "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
]);
const EXEC_FORM = new Set(["RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME"]);
const SHELL_COMMANDS = new Set(["RUN", "CMD", "ENTRYPOINT"]);
const EMPTY_SCOPE: Scope = new Map();
/** Scope entries copied before a file is given up on (a few thousand ARG/ENV; real files copy a few thousand entries in all). */
const SCOPE_COPY_BUDGET = 2_000_000;

/** Parses a Dockerfile's text into the model every Dockerfile rule reads. Never throws. */
export function parseDockerfile(path: string, text: string): DockerfileModel {
  const lines = splitLines(text);
  const lex = lexDockerfile(lines);
  let problem: ParseProblem | null = lex.problem;
  const note = (p: ParseProblem) => {
    if (!problem || p.range.line < problem.range.line) problem = p;
  };

  const instructions: Instruction[] = [];
  const stages: Stage[] = [];
  const aliases = new Map<string, Stage>();
  let globalScope = new Map<string, string | null>();
  let scope: Map<string, string | null> = globalScope;
  let stage: Stage | null = null;
  // Each instruction keeps the variables it saw, so ARG/ENV copy the scope: thousands of them
  // (a generated file) would copy millions of entries. Past a budget the file is not linted.
  let copied = 0;
  const copy = (from: Iterable<[string, string | null]> & { size?: number }) => {
    copied += from.size ?? 0;
    return new Map(from);
  };

  for (const raw of lex.instructions) {
    if (copied > SCOPE_COPY_BUDGET) {
      return {
        kind: "dockerfile",
        path,
        escape: lex.escape,
        directives: lex.directives,
        instructions: [],
        stages: [],
        comments: lex.comments,
        problem: { range: lineRangeOf(raw.logical.range(0, 0).line), message: `too many ARG/ENV variables to follow (${scope.size} in scope at this line): not linted` },
      };
    }
    const instr = buildInstruction(raw, lex.escape, note);
    const kw = instr.keyword;
    if (!KEYWORDS.has(kw)) {
      note({ range: instr.keywordRange, message: `unknown instruction "${raw.logical.text.split(/\s/, 1)[0]}"` });
      continue;
    }
    if (kw === "FROM") {
      const parsed = parseFrom(instr, globalScope, aliases, stages.length, lex.escape);
      if (!parsed) {
        note({ range: instr.range, message: "FROM needs an image: FROM <image>[:tag] [AS <name>]" });
        continue;
      }
      const fromProblem = checkFromWords(instr);
      if (fromProblem) note(fromProblem);
      if (parsed.alias && aliases.has(parsed.alias)) note({ range: instr.range, message: `duplicate stage name "${parsed.alias}": another FROM … AS ${parsed.alias} comes first` });
      stage = parsed;
      stages.push(stage);
      if (stage.alias) aliases.set(stage.alias, stage);
      // A stage sees the ENV and ARGs of the stage it builds on (in BuildKit, the build args that
      // stage declared): the scope its last instruction saw. Global build args must be declared again.
      scope = copy(stage.parent ? stage.parent.instructions[stage.parent.instructions.length - 1]!.scope : new Map());
      instr.stage = stage.index;
      instr.scope = scope;
      stage.instructions.push(instr);
      instructions.push(instr);
      continue;
    }
    const argProblem = argumentProblem(instr);
    if (argProblem) note(argProblem);
    if (!stage && kw !== "ARG") {
      note({ range: instr.keywordRange, message: `${kw} before the first FROM: only ARG may come before FROM` });
    }
    if (kw === "ARG" || kw === "ENV") {
      const next = copy(scope);
      instr.pairs = parsePairs(instr, kw, next, globalScope, stage === null, lex.escape);
      scope = next;
      if (!stage) globalScope = next;
    } else if (kw === "LABEL") {
      instr.pairs = parsePairs(instr, kw, copy(scope), globalScope, false, lex.escape);
    }
    instr.scope = scope;
    if (SHELL_COMMANDS.has(kw)) fillCommands(instr);
    else if (kw === "HEALTHCHECK") fillHealthcheck(instr, note);
    if (stage) {
      instr.stage = stage.index;
      stage.instructions.push(instr);
    }
    instructions.push(instr);
  }
  if (stages.length === 0 && lex.instructions.length > 0) {
    note({ range: instructions[0]?.range ?? lineRangeOf(1), message: "no FROM instruction: a Dockerfile must start a build stage with FROM" });
  } else if (lex.instructions.length === 0) {
    note({ range: lineRangeOf(1), message: "the file has no instructions" });
  }
  return {
    kind: "dockerfile",
    path,
    escape: lex.escape,
    directives: lex.directives,
    instructions,
    stages,
    comments: lex.comments,
    problem,
  };
}

function lineRangeOf(line: number) {
  return { line, column: 1, endLine: line, endColumn: 1 };
}

function buildInstruction(raw: RawInstruction, escape: string, note: (p: ParseProblem) => void): Instruction {
  const ll = raw.logical;
  const text = ll.text;
  const kwEnd = /^\S*/.exec(text)![0].length;
  const keyword = text.slice(0, kwEnd).toUpperCase();
  // Where the instruction's text starts: past a first line that holds only the escape character.
  const start = ll.position(0);
  const range = {
    line: start.line,
    column: start.column,
    endLine: raw.lastLine,
    endColumn: raw.lastLine === ll.endLine ? ll.endColumn : raw.lastLineLength + 1,
  };
  const all = splitWords(ll, kwEnd, escape);
  const flags: Flag[] = [];
  let k = 0;
  // BuildKit reads `--name[=value]` flags at the start of every instruction's arguments;
  // a lone `--` ends them and is dropped.
  while (k < all.length && all[k]!.raw.startsWith("--") && keyword !== "ONBUILD") {
    const w = all[k]!;
    k++;
    if (w.raw === "--") break;
    const eq = w.raw.indexOf("=");
    flags.push(w.asFlag((eq < 0 ? w.raw.slice(2) : w.raw.slice(2, eq)).toLowerCase(), eq < 0 ? null : unquoteFlag(w.raw.slice(eq + 1))));
  }
  const argsStart = k < all.length ? all[k]!.start : text.length;
  const args = text.slice(argsStart).trim();
  const words: Word[] = k === 0 ? all : all.slice(k);
  let exec: string[] | null = null;
  if (EXEC_FORM.has(keyword) && args.startsWith("[")) {
    const json = parseJsonArray(args);
    if (json === NOT_STRINGS) note({ range: ll.range(argsStart, text.length), message: NOT_STRINGS_MESSAGE });
    else exec = json;
  }
  return {
    keyword,
    range,
    keywordRange: ll.range(0, kwEnd),
    args,
    flags,
    words,
    exec,
    heredocs: raw.heredocs,
    stage: -1,
    pairs: [],
    commands: [],
    installs: [],
    scope: EMPTY_SCOPE,
  };
}

const NOT_STRINGS = Symbol("not-strings");
const NOT_STRINGS_MESSAGE = "when using JSON array syntax, arrays must be comprised of strings only";

/**
 * Docker's JSON form: a JSON array of strings, else the instruction is in shell form.
 * A valid JSON array with a non-string in it is neither: `NOT_STRINGS` (Docker refuses it).
 */
function parseJsonArray(args: string): string[] | null | typeof NOT_STRINGS {
  let v: unknown;
  try {
    v = JSON.parse(args);
  } catch {
    return null;
  }
  if (!Array.isArray(v)) return null;
  return v.every((x) => typeof x === "string") ? (v as string[]) : NOT_STRINGS;
}

/** A flag's value as BuildKit reads it: quotes removed, backslash escapes resolved. */
function unquoteFlag(value: string): string {
  if (!value.includes('"') && !value.includes("'") && !value.includes("\\")) return value;
  let out = "";
  let q = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (q === "" && (c === '"' || c === "'")) q = c;
    else if (c === q) q = "";
    else if (c === "\\") {
      if (i + 1 < value.length) out += value[++i];
    } else out += c;
  }
  return out;
}

/**
 * A word of an instruction. Its file range is worked out when a rule asks for it: a Dockerfile
 * has thousands of words and few ranges are ever read (allocating them all was a tenth of the
 * parse and a large part of a monorepo's heap).
 */
class SourceWord implements Word {
  private cachedRange: Range | null = null;
  constructor(
    readonly raw: string,
    private readonly line: LogicalLine,
    readonly start: number,
    private readonly end: number,
  ) {}

  get range(): Range {
    return (this.cachedRange ??= this.line.range(this.start, this.end));
  }

  asFlag(name: string, value: string | null): Flag {
    return new SourceFlag(this.raw, this.line, this.start, this.end, name, value);
  }
}

class SourceFlag extends SourceWord implements Flag {
  constructor(raw: string, line: LogicalLine, start: number, end: number, readonly name: string, readonly value: string | null) {
    super(raw, line, start, end);
  }
}

/**
 * A word as BuildKit's parseWords splits them: runs of anything but space and tab, where the
 * escape character takes the next character along (also at the very end, alone), a double
 * quote runs to the next unescaped one and a single quote to the next one, escapes included
 * (an unclosed quote runs to the end). One regex per escape character: the regex engine
 * scans faster than a loop over characters in code the JIT hasn't optimised yet, which is
 * most of a run over a few hundred files. (test/dockerfile-words.test.ts checks it against
 * the loop it replaced.)
 */
const WORD_BACKSLASH = /(?:[^ \t"'\\]|\\[^]?|"(?:[^"\\]|\\[^]?)*"?|'[^']*'?)+/g;
const WORD_BACKTICK = /(?:[^ \t"'`]|`[^]?|"(?:[^"`]|`[^]?)*"?|'[^']*'?)+/g;

/** Whitespace-separated words from `from`, keeping quotes and escapes as written. */
export function splitWords(ll: LogicalLine, from: number, escape: string): SourceWord[] {
  const text = ll.text;
  const out: SourceWord[] = [];
  const re = escape === "`" ? WORD_BACKTICK : WORD_BACKSLASH;
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(new SourceWord(m[0], ll, m.index, re.lastIndex));
  }
  return out;
}

function parseFrom(instr: Instruction, globalScope: Scope, aliases: Map<string, Stage>, index: number, escape: string): Stage | null {
  const [image, as, name] = instr.words;
  if (!image) return null;
  // Only ARGs declared before the first FROM reach a FROM line (build args given for others are
  // not used): anything else is empty there, so `${VERSION:-20}` is 20.
  const fromScope: Lookup = { has: () => true, get: (name) => globalScope.get(name) ?? null };
  const expanded = expandWord(image.raw, fromScope, escape);
  const base = parseImageRef(expanded.value, expanded.unresolved);
  // Unknown here (`FROM $BASE_IMAGE` with no default): messages show it as written, not "FROM ".
  if (expanded.unresolved) base.ref = image.raw;
  const parent = !base.tag && !base.digest && !base.registry ? aliases.get(expanded.value.toLowerCase()) ?? null : null;
  return {
    index,
    from: instr,
    base,
    alias: as && as.raw.toUpperCase() === "AS" && name ? name.raw.toLowerCase() : null,
    parent,
    instructions: [],
  };
}

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

/** BuildKit accepts `FROM image` and `FROM image AS name`, the name starting with a letter. */
function checkFromWords(instr: Instruction): ParseProblem | null {
  const words = instr.words;
  if (words.length === 3 && words[1]!.raw.toUpperCase() === "AS") {
    const name = words[2]!;
    if (STAGE_NAME.test(name.raw.toLowerCase())) return null;
    return { range: name.range, message: `invalid name for build stage: "${name.raw}", name can't start with a number or contain symbols` };
  }
  if (words.length === 1) return null;
  return { range: instr.range, message: "FROM requires either one or three arguments: FROM <image> [AS <name>]" };
}

/**
 * `ENV a=1 b="2 3"`, legacy `ENV key value with spaces`, `ARG name[=default] …`, `LABEL k=v …`.
 * Writes the new values into `scope` as it goes, so `ENV B=$A` sees an `A` set just before.
 */
function parsePairs(
  instr: Instruction,
  kw: "ARG" | "ENV" | "LABEL",
  scope: Map<string, string | null>,
  globalScope: Scope,
  isGlobal: boolean,
  escape: string,
): KeyValue[] {
  const words = instr.words;
  if (words.length === 0) return [];
  const pairs: KeyValue[] = [];
  const first = words[0]!;
  if (kw !== "ARG" && !first.raw.includes("=")) {
    // Legacy form: the key, then the rest of the line is the value.
    const key = first.raw;
    const valueText = instr.args.slice(first.raw.length).trim();
    const expanded = expandWord(valueText, scope, escape);
    scope.set(key, expanded.unresolved ? null : expanded.value);
    return [{ key, value: valueText, expanded, range: { ...first.range, endLine: instr.range.endLine, endColumn: instr.range.endColumn } }];
  }
  // ENV expands every pair with the values from before the instruction (Docker's docs:
  // `ENV abc=bye def=$abc` sets def to the old abc).
  const before = kw === "ENV" && words.length > 1 ? new Map(scope) : scope; // one pair: nothing to keep apart
  for (const w of words) {
    const eq = w.raw.indexOf("=");
    const key = eq < 0 ? w.raw : w.raw.slice(0, eq);
    if (eq < 0) {
      // `ARG NAME`: declared without a default; inside a stage it takes the global default.
      const inherited = !isGlobal && globalScope.has(key) ? globalScope.get(key)! : null;
      scope.set(key, inherited);
      pairs.push({ key, value: null, expanded: inherited === null ? null : { value: inherited, unresolved: false }, range: w.range });
      continue;
    }
    const valueText = w.raw.slice(eq + 1);
    const expanded = expandWord(valueText, before, escape);
    if (kw !== "LABEL") scope.set(key, expanded.unresolved ? null : expanded.value);
    pairs.push({ key, value: stripQuotes(valueText), expanded, range: w.range });
  }
  return pairs;
}

function stripQuotes(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

function fillCommands(instr: Instruction): void {
  let shell: ShellCommand[];
  if (instr.exec) {
    shell = [execCommand(instr.exec)];
  } else {
    shell = tokenizeShell(instr.args);
    // `RUN <<EOF` alone, or a shell that reads its script from the heredoc (`bash -euo pipefail
    // <<EOF`, `apt-get update && bash <<EOF`): the heredoc body is (that part of) the script.
    if (instr.heredocs.length > 0) {
      const bodies = () => instr.heredocs.flatMap((h) => heredocScript(h.body));
      if (shell.every((c) => c.words.length === 0)) shell = bodies();
      else {
        // Each shell that reads a heredoc runs that heredoc's body (not the other commands' heredocs).
        const fed = (c: ShellCommand) => (readsScriptFromStdin(c) ? heredocFeeds(instr.args, c, shell.length === 1) : null);
        if (shell.some((c) => fed(c) !== null)) {
          shell = shell.flatMap((c) => {
            const which = fed(c);
            if (which === null) return [c];
            const docs = which === "all" ? instr.heredocs : instr.heredocs.slice(which, which + 1);
            return docs.flatMap((h) => heredocScript(h.body));
          });
        }
      }
    }
  }
  const commands: RunCommand[] = flattenCommands(shell);
  instr.commands = commands;
  if (instr.keyword === "RUN") {
    const installs: PackageInstall[] = [];
    for (const c of commands) {
      const p = packageInstall(c.argv);
      if (p) installs.push(p);
    }
    instr.installs = installs;
  }
}

/** A shell given only options (`bash`, `sh -eux`, `bash -euo pipefail`): it runs what stdin holds. */
function readsScriptFromStdin(cmd: ShellCommand): boolean {
  const [program, ...rest] = cmd.words;
  if (!program || !SHELLS.has(basename(program.value))) return false;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!.value;
    if (!/^[-+][A-Za-z]+$/.test(w) && w !== "-" && w !== "--") return false; // a script file, or a word of its own
    if (/^-[A-Za-z]*c/.test(w)) return false; // -c: the script is the next word
    if (/^[-+][A-Za-z]*o$/.test(w)) i++; // -o pipefail
  }
  return true;
}

/**
 * Which heredoc is that shell's input (its index among the RUN's heredocs), or null: a `<<`
 * following the shell's word with no operator between them (`apt-get update && bash <<EOF`,
 * `cat > f <<A && bash <<B` — B), or `cat <<EOF | sh` piping one into it; not an earlier
 * command's heredoc (`cat > f <<EOF && … | bash -`). A RUN of one command: all of them.
 */
function heredocFeeds(args: string, cmd: ShellCommand, only: boolean): number | "all" | null {
  if (only) return "all";
  const word = cmd.words[0]!.value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const before = (at: number) => (args.slice(0, at).match(/<</g) ?? []).length;
  // The shell's word as a word of its own (not the "sh" of "fish"), then anything but an operator, then <<.
  const own = new RegExp(`(?:^|[\\s;&|(])${word}(?=\\s)[^;&|]*<<`).exec(args);
  if (own) return before(own.index + own[0].length - 2);
  const piped = new RegExp(`(?:^|[\\s;&|(])cat\\s+(?:-\\s+)?<<-?\\s*(["']?)[\\w.-]+\\1\\s*\\|\\s*(?:\\S*\\/)?${word}(?:\\s|$)`).exec(args);
  return piped ? before(piped.index + piped[0].indexOf("<<")) : null;
}

/** A heredoc run as a script: shell, unless its #! line names another interpreter (python…), whose text is not parsed. */
function heredocScript(body: string): ShellCommand[] {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
  if (shebang) {
    const interpreter = basename(shebang[1]!) === "env" ? (shebang[2] ?? "") : basename(shebang[1]!);
    if (!SHELLS.has(interpreter)) return [];
  }
  return tokenizeShell(body);
}

/** `HEALTHCHECK [--interval=…] CMD …` keeps the command; `HEALTHCHECK NONE` keeps none. */
function fillHealthcheck(instr: Instruction, note: (p: ParseProblem) => void): void {
  const first = instr.words[0];
  if (!first || first.raw.toUpperCase() !== "CMD") return;
  const rest = instr.args.slice(first.raw.length).trim();
  const json = rest.startsWith("[") ? parseJsonArray(rest) : null;
  if (json === NOT_STRINGS) {
    note({ range: instr.range, message: NOT_STRINGS_MESSAGE });
    return;
  }
  const exec = json;
  const shell = exec
    ? [execCommand(exec)]
    : tokenizeShell(rest);
  instr.commands = flattenCommands(shell);
}
