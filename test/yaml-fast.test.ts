/**
 * `yaml` as the oracle for our fast YAML parser (src/parse/yaml/fast.ts). Whenever the fast
 * parser accepts a text, `yaml` must parse it without an error and give the same raw documents:
 * the same values under the core schema, the same node offsets (which become finding ranges),
 * anchors, aliases and merge keys. When the fast parser gives up, `yaml` parses the file, so a
 * give-up can never be wrong — but it costs speed, so the corpus must mostly take the fast path.
 *
 * Checked over every YAML file of the corpus, the test fixtures and the acceptance cases, over
 * thousands of deterministic mutations of them, and over hand-written cases for each construct.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { LineCounter, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { parseYamlFast } from "../src/parse/yaml/fast.js";
import { rawFromYaml, type RawDocument } from "../src/parse/yaml/raw.js";
import { plainOf, YamlResolver } from "../src/parse/yaml/resolve.js";
import { toSchemaData } from "../src/model/ynode.js";
import { LineIndex } from "../src/parse/text.js";

const here = path.dirname(new URL(import.meta.url).pathname);
const corpusDir = path.resolve(here, "../../shared/corpus");
const acceptanceDir = path.resolve(here, "../../shared/acceptance/cases");

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => {
      if (e.name === "node_modules" || e.name === ".git") return [];
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return yamlFiles(p);
      return e.isFile() && /\.ya?ml$/.test(e.name) ? [p] : [];
    });
}

/** What `yaml` makes of a text: its raw documents, or its first error. */
function oracle(text: string): RawDocument[] | { error: string } {
  const docs = parseAllDocuments(text, { merge: true, prettyErrors: false, uniqueKeys: true, customTags: [] });
  const list = Array.isArray(docs) ? docs : [];
  const bad = list.find((d) => d.errors.length > 0);
  if (bad) return { error: bad.errors[0]!.message.split("\n")[0]! };
  return list.map(rawFromYaml);
}

/** Why the fast parser's result for `text` is wrong, or null when it is right (or gave up). */
function disagreement(text: string): string | null {
  const fast = parseYamlFast(text);
  if (fast === null) return null;
  const want = oracle(text);
  if ("error" in want) return `accepted what yaml rejects: ${want.error}`;
  return isDeepStrictEqual(fast, want) ? null : `differs: ${firstDifference(want, fast, "")}`;
}

function firstDifference(a: unknown, b: unknown, at: string): string {
  if (isDeepStrictEqual(a, b)) return "";
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || a instanceof Map || b instanceof Map) {
    const show = (v: unknown) => JSON.stringify(v instanceof Map ? [...v.keys()] : v)?.slice(0, 120);
    return `${at || "(root)"}: yaml ${show(a)}, fast ${show(b)}`;
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return at;
}

/** The fast parser's reading of a text that it must accept. */
function accepted(text: string): RawDocument[] {
  const r = parseYamlFast(text);
  expect(r, `the fast parser gave up on:\n${text}`).not.toBeNull();
  expect(disagreement(text)).toBeNull();
  return r!;
}

describe("the fast YAML parser gives what yaml gives", () => {
  it.each([
    ["block maps, nested", "a: 1\nb:\n  c: x\n  d:\n    e: true\n"],
    ["lists, compact maps in lists, lists at their key's indent", "a:\n  - 1\n  - k: v\n    w: 2\n  - - n\nb:\n- x\n- y\nc: 3\n"],
    ["core-schema scalars", "a: ~\nb: null\nc: True\nd: FALSE\ne: 0o17\nf: 0x1F\ng: -12\nh: +3\ni: 1.50\nj: 1e3\nk: .inf\nl: -.Inf\nm: .nan\nn: 08\no: 1_000\np: 12:30\nq: yes\n"],
    ["keys typed like values", "1: a\n1.50: b\ntrue: c\n~: d\n0x10: e\n\"1\": f\n"],
    ["quoted scalars and keys", `a: "x \\" \\\\ \\n \\t \\u00e9 \\x41 \\U0001F600"\n'b c': 'it''s'\n"d": ""\ne: ''\n`],
    ["plain scalars with indicators inside", "a: http://x:80/p?q#frag\nb: a#b\nc: -x\nd: :x\ne: 'x' \nf: a[b]{c},d\n"],
    ["comments everywhere", "# head\na: 1 # trailing\n\n# between\nb:\n  # first\n  c: 2\n    # deeper\n  # same\n\n# tail\n"],
    ["empty values", "a:\nb:   # c\nc:\n  - \n  -\n  - x\nd:\n"],
    ["empty values swallow the comments after them", "a:\n  b:\n    # c4\n\n# c0\nd: 1\ne:\n# c0\n  # c2\nf: 2\n"],
    ["trailing comments of nested collections", "a:\n  b:\n    c: 1\n    # c1\n  # c2\nd:\n  - x\n  # c\ne: 1\n"],
    ["trailing comments at indentation 0 go to the parent", "a:\n- k: x\n # t\nb:\n- y\n # u\n"],
    ["trailing comments of an indented root", " a:\n - x\n # t\n b: 1\n"],
    ["block scalars", "a: |\n  line 1\n   indented\n\n  after blank\nb: |-\n  strip\nc: >\n  folded\n  line\n\n  para\nd: >-\n  x\n  y\ne: 1\n"],
    ["indented comments after block scalars and one-line values", "a:\n  b: |\n      x\n    # c\n  c: 1\n     # d\nd: >-\n  y\n # e\n"],
    ["block scalars in lists, with a header comment", "- |  # c\n  one\n  two\n- >-\n  a\n  b\n"],
    ["flow collections", "a: [1, 'two', \"three\", [4], {k: v}]\nb: {x: 1, y: [a, b], 'z': \"q\"}\nc: []\nd: {}\ne: [a, b, ]\n"],
    ["anchors, aliases, merge keys", "x: &base\n  a: 1\n  b: 2\ny:\n  <<: *base\n  b: 3\nz:\n  <<: [*base, *other]\nw: &other {c: 4}\nv: &s scalar\nu: *s\nt: &l\n  - 1\n"],
    ["anchors redefined: an alias takes the last one before it", "a: &x 1\nb: *x\nc: &x 2\nd: *x\n"],
    ["documents", "a: 1\n---\nb: 2\n--- # c\nc: 3\n"],
    ["empty documents", "---\n---\na: 1\n---\n"],
    ["only comments", "# nothing\n\n# here\n"],
    ["an indented root", "  a: 1\n  b:\n    c: 2\n"],
    ["no final line break", "a: 1\nb:\n  - x"],
    ["unicode", "naïve: \"crème\"\n日本: 語\nemoji: 😀\n"],
    ["a compose file", "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"8080:80\"\n    environment:\n      A: ${A:-x}\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\nvolumes:\n  data:\n"],
  ])("%s", (_name, text) => {
    accepted(text);
  });

  it("keeps the empty text and the empty file apart from empty documents", () => {
    expect(accepted("")).toEqual([]);
    expect(accepted("---\n")).toEqual([expect.objectContaining({ root: null })]);
  });

  it.each([
    ["tabs", "a:\n\tb: 1\n"],
    ["CR line ends", "a: 1\r\nb: 2\r\n"],
    ["a byte-order mark", "\ufeffa: 1\n"],
    ["tags", "a: !!str 1\n"],
    ["directives", "%YAML 1.2\n---\na: 1\n"],
    ["document end markers", "a: 1\n...\n"],
    ["multi-line plain scalars", "a: one\n  two\n"],
    ["multi-line quoted scalars", "a: \"one\n  two\"\n"],
    ["multi-line flow collections", "a: [1,\n  2]\n"],
    ["complex keys", "? a\n: b\n"],
    ["duplicate keys", "a: 1\na: 2\n"],
    ["a scalar document", "just text\n"],
    ["a value on the line after its key", "a:\n  text\n"],
    ["keep chomping and indentation indicators", "a: |+\n  x\n\nb: |2\n   y\n"],
    ["more-indented lines in a folded scalar", "a: >\n  x\n    y\n"],
    ["blank lines with spaces in a block scalar", "a: |\n  x\n  \n  y\n"],
    ["anchored empty values", "a: &x\nb: 1\n"],
    ["aliases as keys", "*a : 1\n"],
    ["a quoted merge key", "'<<': 1\n"],
    ["nesting past the fast parser's depth", `${Array.from({ length: 70 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n")} 1\n`],
    ["syntax errors", "a: b: c\n"],
    ["a list at a map's indent inside the map", "a:\n  b: 1\n  - x\n"],
    // Found by a review with its own fuzzers (each differed from yaml before):
    ["a byte-order mark at a line start before the first document", "\n\ufeffa: 1\n"],
    ["a byte-order mark before a comment", "\n\ufeff# k: v\n"],
    ["`?` before a flow indicator", "k: [?, a]\n"],
    ["`?` as a flow map value", "k: {a: ?}\n"],
    ["a key whose `:` is more than 1024 characters from its start", `a${" ".repeat(1024)}: 1\n`],
    ["an empty list item after a comment line", "- q\n# c\n-\n"],
    ["an empty value, then comments, then ---", "a:\n# c\n---\nb: 1\n"],
    ["an empty value with a comment, a blank line, then ---", "a: #c\n\n---\n"],
  ])("gives up on %s (yaml takes the file)", (_name, text) => {
    expect(parseYamlFast(text)).toBeNull();
  });

  const files = [...yamlFiles(corpusDir), ...yamlFiles(path.join(here, "fixtures")), ...yamlFiles(acceptanceDir)];

  it.skipIf(files.length === 0)("agrees on every YAML file of the corpus, the fixtures and the acceptance cases", () => {
    const wrong: string[] = [];
    let fast = 0;
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      if (parseYamlFast(text)) fast++;
      const d = disagreement(text);
      if (d) wrong.push(`${path.relative(here, f)}: ${d}`);
    }
    expect(wrong).toEqual([]);
    // Giving up is safe but slow: real files must take the fast path.
    expect(fast / files.length).toBeGreaterThan(0.95);
  });

  it.skipIf(files.length === 0)("agrees on 4 000 mutations of those files (deterministic)", () => {
    let seed = 20261125;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const snippets = ["# c", "", "  ", "- x", "x: 1", "  - y", "<<: *a", "k: &a", "  q: |", "    lit", "  r: >-", "    f", "---", "'s': 1", '"d": "e\\u0041"', "z: [1, 2, {a: b}]", "n: ~", "o: 0o17", "w: *a", "k2:", "  # deep", "m: a # c", "m2: a#b", "p: 'it''s'", "v: -1", "s: - a", "  k3: v", "    k4: v"];
    const endings = [" # t", ":", " x", "  ", "'", '"', " [", " &b", " *a"];
    const texts = files.map((f) => readFileSync(f, "utf8"));
    const wrong: string[] = [];
    let acceptedCount = 0;
    for (let n = 0; n < 4000; n++) {
      const lines = pick(texts).split("\n");
      for (let m = 1 + Math.floor(random() * 3); m > 0; m--) {
        const i = Math.floor(random() * (lines.length + 1));
        const r = random();
        if (r < 0.25) lines.splice(i, 1);
        else if (r < 0.5) lines.splice(i, 0, " ".repeat(Math.floor(random() * 3) * 2) + pick(snippets));
        else if (lines[i] === undefined) continue;
        else if (r < 0.7) lines[i] = ` ${lines[i]}`;
        else if (r < 0.85) lines[i] = lines[i]!.replace(/^ {2}/, "");
        else lines[i] += pick(endings);
      }
      const text = lines.join("\n");
      if (parseYamlFast(text)) acceptedCount++;
      const d = disagreement(text);
      if (d && wrong.length < 5) wrong.push(`${d}\n${text}`);
    }
    expect(wrong).toEqual([]);
    expect(acceptedCount).toBeGreaterThan(1000);
  });
});

describe("plainOf (the worker's schema-check shortcut)", () => {
  /** Both ways, or the error both throw. */
  const both = (text: string, doc: RawDocument) => {
    const run = (f: () => unknown) => {
      try {
        return { ok: f() };
      } catch (e) {
        return { error: (e as Error).message };
      }
    };
    const viaNodes = run(() => {
      const root = new YamlResolver(doc, new LineIndex(text), null).root();
      return root ? toSchemaData(root) : null;
    });
    return { viaNodes, plain: run(() => plainOf(doc)) };
  };
  const texts = [
    "a: &x {k: 1, j: [1, 2]}\nb: *x\nc:\n  <<: [*x, {z: 3}]\n  k: 9\nd: *missing\n__proto__: {p: 1}\n1: one\n'1': uno\n",
    "x-base: &base\n  image: nginx\n  environment: &env\n    A: 1\nservices:\n  web:\n    <<: *base\n    environment:\n      <<: *env\n      B: 2\n",
    `x-a0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9]\n${Array.from({ length: 9 }, (_, i) => `x-a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(", ")}]\n`).join("")}`,
    ...yamlFiles(corpusDir).slice(0, 400).map((f) => readFileSync(f, "utf8")),
    ...yamlFiles(path.join(here, "fixtures")).map((f) => readFileSync(f, "utf8")),
  ];
  it("gives what toSchemaData of the resolved root gives (values, merges, aliases, alias bombs), by both parsers", () => {
    const wrong: string[] = [];
    for (const text of texts) {
      const docs = [...(parseYamlFast(text) ?? []), ...(() => {
        const list = parseAllDocuments(text, { merge: true, prettyErrors: false, uniqueKeys: true, customTags: [] });
        return Array.isArray(list) && !list.some((d) => d.errors.length) ? list.map(rawFromYaml) : [];
      })()];
      for (const doc of docs) {
        const r = both(text, doc);
        if (!isDeepStrictEqual(r.viaNodes, r.plain)) wrong.push(`${firstDifference(r.viaNodes, r.plain, "")}\n${text.slice(0, 300)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("LineIndex", () => {
  it("places offsets on the lines and columns that yaml's LineCounter gives", () => {
    const text = "a: 1\n\n  b: [x, y]\n# c\nlast";
    const lc = new LineCounter();
    parseAllDocuments(text, { lineCounter: lc });
    const index = new LineIndex(text);
    for (let i = 0; i <= text.length; i++) {
      const want = lc.linePos(i);
      expect(index.pos(i)).toEqual({ line: want.line, column: want.col });
      for (const end of [i, i + 1, i + 7, text.length]) {
        const b = lc.linePos(Math.max(i, end));
        expect(index.range(i, end)).toEqual({ line: want.line, column: want.col, endLine: b.line, endColumn: b.col });
      }
    }
  });
});
