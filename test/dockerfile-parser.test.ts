/**
 * The hard corners of our Dockerfile parser, with exact ranges: lines and columns are 1-based,
 * `endColumn` is exclusive. Expected behaviour is BuildKit's (moby/buildkit
 * frontend/dockerfile/parser and instructions), not any other parser's.
 */
import { describe, expect, it } from "vitest";
import type { DockerfileModel, Flag, Instruction } from "../src/model/dockerfile.js";
import type { Range } from "../src/model/range.js";
import { expandWord } from "../src/parse/dockerfile/expand.js";
import { parseImageRef } from "../src/parse/dockerfile/image-ref.js";
import { heredocMarkers } from "../src/parse/dockerfile/lexer.js";
import { parseDockerfile } from "../src/parse/dockerfile/parse.js";
import { packageInstall } from "../src/parse/shell/packages.js";
import { tokenizeShell } from "../src/parse/shell/tokenize.js";
import { decodeText } from "../src/parse/text.js";

const parse = (text: string): DockerfileModel => parseDockerfile("Dockerfile", text);
const r = (line: number, column: number, endLine: number, endColumn: number): Range => ({ line, column, endLine, endColumn });
const kw = (m: DockerfileModel) => m.instructions.map((i) => i.keyword);
const raws = (i: Instruction) => i.words.map((w) => w.raw);
/** The instruction with this keyword, the n-th one (0-based). */
function instr(m: DockerfileModel, keyword: string, n = 0): Instruction {
  const found = m.instructions.filter((i) => i.keyword === keyword)[n];
  if (!found) throw new Error(`no ${keyword} #${n}`);
  return found;
}

/** A flag's fields as plain data (a word works out its range when asked: a getter). */
const flagFields = (f: Flag) => ({ raw: f.raw, range: f.range, name: f.name, value: f.value });

describe("ranges", () => {
  it("are 1-based with an exclusive end column, for the instruction, its keyword and its words", () => {
    const m = parse("FROM alpine:3.20 AS base\n  run  echo hi\n");
    const from = instr(m, "FROM");
    expect(from.range).toEqual(r(1, 1, 1, 25));
    expect(from.keywordRange).toEqual(r(1, 1, 1, 5));
    expect(from.words.map((w) => w.range)).toEqual([r(1, 6, 1, 17), r(1, 18, 1, 20), r(1, 21, 1, 25)]);
    const run = instr(m, "RUN");
    expect(run.range).toEqual(r(2, 3, 2, 15));
    expect(run.keywordRange).toEqual(r(2, 3, 2, 6));
    expect(run.words.map((w) => w.range)).toEqual([r(2, 8, 2, 12), r(2, 13, 2, 15)]);
    expect(run.args).toBe("echo hi");
  });

  it("a quoted word keeps its blanks and its quotes", () => {
    const run = instr(parse('FROM a\nRUN echo "a  b" \'c d\' e\\ f\n'), "RUN");
    expect(raws(run)).toEqual(["echo", '"a  b"', "'c d'", "e\\ f"]);
    expect(run.words.map((w) => w.range)).toEqual([r(2, 5, 2, 9), r(2, 10, 2, 16), r(2, 17, 2, 22), r(2, 23, 2, 27)]);
  });
});

describe("parser directives", () => {
  it("`# escape=`` makes the backtick the escape and continuation character", () => {
    const m = parse("# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir c:\\ `\n    && echo done\n");
    expect(m.escape).toBe("`");
    expect(m.directives).toEqual({ escape: "`" });
    const run = instr(m, "RUN");
    expect(run.range).toEqual(r(3, 1, 4, 17));
    expect(raws(run)).toEqual(["dir", "c:\\", "&&", "echo", "done"]);
    expect(run.words[2]!.range).toEqual(r(4, 5, 4, 7));
  });

  it("are case-insensitive, allow blanks around `=`, and include syntax and check", () => {
    const m = parse("# syntax=docker/dockerfile:1\n#  ESCAPE = `\n# check=skip=all\nFROM a\n");
    expect(m.directives).toEqual({ syntax: "docker/dockerfile:1", escape: "`", check: "skip=all" });
    expect(m.escape).toBe("`");
    expect(m.problem).toBeNull();
  });

  it("stop at the first line that is not a directive: a comment, a blank line or an instruction", () => {
    expect(parse("# a comment\n# escape=`\nFROM a\n").escape).toBe("\\");
    expect(parse("\n# escape=`\nFROM a\n").escape).toBe("\\");
    expect(parse("FROM a\n# escape=`\nRUN x\n").escape).toBe("\\");
  });

  it("an unknown directive is a comment and ends them", () => {
    const m = parse("# foo=bar\n# escape=`\nFROM a\n");
    expect(m.escape).toBe("\\");
    expect(m.directives).toEqual({});
    expect(m.comments.map((c) => c.line)).toEqual([1, 2]);
  });

  it("a repeated directive or an invalid escape is an error", () => {
    expect(parse("# escape=`\n# escape=\\\nFROM a\n").problem).toEqual({ range: r(2, 1, 2, 11), message: "only one escape parser directive can be used" });
    expect(parse("# escape=x\nFROM a\n").problem?.message).toMatch(/invalid escape directive/);
  });
});

describe("line continuations", () => {
  it("skip comment lines and empty lines inside the instruction, and keep the comments", () => {
    const m = parse("FROM alpine\nRUN echo a \\\n  # note\n\n    && echo b\n");
    const run = instr(m, "RUN");
    expect(run.range).toEqual(r(2, 1, 5, 14));
    expect(run.args).toBe("echo a     && echo b");
    expect(raws(run)).toEqual(["echo", "a", "&&", "echo", "b"]);
    expect(run.words.map((w) => w.range.line)).toEqual([2, 2, 5, 5, 5]);
    expect(run.words[2]!.range).toEqual(r(5, 5, 5, 7));
    expect(m.comments).toEqual([{ line: 3, text: "note", range: r(3, 3, 3, 9) }]);
    expect(run.commands.map((c) => c.argv)).toEqual([["echo", "a"], ["echo", "b"]]);
  });

  it("a continuation may have blanks after the escape, and a word may span lines", () => {
    const run = instr(parse("FROM a\nRUN echo ab\\  \ncd\n"), "RUN");
    expect(raws(run)).toEqual(["echo", "abcd"]);
    expect(run.words[1]!.range).toEqual(r(2, 10, 3, 3));
    expect(run.range).toEqual(r(2, 1, 3, 3));
  });

  it("an escaped escape at the end of a line is a literal backslash, not a continuation", () => {
    const m = parse("FROM a\nENV P=C:\\\\\nRUN echo next\n");
    expect(kw(m)).toEqual(["FROM", "ENV", "RUN"]);
    expect(instr(m, "ENV").pairs[0]!.expanded).toEqual({ value: "C:\\", unresolved: false });
  });
});

describe("heredocs", () => {
  it("`<<EOF`: the body follows the instruction, the range ends on the terminator", () => {
    const m = parse("FROM a\nRUN <<EOF\napt-get install -y curl\necho done\nEOF\nCMD x\n");
    const run = instr(m, "RUN");
    expect(run.range).toEqual(r(2, 1, 5, 4));
    expect(run.args).toBe("<<EOF");
    expect(run.heredocs).toEqual([{ marker: "EOF", stripTabs: false, body: "apt-get install -y curl\necho done", startLine: 3, endLine: 4 }]);
    expect(run.commands.map((c) => c.argv)).toEqual([["apt-get", "install", "-y", "curl"], ["echo", "done"]]);
    expect(run.installs).toEqual([{ manager: "apt", packages: ["curl"] }]);
    expect(instr(m, "CMD").range.line).toBe(6);
  });

  it("`<<-EOF` strips leading tabs from the body and the terminator", () => {
    const run = instr(parse("FROM a\nRUN <<-EOF bash\n\tset -e\n\t\techo x\n\tEOF\n"), "RUN");
    expect(run.heredocs).toEqual([{ marker: "EOF", stripTabs: true, body: "set -e\necho x", startLine: 3, endLine: 4 }]);
    expect(run.range).toEqual(r(2, 1, 5, 5));
    expect(run.commands.map((c) => c.argv)).toEqual([["set", "-e"], ["echo", "x"]]);
  });

  it('quoted markers `<<"EOF"` and `<<\'EOF\'` name EOF', () => {
    const m = parse("FROM a\nRUN <<\"EOF\" sh\necho $HOME\nEOF\nCOPY <<'CONF' /etc/app.conf\nkey=$v\nCONF\n");
    expect(instr(m, "RUN").heredocs.map((h) => [h.marker, h.body])).toEqual([["EOF", "echo $HOME"]]);
    const copy = instr(m, "COPY");
    expect(copy.heredocs).toEqual([{ marker: "CONF", stripTabs: false, body: "key=$v", startLine: 6, endLine: 6 }]);
    expect(copy.range).toEqual(r(5, 1, 7, 5));
    expect(raws(copy)).toEqual(["<<'CONF'", "/etc/app.conf"]);
    expect(m.problem).toBeNull();
  });

  it("two heredocs on one line have their bodies one after the other", () => {
    const m = parse("FROM a\nRUN <<A <<-B cat > /dev/null\nfirst\nA\n\tsecond\n\tB\nRUN next\n");
    const run = instr(m, "RUN");
    expect(run.heredocs.map((h) => [h.marker, h.stripTabs, h.body, h.startLine, h.endLine])).toEqual([
      ["A", false, "first", 3, 3],
      ["B", true, "second", 5, 5],
    ]);
    expect(run.range).toEqual(r(2, 1, 6, 3));
    expect(instr(m, "RUN", 1).range.line).toBe(7);
  });

  it("a heredoc opened on a continued line starts after the instruction's last line", () => {
    const run = instr(parse("FROM a\nRUN --mount=type=cache,target=/root/.cache \\\n    <<EOF\npip install x\nEOF\n"), "RUN");
    expect(run.heredocs[0]).toMatchObject({ marker: "EOF", startLine: 4, endLine: 4 });
    expect(run.range).toEqual(r(2, 1, 5, 4));
  });

  it("ONBUILD RUN / COPY can have heredocs too", () => {
    const m = parse("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\nRUN x\n");
    expect(kw(m)).toEqual(["FROM", "ONBUILD", "RUN"]);
    expect(instr(m, "ONBUILD").heredocs.map((h) => h.body)).toEqual(["echo hi"]);
  });

  it("an unterminated heredoc is a problem, and its body runs to the end of the file", () => {
    const m = parse("FROM a\nRUN <<EOF\necho never closed\n");
    expect(m.problem).toEqual({ range: r(2, 1, 2, 10), message: 'unterminated heredoc: no line "EOF" closes the <<EOF that starts at line 2' });
    expect(instr(m, "RUN").heredocs[0]!.body).toBe("echo never closed");
  });

  it("heredoc words as BuildKit finds them", () => {
    const markers = (line: string) => heredocMarkers(line).map((h) => h.marker);
    expect(markers("RUN cat 3<<EOF")).toEqual(["EOF"]);
    expect(markers("RUN <<E\"O\"F")).toEqual(["EOF"]);
    expect(markers("RUN cat<<EOF")).toEqual([]); // not a word of its own
    expect(markers('RUN echo "<<EOF"')).toEqual([]); // quoted
    expect(markers("RUN cat <<<here")).toEqual([]); // a here-string
    expect(markers("RUN <<EOF; echo")).toEqual(["EOF;"]); // the whole word is the name
    expect(parse("FROM a\nRUN cat <<EOF>/x\nEOF\n").problem?.message).toMatch(/unterminated heredoc/);
  });

  it("a JSON-form RUN has no heredocs", () => {
    const m = parse('FROM a\nRUN ["sh", "-c", "cat <<EOF"]\nCMD x\n');
    expect(instr(m, "RUN").heredocs).toEqual([]);
    expect(kw(m)).toEqual(["FROM", "RUN", "CMD"]);
  });
});

describe("JSON (exec) form and shell form", () => {
  it("a JSON array of strings is the exec form, across continuations", () => {
    const m = parse('FROM a\nENTRYPOINT ["/bin/app", \\\n  "--port", "80"]\nCMD ["a b"]\n');
    expect(instr(m, "ENTRYPOINT").exec).toEqual(["/bin/app", "--port", "80"]);
    expect(instr(m, "ENTRYPOINT").range).toEqual(r(2, 1, 3, 18));
    expect(instr(m, "CMD").exec).toEqual(["a b"]);
  });

  it("invalid JSON falls back to the shell form", () => {
    for (const args of ["['single']", '["a", \'b\']', "[a]", '["unclosed"', '["a"] extra']) {
      const m = parse(`FROM a\nCMD ${args}\n`);
      expect(instr(m, "CMD").exec, args).toBeNull();
      expect(m.problem, args).toBeNull();
    }
    expect(instr(parse("FROM a\nCMD [a]\n"), "CMD").commands.map((c) => c.argv)).toEqual([["[a]"]]);
  });

  it("a JSON array with a non-string is an error, as in BuildKit", () => {
    expect(parse('FROM a\nENTRYPOINT ["a", 1]\n').problem).toEqual({
      range: r(2, 12, 2, 20),
      message: "when using JSON array syntax, arrays must be comprised of strings only",
    });
    expect(parse('FROM a\nHEALTHCHECK CMD ["a", true]\n').problem?.message).toMatch(/strings only/);
  });

  it("the shell form keeps the text for the shell; HEALTHCHECK CMD is read too", () => {
    const m = parse('FROM a\nCMD exec nginx -g "daemon off;"\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]\n');
    expect(instr(m, "CMD").exec).toBeNull();
    expect(instr(m, "CMD").commands.map((c) => [c.argv, c.wrappers])).toEqual([[["nginx", "-g", "daemon off;"], ["exec"]]]);
    const hc = instr(m, "HEALTHCHECK");
    expect(hc.flags.map((f) => [f.name, f.value])).toEqual([["interval", "5s"]]);
    expect(hc.commands.map((c) => c.argv)).toEqual([["curl", "-f", "http://localhost/"]]);
  });
});

describe("flags", () => {
  it("--mount and --network on RUN, with their ranges, before the words", () => {
    const run = instr(parse("FROM a\nRUN --mount=type=cache,target=/root/.cache \\\n    --network=none pip install x\n"), "RUN");
    expect(run.flags.map(flagFields)).toEqual([
      { raw: "--mount=type=cache,target=/root/.cache", range: r(2, 5, 2, 43), name: "mount", value: "type=cache,target=/root/.cache" },
      { raw: "--network=none", range: r(3, 5, 3, 19), name: "network", value: "none" },
    ]);
    expect(raws(run)).toEqual(["pip", "install", "x"]);
    expect(run.args).toBe("pip install x");
  });

  it("--chown, --from and a valueless --link on COPY; quotes are removed from a value", () => {
    const copy = instr(parse('FROM a\nCOPY --chown="app:app" --from=build --link /src /dst\n'), "COPY");
    expect(copy.flags.map((f) => [f.name, f.value])).toEqual([["chown", "app:app"], ["from", "build"], ["link", null]]);
    expect(copy.flags[0]!.raw).toBe('--chown="app:app"');
    expect(raws(copy)).toEqual(["/src", "/dst"]);
  });

  it("a lone `--` ends the flags; ONBUILD has none of its own", () => {
    const m = parse("FROM a\nRUN -- --not-a-flag\nONBUILD RUN --mount=type=cache,target=/x make\n");
    expect(instr(m, "RUN").flags).toEqual([]);
    expect(raws(instr(m, "RUN"))).toEqual(["--not-a-flag"]);
    expect(instr(m, "ONBUILD").flags).toEqual([]);
  });

  it("FROM --platform=$BUILDPLATFORM img AS x", () => {
    const m = parse("FROM --platform=$BUILDPLATFORM golang:1.22 AS x\n");
    const from = instr(m, "FROM");
    expect(from.flags.map(flagFields)).toEqual([{ raw: "--platform=$BUILDPLATFORM", range: r(1, 6, 1, 31), name: "platform", value: "$BUILDPLATFORM" }]);
    expect(m.stages[0]!.base).toMatchObject({ name: "golang", tag: "1.22", unresolved: false });
    expect(m.stages[0]!.alias).toBe("x");
  });
});

describe("ENV, ARG and LABEL pairs", () => {
  it("ENV key=value pairs see the values from before the instruction (Docker: `ENV abc=bye def=$abc` gives the old abc)", () => {
    const m = parse('FROM a\nENV A=0 B=old\nENV A=1 B="x y" C=$A D=${B}\nENV E=$A\n');
    const env = m.instructions.filter((i) => i.keyword === "ENV")[1]!;
    expect(env.pairs.map((p) => [p.key, p.value, p.expanded])).toEqual([
      ["A", "1", { value: "1", unresolved: false }],
      ["B", "x y", { value: "x y", unresolved: false }],
      ["C", "$A", { value: "0", unresolved: false }],
      ["D", "${B}", { value: "old", unresolved: false }],
    ]);
    expect(env.pairs[1]!.range).toEqual(r(3, 9, 3, 16));
    // The next instruction sees the new values.
    expect(m.instructions.filter((i) => i.keyword === "ENV")[2]!.pairs[0]!.expanded).toEqual({ value: "1", unresolved: false });
  });

  it("legacy `ENV KEY value with spaces`: the rest of the line is the value", () => {
    const m = parse("FROM a\nENV GREETING hello  big world\nRUN echo $GREETING\n");
    const env = instr(m, "ENV");
    expect(env.pairs).toEqual([
      { key: "GREETING", value: "hello  big world", expanded: { value: "hello  big world", unresolved: false }, range: r(2, 5, 2, 30) },
    ]);
    expect(instr(m, "RUN").scope.get("GREETING")).toBe("hello  big world");
  });

  it("the escape character escapes nothing in single quotes, and in double quotes only \" $ and itself", () => {
    const env = instr(parse("FROM a\nENV X='a\\' Y=b Z=\"C:\\dir \\\"q\\\" \\$HOME\"\n"), "ENV");
    expect(env.pairs.map((p) => [p.key, p.expanded?.value])).toEqual([["X", "a\\"], ["Y", "b"], ["Z", 'C:\\dir "q" $HOME']]);
  });

  it("LABEL pairs are expanded but do not enter the scope", () => {
    const m = parse('FROM a\nARG V=1.2\nLABEL version=$V "org.x.name"="my app"\nRUN x\n');
    expect(instr(m, "LABEL").pairs.map((p) => [p.key, p.value, p.expanded?.value])).toEqual([
      ["version", "$V", "1.2"],
      ['"org.x.name"', "my app", "my app"],
    ]);
    expect(instr(m, "RUN").scope.has("version")).toBe(false);
  });
});

describe("variable expansion", () => {
  const scope = new Map<string, string | null>([
    ["SET", "v"],
    ["EMPTY", ""],
    ["NOVALUE", null],
  ]);
  const x = (text: string) => expandWord(text, scope);

  it("$VAR and ${VAR}", () => {
    expect(x("a-$SET-${SET}")).toEqual({ value: "a-v-v", unresolved: false });
    expect(x("$SET_suffix")).toEqual({ value: "", unresolved: true }); // the name is SET_suffix
    expect(x("$$SET $1 cost$")).toEqual({ value: "$v $1 cost$", unresolved: false });
  });

  it("${VAR:-default} and ${VAR-default}", () => {
    expect(x("${SET:-d}")).toEqual({ value: "v", unresolved: false });
    expect(x("${EMPTY:-d}")).toEqual({ value: "d", unresolved: false });
    expect(x("${EMPTY-d}")).toEqual({ value: "", unresolved: false });
    expect(x("${NOVALUE:-d}")).toEqual({ value: "d", unresolved: false }); // ARG without a default: its default word
    expect(x("${UNKNOWN:-d}")).toEqual({ value: "d", unresolved: true }); // may come from the base image
    expect(x("${UNKNOWN-x}")).toEqual({ value: "x", unresolved: true });
    expect(x("${SET-x}")).toEqual({ value: "v", unresolved: false });
  });

  it("${VAR:+alt} and ${VAR+alt}", () => {
    expect(x("${SET:+x}")).toEqual({ value: "x", unresolved: false });
    expect(x("${EMPTY:+x}")).toEqual({ value: "", unresolved: false });
    expect(x("${EMPTY+x}")).toEqual({ value: "x", unresolved: false });
    expect(x("${UNKNOWN:+x}")).toEqual({ value: "", unresolved: true });
  });

  it("unknown variables and unknown modifiers are unresolved", () => {
    expect(x("$UNKNOWN")).toEqual({ value: "", unresolved: true });
    expect(x("${UNKNOWN}")).toEqual({ value: "", unresolved: true });
    expect(x("${NOVALUE}")).toEqual({ value: "", unresolved: true });
    expect(x("${SET/a/b}")).toEqual({ value: "${SET/a/b}", unresolved: true });
    expect(x("'$SET' \"$SET\"")).toEqual({ value: "$SET v", unresolved: false });
  });
});

describe("stages and scopes", () => {
  const text = [
    "ARG BASE=alpine:3.20",
    "ARG TAG",
    "FROM ${BASE} AS Build",
    "ARG BASE",
    "ARG STAGE_ARG=s",
    "ENV A=1",
    "RUN echo $A",
    "FROM BUILD AS child",
    "RUN echo $A",
    "FROM debian:${TAG:-bookworm}",
    "RUN echo",
    "",
  ].join("\n");
  const m = parse(text);

  it("a global ARG is visible in FROM", () => {
    expect(m.problem).toBeNull();
    expect(m.stages[0]!.base).toEqual({ ref: "alpine:3.20", name: "alpine", registry: null, tag: "3.20", digest: null, unresolved: false });
    expect(m.stages[2]!.base).toMatchObject({ ref: "debian:bookworm", tag: "bookworm" });
  });

  it("inside a stage a global ARG must be declared again, and then has the global default", () => {
    const run = instr(m, "RUN", 0);
    expect(run.scope.get("BASE")).toBe("alpine:3.20");
    expect(instr(m, "ARG", 2).pairs[0]!.expanded).toEqual({ value: "alpine:3.20", unresolved: false });
    expect(instr(m, "RUN", 2).scope.has("BASE")).toBe(false);
    expect(instr(m, "RUN", 2).scope.has("TAG")).toBe(false);
  });

  it("stage names are case-insensitive, and a stage built on another inherits its ENV and ARGs", () => {
    expect(m.stages.map((s) => s.alias)).toEqual(["build", "child", null]);
    expect(m.stages[1]!.parent).toBe(m.stages[0]);
    const childRun = instr(m, "RUN", 1);
    expect(childRun.scope.get("A")).toBe("1");
    expect(childRun.scope.get("STAGE_ARG")).toBe("s");
    expect(m.stages[2]!.parent).toBeNull();
    expect(instr(m, "RUN", 2).scope.has("A")).toBe(false);
    expect(m.stages.map((s) => s.instructions.length)).toEqual([5, 2, 2]);
    expect(m.instructions.map((i) => i.stage)).toEqual([-1, -1, 0, 0, 0, 0, 0, 1, 1, 2, 2]);
  });

  it("FROM takes one or three words, and a stage name starts with a letter", () => {
    expect(parse("FROM a b\n").problem?.message).toMatch(/one or three arguments/);
    expect(parse("FROM a AS b c\n").problem?.message).toMatch(/one or three arguments/);
    expect(parse("FROM a AS 1st\n").problem).toEqual({
      range: r(1, 11, 1, 14),
      message: `invalid name for build stage: "1st", name can't start with a number or contain symbols`,
    });
    expect(parse("FROM\n").problem?.message).toMatch(/FROM needs an image/);
  });
});

describe("image references", () => {
  it("registry, name, tag and digest", () => {
    expect(parseImageRef("docker.io/library/node:20-slim@sha256:abc")).toEqual({
      ref: "docker.io/library/node:20-slim@sha256:abc",
      name: "node",
      registry: null,
      tag: "20-slim",
      digest: "sha256:abc",
      unresolved: false,
    });
    expect(parseImageRef("localhost:5000/team/App:1")).toMatchObject({ registry: "localhost:5000", name: "team/app", tag: "1" });
  });

  it("a `:` or `/` inside an unexpanded ${…} separates nothing", () => {
    expect(parseImageRef("mcr.microsoft.com/devcontainers/cpp:2-${templateOption:imageVariant}", true)).toMatchObject({
      registry: "mcr.microsoft.com",
      name: "devcontainers/cpp",
      tag: "2-${templateOption:imageVariant}",
    });
    expect(parseImageRef("${REPO:-a/b}")).toMatchObject({ name: "${repo:-a/b}", tag: null, registry: null });
  });
});

describe("text encodings", () => {
  it("CRLF line ends and a UTF-8 BOM (decoded with decodeText) give the same ranges as LF", () => {
    const body = 'FROM alpine:3.20\r\nRUN echo a \\\r\n  && echo b\r\nCMD ["x"]\r\n';
    const decoded = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]));
    if (!decoded.ok) throw new Error("not decoded");
    const m = parse(decoded.text);
    const lf = parse(body.replace(/\r\n/g, "\n"));
    expect(m.problem).toBeNull();
    expect(m.instructions.map((i) => [i.keyword, i.range, i.args])).toEqual(lf.instructions.map((i) => [i.keyword, i.range, i.args]));
    expect(instr(m, "RUN").range).toEqual(r(2, 1, 3, 12));
    expect(instr(m, "CMD").exec).toEqual(["x"]);
  });

  it("a BOM left in the text is skipped like a blank", () => {
    const m = parse("\uFEFFFROM a\n");
    expect(m.problem).toBeNull();
    expect(kw(m)).toEqual(["FROM"]);
  });
});

describe("problems", () => {
  it("an unknown instruction", () => {
    const m = parse("FROM a\nWRONG instruction\nCMD x\n");
    expect(m.problem).toEqual({ range: r(2, 1, 2, 6), message: 'unknown instruction "WRONG"' });
    expect(kw(m)).toEqual(["FROM", "CMD"]);
  });

  it("an instruction other than ARG before the first FROM", () => {
    const m = parse("ARG V=1\nRUN echo early\nFROM a\n");
    expect(m.problem).toEqual({ range: r(2, 1, 2, 4), message: "RUN before the first FROM: only ARG may come before FROM" });
  });

  it("no FROM at all", () => {
    expect(parse("ARG ONLY=1\n").problem?.message).toMatch(/no FROM instruction/);
  });

  it("an empty file, or one of comments and blank lines only", () => {
    for (const text of ["", "\n\n", "# just a comment\n"]) {
      expect(parse(text).problem, JSON.stringify(text)).toEqual({ range: r(1, 1, 1, 1), message: "the file has no instructions" });
    }
  });

  it("the first problem by line is the one reported", () => {
    expect(parse("FROM a\nRUN <<EOF\nx\n").problem?.range.line).toBe(2);
    expect(parse("FROM a\nBAD x\nRUN <<EOF\n").problem?.message).toBe('unknown instruction "BAD"');
  });
});

describe("package installs", () => {
  const installs = (script: string) => instr(parse(`FROM a\nRUN ${script}\n`), "RUN").installs;

  it("apt-get, apt, apk, dnf, yum, microdnf, zypper and pacman", () => {
    expect(installs("apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 ca-certificates")).toEqual([
      { manager: "apt", packages: ["curl", "ca-certificates"] },
    ]);
    expect(installs("apk add --no-cache openssh-client git@edge")).toEqual([{ manager: "apk", packages: ["openssh-client", "git"] }]);
    expect(installs("dnf install -y httpd && yum -y install mod_ssl && microdnf install tar")).toEqual([
      { manager: "yum", packages: ["httpd"] },
      { manager: "yum", packages: ["mod_ssl"] },
      { manager: "yum", packages: ["tar"] },
    ]);
    expect(installs("zypper --non-interactive in -y openssh")).toEqual([{ manager: "zypper", packages: ["openssh"] }]);
    expect(installs("pacman -Syu --noconfirm openssh sudo")).toEqual([{ manager: "pacman", packages: ["openssh", "sudo"] }]);
  });

  it("an option's value is not a package", () => {
    expect(installs("apk add --virtual .build-deps gcc musl-dev")).toEqual([{ manager: "apk", packages: ["gcc", "musl-dev"] }]);
    expect(installs("apk add -t .deps --repository http://x/edge gcc")).toEqual([{ manager: "apk", packages: ["gcc"] }]);
    expect(installs("apt-get -o Dpkg::Options::=--force-confnew install -y a b")).toEqual([{ manager: "apt", packages: ["a", "b"] }]);
    expect(installs("apt-get --option Acquire::Retries=3 -t bookworm-backports install -y a")).toEqual([{ manager: "apt", packages: ["a"] }]);
    expect(installs("dnf --setopt install_weak_deps=False --enablerepo crb install -y a")).toEqual([{ manager: "yum", packages: ["a"] }]);
    expect(installs("zypper --root /mnt install a")).toEqual([{ manager: "zypper", packages: ["a"] }]);
  });

  it("through sudo, sh -c and a heredoc; not for other subcommands or files", () => {
    expect(installs(`sudo sh -c "apt-get install -y sudo"`)).toEqual([{ manager: "apt", packages: ["sudo"] }]);
    expect(installs("apt-get update; apt-get upgrade -y; apk update")).toEqual([]);
    expect(installs("apt-get install -y ./local.deb $EXTRA")).toEqual([{ manager: "apt", packages: [] }]);
    expect(installs("pacman -Ss openssh")).toEqual([]);
    expect(packageInstall(["apk", "add", "--virtual=.x", "y"])).toEqual({ manager: "apk", packages: ["y"] });
  });
});

describe("shell commands of a RUN", () => {
  it("an operator after a subshell applies to it: `(cd x && make) > log || exit 1`, `(sleep 1) &`", () => {
    const cmds = tokenizeShell("(cd x && make) > log || exit 1; (sleep 10) &");
    expect(cmds.map((c) => [c.words.map((w) => w.value), c.op])).toEqual([
      [["cd", "x"], "&&"],
      [["make"], "||"],
      [["exit", "1"], ";"],
      [["sleep", "10"], "&"],
    ]);
    expect(instr(parse("FROM a\nRUN (sshd -D) &\n"), "RUN").commands).toEqual([{ argv: ["sshd", "-D"], wrappers: [], background: true, op: "&" }]);
  });

  it("redirections and their targets are not words", () => {
    const cmds = tokenizeShell("cmd 2>&1 >/dev/null arg 2 >two <<< here-string last");
    expect(cmds.map((c) => c.words.map((w) => w.value))).toEqual([["cmd", "arg", "2", "last"]]);
  });
});
