import type { Anchors, RawDocument, RawMap, RawNode, RawPair, RawScalar, RawSeq } from "./raw.js";

/**
 * A fast parser for the YAML that Compose files and VM specs are made of: block maps and
 * sequences, one-line plain, quoted and flow scalars, `|`/`>` block scalars, anchors, aliases,
 * merge keys, comments and `---` documents. It gives exactly what `yaml` gives for those (the
 * same values under the core schema and the same node offsets — test/yaml-fast.test.ts holds
 * it to that over the corpus and generated variants), about five times faster.
 *
 * Anything else — tags, directives, multi-line plain or quoted scalars, complex keys, tabs, CR
 * line ends, duplicate keys, every syntax error — makes it give up (null), and the caller uses
 * `yaml`, which also words the errors. Giving up is always safe; guessing never is.
 */
export function parseYamlFast(text: string): RawDocument[] | null {
  if (text.length === 0) return [];
  // Tabs (indentation rules), CR (line ends), byte-order marks: leave them to `yaml`.
  // (yaml drops a byte-order mark at the start of any line before the first document.)
  if (text.includes("\t") || text.includes("\r") || text.includes("\ufeff")) return null;
  try {
    return new FastParser(text).stream();
  } catch (e) {
    if (e === GIVE_UP) return null;
    throw e;
  }
}

const GIVE_UP = Symbol("give up");
const NL = 10;
const SPACE = 32;
const HASH = 35;
/** More nesting than any real file has: the recursive parser stops well before the stack does. */
const MAX_DEPTH = 64;

function giveUp(): never {
  throw GIVE_UP;
}

/** Node offsets: `end` as `yaml` reports it, and `next` — its `range[2]` — for the parent's end. */
type Parsed = { node: RawNode; next: number };

class FastParser {
  private anchors: Anchors = new Map();
  private depth = 0;
  private readonly len: number;

  constructor(private readonly s: string) {
    this.len = s.length;
  }

  stream(): RawDocument[] {
    const docs: RawDocument[] = [];
    let p = this.nextContent(0);
    if (p >= this.len) return docs; // only blanks and comments: no document
    let explicit = false;
    if (this.isMarker(p, "-")) {
      p = this.afterMarker(p);
      explicit = true;
    }
    for (;;) {
      this.anchors = new Map();
      const c = this.nextContent(p);
      if (c >= this.len || this.isMarker(c, "-")) {
        if (!explicit && c >= this.len) break;
        docs.push({ root: null, anchors: this.anchors });
        if (c >= this.len) break;
        p = this.afterMarker(c);
        explicit = true;
        continue;
      }
      if (this.isMarker(c, ".")) giveUp();
      const root = this.blockNode(c, -1);
      docs.push({ root: root.node, anchors: this.anchors });
      const after = this.nextContent(root.next);
      if (after >= this.len) break;
      if (!this.isMarker(after, "-")) giveUp();
      p = this.afterMarker(after);
      explicit = true;
    }
    return docs;
  }

  // ---- lines ----

  private lineEnd(p: number): number {
    const i = this.s.indexOf("\n", p);
    return i === -1 ? this.len : i;
  }

  /** The start of the line after the one holding `p` (or the end of the text). */
  private nextLine(p: number): number {
    const i = this.s.indexOf("\n", p);
    return i === -1 ? this.len : i + 1;
  }

  private indentAt(lineStart: number): number {
    let i = lineStart;
    while (this.s.charCodeAt(i) === SPACE) i++;
    return i - lineStart;
  }

  private column(p: number): number {
    return p - (this.s.lastIndexOf("\n", p - 1) + 1);
  }

  /** From a line start: the first line that is not blank or a comment; its start, or the end. */
  private nextContent(from: number): number {
    // A collection's claimed trailing comments end at the next content's first character:
    // back to its line's start.
    let ls = from;
    while (ls > 0 && this.s.charCodeAt(ls - 1) === SPACE) ls--;
    if (ls > 0 && this.s.charCodeAt(ls - 1) !== NL) ls = from;
    while (ls < this.len) {
      const i = ls + this.indentAt(ls);
      const c = this.s.charCodeAt(i);
      if (i < this.len && c !== NL && c !== HASH) return ls;
      ls = this.nextLine(i);
    }
    return this.len;
  }

  /** `---` or `...` at the start of a line, alone or before a space. */
  private isMarker(ls: number, ch: "-" | "."): boolean {
    const s = this.s;
    if (s[ls] !== ch || s[ls + 1] !== ch || s[ls + 2] !== ch) return false;
    const c = s.charCodeAt(ls + 3);
    return ls + 3 >= this.len || c === NL || c === SPACE;
  }

  /** Past a `---` line: only a comment may follow the marker on its line. */
  private afterMarker(ls: number): number {
    const rest = this.skipSpaces(ls + 3);
    if (rest < this.len && this.s.charCodeAt(rest) !== NL && !this.commentAt(rest)) giveUp();
    return this.nextLine(rest);
  }

  private skipSpaces(p: number): number {
    while (this.s.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** A comment starts at `p` (a `#` after a space or at a line start). */
  private commentAt(p: number): boolean {
    if (this.s.charCodeAt(p) !== HASH) return false;
    const before = this.s.charCodeAt(p - 1);
    return p === 0 || before === SPACE || before === NL;
  }

  /** After a value on a line: nothing, or a comment. Returns the next line's start. */
  private endOfLine(p: number): number {
    const q = this.skipSpaces(p);
    if (q >= this.len) return this.len;
    if (this.s.charCodeAt(q) === NL) return q + 1;
    if (q > p && this.commentAt(q)) return this.nextLine(q);
    return giveUp();
  }

  // ---- block structure ----

  /** A block map or sequence starting on the content line at `ls`, more indented than `parent`. */
  private blockNode(ls: number, parent: number): Parsed {
    const ind = this.indentAt(ls);
    if (ind <= parent) giveUp();
    const p = ls + ind;
    if (this.isSeqDash(p)) return this.seq(p);
    return this.map(p);
  }

  private isSeqDash(p: number): boolean {
    if (this.s.charCodeAt(p) !== 45 /* - */) return false;
    const c = this.s.charCodeAt(p + 1);
    return p + 1 >= this.len || c === SPACE || c === NL;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) giveUp();
  }

  private map(start: number, anchor: string | null = null): Parsed {
    this.enter();
    const col = this.column(start);
    const node: RawMap = { type: "map", pairs: [], start, end: start };
    this.anchor(anchor, start, node);
    // Keys seen so far, for duplicates (`yaml` reports them): most maps have a handful of
    // keys, compared in place; a Set only past SMALL_MAP.
    const keys: unknown[] = [];
    let seen: Set<unknown> | null = null;
    let p = start;
    let last: Parsed | null = null;
    for (;;) {
      const { key, after } = this.key(p);
      const kv = key.merge ? MERGE : key.value;
      if (seen) {
        if (seen.has(kv)) giveUp();
        seen.add(kv);
      } else {
        // SameValueZero, as Set compares (NaN is NaN).
        for (const k of keys) if (k === kv || (k !== k && kv !== kv)) giveUp();
        keys.push(kv);
        if (keys.length > SMALL_MAP) seen = new Set(keys);
      }
      const value = this.value(after, col, true);
      node.pairs.push({ key, keyText: key.merge ? "<<" : String(key.value), value: value.node } satisfies RawPair);
      last = value;
      const ls = this.nextContent(value.next);
      if (ls >= this.len || this.isMarker(ls, "-") || this.isMarker(ls, ".")) break;
      const ind = this.indentAt(ls);
      if (ind < col) break;
      if (ind > col || this.isSeqDash(ls + ind)) giveUp();
      p = ls + ind;
    }
    node.end = last!.next;
    this.depth--;
    return { node, next: this.trailing(last!.next, col) };
  }

  private seq(start: number, anchor: string | null = null): Parsed {
    this.enter();
    const col = this.column(start);
    const node: RawSeq = { type: "seq", items: [], start, end: start };
    this.anchor(anchor, start, node);
    let p = start;
    let last: Parsed;
    let commentBefore = false;
    for (;;) {
      const q = this.skipSpaces(p + 1);
      // An empty item after a comment line: yaml counts the comment into the item's end.
      if (commentBefore && (q >= this.len || this.s.charCodeAt(q) === NL || this.commentAt(q))) giveUp();
      const item = this.value(q, col, false);
      node.items.push(item.node);
      last = item;
      const ls = this.nextContent(item.next);
      if (ls >= this.len || this.isMarker(ls, "-") || this.isMarker(ls, ".")) break;
      const ind = this.indentAt(ls);
      if (ind < col) break;
      if (ind > col) giveUp();
      if (!this.isSeqDash(ls + ind)) break; // the parent map's next key (a list at its key's indent)
      // Only blank and comment lines lie between: any `#` there is a comment.
      commentBefore = this.s.slice(item.next, ls).includes("#");
      p = ls + ind;
    }
    node.end = last.next;
    this.depth--;
    return { node, next: this.trailing(last.next, col) };
  }

  /**
   * Where a block collection's trailing comments end (`yaml`'s range[2], which becomes its
   * parent's end): when a comment after its last value is indented at least as far as the
   * collection, the whole run of comment and blank lines up to the next content is its own.
   */
  private trailing(from: number, col: number): number {
    // At indentation 0 the comments always go to the parent (or the document).
    return col === 0 ? from : (this.commentRunEnd(from, false, col) ?? from);
  }

  /**
   * The comment and blank lines from `ls` to the next content: where that content starts (past
   * its indentation; the end at the end of the text) when a comment indented at least `col` is
   * among them (or `claimed`), else null.
   */
  private commentRunEnd(from: number, claimed: boolean, col: number): number | null {
    let ls = from;
    while (ls < this.len) {
      const ind = this.indentAt(ls);
      const c = this.s.charCodeAt(ls + ind);
      if (ls + ind < this.len && c !== NL && c !== HASH) {
        // Comments before `---` belong to the document, by rules of their own: yaml's.
        if (claimed && (this.isMarker(ls, "-") || this.isMarker(ls, "."))) giveUp();
        return claimed ? ls + ind : null;
      }
      if (c === HASH && ind >= col) claimed = true;
      ls = this.nextLine(ls + ind);
    }
    return claimed ? this.len : null;
  }

  /**
   * The value after `key:` (inMap) or `-` at `p` (past the spaces). `parent` is the column of
   * the key or dash: lines continuing this value must be indented further.
   */
  private value(p: number, parent: number, inMap: boolean, anchor: string | null = null): Parsed {
    const s = this.s;
    const c = s.charCodeAt(p);
    if (p >= this.len || c === NL || this.commentAt(p)) return this.emptyValue(p, parent, inMap, anchor);
    switch (c) {
      case 38 /* & */: {
        if (anchor !== null) giveUp();
        const nameEnd = this.nameEnd(p + 1);
        const name = s.slice(p + 1, nameEnd);
        const q = this.skipSpaces(nameEnd);
        if (q < this.len && s.charCodeAt(q) !== NL && !this.commentAt(q)) {
          return this.value(q, parent, inMap, name);
        }
        const v = this.emptyValue(q, parent, inMap, name);
        if (v.node.type === "scalar") giveUp(); // an anchored empty value: rare, leave it to yaml
        return v;
      }
      case 42 /* * */: {
        if (anchor !== null) giveUp();
        const nameEnd = this.nameEnd(p + 1);
        const name = s.slice(p + 1, nameEnd);
        if (name.endsWith(":")) giveUp();
        const next = this.endOfLine(nameEnd);
        this.noContinuation(next, parent);
        return { node: { type: "alias", name, start: p, end: nameEnd }, next: this.indentedComments(next, parent) };
      }
      case 124 /* | */:
      case 62 /* > */:
        return this.blockScalar(p, parent, anchor);
      case 34 /* " */:
      case 39 /* ' */: {
        const q = this.quoted(p);
        const after = this.skipSpaces(q.end);
        if (s.charCodeAt(after) === 58 /* : */) {
          if (inMap || anchor !== null) giveUp();
          return this.map(p);
        }
        return this.scalarThen({ type: "scalar", value: q.value, merge: false, start: p, end: q.end }, q.end, parent, anchor);
      }
      case 91 /* [ */:
      case 123 /* { */: {
        const f = this.flow(p, 0);
        return this.scalarThen(f.node, f.end, parent, anchor);
      }
      case 45 /* - */:
        if (this.isSeqDash(p)) {
          if (inMap || anchor !== null) giveUp();
          return this.seq(p);
        }
        break;
      case 33 /* ! */:
      case 37 /* % */:
      case 64 /* @ */:
      case 96 /* ` */:
      case 63 /* ? */:
      case 44 /* , */:
      case 93 /* ] */:
      case 125 /* } */:
        giveUp();
    }
    // A plain scalar, or (in a list item) the first key of a map.
    const end = this.plainEnd(p);
    if (end.key) {
      if (inMap || anchor !== null) giveUp();
      return this.map(p);
    }
    const raw = s.slice(p, end.at);
    if (raw === "<<") giveUp();
    return this.scalarThen({ type: "scalar", value: plainValue(raw), merge: false, start: p, end: end.at }, end.at, parent, anchor);
  }

  /** A one-line value ending at `end`: only a comment may follow, and no line may continue it. */
  private scalarThen(node: RawNode, end: number, parent: number, anchor: string | null): Parsed {
    this.anchor(anchor, node.start, node);
    const next = this.endOfLine(end);
    this.noContinuation(next, parent);
    return { node, next: this.indentedComments(next, parent) };
  }

  /** A value's end (range[2]) runs over the comment lines after it indented past `parent`. */
  private indentedComments(from: number, parent: number): number {
    let end = from;
    let ls = from;
    while (ls < this.len) {
      const ind = this.indentAt(ls);
      const c = this.s.charCodeAt(ls + ind);
      if (ls + ind < this.len && c !== NL && (c !== HASH || ind <= parent)) break;
      ls = this.nextLine(ls + ind);
      if (c === HASH) end = ls;
    }
    return end;
  }

  /** A more-indented line after a one-line value would continue it (or be an error). */
  private noContinuation(lineStart: number, parent: number): void {
    const ls = this.nextContent(lineStart);
    if (ls < this.len && this.indentAt(ls) > parent) giveUp();
  }

  /** Nothing after `key:` or `-` on its line: a nested block on the next lines, or null. */
  private emptyValue(p: number, parent: number, inMap: boolean, anchor: string | null): Parsed {
    const nl = this.nextLine(p);
    const ls = this.nextContent(nl);
    if (ls < this.len && !this.isMarker(ls, "-") && !this.isMarker(ls, ".")) {
      const ind = this.indentAt(ls);
      if (ind > parent) {
        const first = ls + ind;
        return this.isSeqDash(first) ? this.seq(first, anchor) : this.mapOrGiveUp(first, anchor);
      }
      if (inMap && ind === parent && this.isSeqDash(ls + ind)) return this.seq(ls + ind, anchor);
    }
    // `yaml` places the empty value after the spaces; a comment on the line belongs to it.
    const node: RawScalar = { type: "scalar", value: null, merge: false, start: p, end: p };
    // Its end runs over the comments that follow (any indentation), up to the next content.
    return { node, next: this.commentRunEnd(nl, p < this.len && this.s.charCodeAt(p) === HASH, 0) ?? p };
  }

  private mapOrGiveUp(p: number, anchor: string | null): Parsed {
    // A value on the line after its key (`key:\n  text`) is a scalar: leave it to yaml.
    if (!this.keyAhead(p)) giveUp();
    return this.map(p, anchor);
  }

  private anchor(name: string | null, offset: number, node: RawNode): void {
    if (name === null) return;
    if (name === "") giveUp();
    const list = this.anchors.get(name);
    if (list) list.push({ offset, node });
    else this.anchors.set(name, [{ offset, node }]);
  }

  /** The end of an anchor or alias name: the next space or line end (flow indicators: give up). */
  private nameEnd(p: number): number {
    let i = p;
    for (; i < this.len; i++) {
      const c = this.s.charCodeAt(i);
      if (c === SPACE || c === NL) break;
      if (c === 44 || c === 91 || c === 93 || c === 123 || c === 125) giveUp();
    }
    if (i === p) giveUp();
    return i;
  }

  // ---- keys and scalars ----

  private keyAhead(p: number): boolean {
    const c = this.s.charCodeAt(p);
    if (c === 34 || c === 39) {
      const q = this.quoted(p);
      return this.s.charCodeAt(this.skipSpaces(q.end)) === 58;
    }
    return this.plainEnd(p).key;
  }

  /** A map key at `p` and the position after its `:` and the spaces. */
  private key(p: number): { key: RawScalar; after: number } {
    const s = this.s;
    const c = s.charCodeAt(p);
    let end: number;
    let value: RawScalar["value"];
    let merge = false;
    let colon: number;
    if (c === 34 || c === 39) {
      const q = this.quoted(p);
      end = q.end;
      value = q.value;
      if (value === "<<") giveUp();
      colon = this.skipSpaces(end);
      if (s.charCodeAt(colon) !== 58) giveUp();
      const after = s.charCodeAt(colon + 1);
      if (colon + 1 < this.len && after !== SPACE && after !== NL) giveUp();
    } else {
      if (!plainStart(s, p) || c === 42 /* * */ || c === 38 /* & */) giveUp();
      const e = this.plainEnd(p);
      if (!e.key) giveUp();
      end = e.at;
      colon = e.colon;
      const text = s.slice(p, end);
      if (text === "<<") {
        merge = true;
        value = null;
      } else value = plainValue(text);
    }
    if (colon - p > 1024) giveUp(); // yaml: the `:` at most 1024 characters after the key's start
    return { key: { type: "scalar", value, merge, start: p, end }, after: this.skipSpaces(colon + 1) };
  }

  /**
   * Where a plain scalar at `p` ends on its line (before trailing spaces and a comment), and
   * whether a `: ` makes it a map key instead (then `colon` is where).
   */
  private plainEnd(p: number): { at: number; key: boolean; colon: number } {
    const s = this.s;
    if (!plainStart(s, p)) giveUp();
    let i = p;
    let lastNonSpace = p;
    for (; i < this.len; i++) {
      const c = s.charCodeAt(i);
      if (c === NL) break;
      if (c === 58 /* : */) {
        const n = s.charCodeAt(i + 1);
        if (i + 1 >= this.len || n === SPACE || n === NL) return { at: lastNonSpace, key: true, colon: i };
      } else if (c === HASH && s.charCodeAt(i - 1) === SPACE) break;
      if (c !== SPACE) lastNonSpace = i + 1;
    }
    return { at: lastNonSpace, key: false, colon: -1 };
  }

  /** A quoted scalar on one line: its value and the position after the closing quote. */
  private quoted(p: number): { value: string; end: number } {
    const s = this.s;
    const q = s.charCodeAt(p);
    let out = "";
    let from = p + 1;
    for (let i = p + 1; i < this.len; i++) {
      const c = s.charCodeAt(i);
      if (c === NL) giveUp(); // multi-line: folding rules, leave it to yaml
      if (q === 39) {
        if (c !== 39) continue;
        if (s.charCodeAt(i + 1) === 39) {
          out += s.slice(from, i + 1);
          from = i + 2;
          i++;
          continue;
        }
        return { value: out + s.slice(from, i), end: i + 1 };
      }
      if (c === 34) return { value: out + s.slice(from, i), end: i + 1 };
      if (c === 92 /* \ */) {
        out += s.slice(from, i);
        const e = escape(s, i + 1);
        out += e.text;
        i = e.end - 1;
        from = e.end;
      }
    }
    return giveUp();
  }

  /** `|` or `>` (with `-` for strip), content indented past `parent`. */
  private blockScalar(p: number, parent: number, anchor: string | null): Parsed {
    const s = this.s;
    const folded = s.charCodeAt(p) === 62;
    let h = p + 1;
    let strip = false;
    if (s.charCodeAt(h) === 45) {
      strip = true;
      h++;
    }
    const hc = s.charCodeAt(h);
    if (h < this.len && hc !== SPACE && hc !== NL) giveUp(); // `+`, indentation digits
    const first = this.endOfLine(h);
    if (first >= this.len) giveUp();
    // The content's indentation is that of its first line; blank or less-indented first lines: yaml.
    const indent = this.indentAt(first);
    const fc = s.charCodeAt(first + indent);
    if (indent <= parent || first + indent >= this.len || fc === NL) giveUp();
    const lines: string[] = [];
    let blanks = 0;
    let end = first;
    let ls = first;
    while (ls < this.len) {
      const ind = this.indentAt(ls);
      const c = s.charCodeAt(ls + ind);
      if (ls + ind >= this.len || c === NL) {
        if (ind > 0) giveUp(); // a blank line with spaces: leave their meaning to yaml
        blanks++;
        ls = this.nextLine(ls);
        continue;
      }
      if (ind < indent) break;
      const le = this.lineEnd(ls);
      if (le >= this.len) giveUp(); // no line break after the last line: chomping differs
      const line = s.slice(ls + indent, le);
      if (folded && ind > indent) giveUp(); // more-indented lines keep their breaks in folded scalars
      for (; blanks > 0; blanks--) lines.push("");
      lines.push(line);
      ls = le + 1;
      end = ls;
    }
    let value: string;
    if (folded) {
      value = "";
      let pendingBlank = 0;
      let started = false;
      for (const line of lines) {
        if (line === "") {
          pendingBlank++;
          continue;
        }
        if (started) value += pendingBlank > 0 ? "\n".repeat(pendingBlank) : " ";
        value += line;
        started = true;
        pendingBlank = 0;
      }
    } else value = lines.join("\n");
    if (!strip) value += "\n";
    const node: RawScalar = { type: "scalar", value, merge: false, start: p, end };
    this.anchor(anchor, p, node);
    this.noContinuation(end, parent);
    // Unlike a one-line value, a block scalar doesn't take the indented comments after it.
    return { node, next: end };
  }

  // ---- flow collections on one line ----

  private flow(p: number, depth: number): { node: RawNode; end: number } {
    if (depth > 16) giveUp();
    const s = this.s;
    const isMap = s.charCodeAt(p) === 123;
    const close = isMap ? 125 : 93;
    const items: RawNode[] = [];
    const pairs: RawPair[] = [];
    const keys = new Set<unknown>();
    let i = this.skipSpaces(p + 1);
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === close) break;
      const item = this.flowItem(i, depth);
      i = this.skipSpaces(item.end);
      if (isMap) {
        if (item.node.type !== "scalar" || item.node.merge || s.charCodeAt(i) !== 58 || s.charCodeAt(i + 1) !== SPACE) giveUp();
        const v = this.flowItem(this.skipSpaces(i + 1), depth);
        const key = item.node;
        if (keys.has(key.value)) giveUp(); // a duplicate key: yaml reports it
        keys.add(key.value);
        pairs.push({ key, keyText: String(key.value), value: v.node });
        i = this.skipSpaces(v.end);
      } else {
        if (s.charCodeAt(i) === 58) giveUp(); // `[a: b]`: a pair in a list
        items.push(item.node);
      }
      const d = s.charCodeAt(i);
      if (d === 44 /* , */) {
        i = this.skipSpaces(i + 1);
        continue;
      }
      if (d !== close) giveUp();
      break;
    }
    const end = i + 1;
    const node: RawNode = isMap ? { type: "map", pairs, start: p, end } : { type: "seq", items, start: p, end };
    return { node, end };
  }

  private flowItem(p: number, depth: number): { node: RawNode; end: number } {
    const s = this.s;
    const c = s.charCodeAt(p);
    if (c === 91 || c === 123) return this.flow(p, depth + 1);
    if (c === 34 || c === 39) {
      const q = this.quoted(p);
      return { node: { type: "scalar", value: q.value, merge: false, start: p, end: q.end }, end: q.end };
    }
    if (c === 42 /* * */) {
      // An alias (`<<: [*a, *b]`): its name ends at a blank or a flow indicator.
      let i = p + 1;
      for (; i < this.len; i++) {
        const d = s.charCodeAt(i);
        if (d === SPACE || d === NL || d === 44 || d === 91 || d === 93 || d === 123 || d === 125) break;
      }
      if (i === p + 1 || s.charCodeAt(i - 1) === 58) giveUp();
      return { node: { type: "alias", name: s.slice(p + 1, i), start: p, end: i }, end: i };
    }
    // `-`, `:` and `?` before a flow indicator are indicators there: leave them all to yaml.
    if (!plainStart(s, p) || c === 38 || c === 45 || c === 58 || c === 63) giveUp();
    let i = p;
    let last = p;
    for (; i < this.len; i++) {
      const d = s.charCodeAt(i);
      if (d === NL || d === 44 || d === 91 || d === 93 || d === 123 || d === 125) break;
      if (d === 58) {
        const n = s.charCodeAt(i + 1);
        if (n === SPACE || n === 44 || n === 93 || n === 125 || n === NL) break;
      }
      if (d === HASH && s.charCodeAt(i - 1) === SPACE) giveUp();
      if (d !== SPACE) last = i + 1;
    }
    if (i >= this.len || s.charCodeAt(i) === NL) giveUp(); // unclosed on this line
    const raw = s.slice(p, last);
    if (raw === "<<") giveUp();
    return { node: { type: "scalar", value: plainValue(raw), merge: false, start: p, end: last }, end: last };
  }
}

const MERGE = Symbol("merge key");
/** Up to this many keys, a map's keys are checked for duplicates without a Set. */
const SMALL_MAP = 12;

/** Can a plain scalar start at `p`? Indicators can't, except `-?:` before a non-space. */
function plainStart(s: string, p: number): boolean {
  const c = s.charCodeAt(p);
  switch (c) {
    case 45: // -
    case 63: // ?
    case 58: {
      // :
      const n = s.charCodeAt(p + 1);
      return p + 1 < s.length && n !== SPACE && n !== NL;
    }
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
    case SPACE:
    case NL:
      return false;
  }
  return p < s.length;
}

/** A plain scalar's value under the YAML 1.2 core schema (as `yaml` resolves it). */
export function plainValue(raw: string): string | number | boolean | null {
  const c = raw.charCodeAt(0);
  // Only these can start a null, boolean or number.
  if (!(raw.length === 0 || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return raw;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(raw)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(raw)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(raw)) return false;
  if (/^0o[0-7]+$/.test(raw)) return parseInt(raw.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(raw)) return parseInt(raw, 10);
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return parseInt(raw.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(raw)) {
    return raw.slice(-3).toLowerCase() === "nan" ? NaN : raw[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(raw) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(raw)) return parseFloat(raw);
  return raw;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};

/** A double-quoted scalar's escape after the `\` at `p`. */
function escape(s: string, p: number): { text: string; end: number } {
  const c = s[p];
  if (c === undefined) giveUp();
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { text: simple, end: p + 1 };
  const digits = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
  if (digits === 0) giveUp();
  const hex = s.slice(p + 1, p + 1 + digits);
  if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) giveUp();
  return { text: String.fromCodePoint(code), end: p + 1 + digits };
}
