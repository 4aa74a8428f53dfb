import type { Range } from "../../model/range.js";
import type { YMap, YNode, YScalar } from "../../model/ynode.js";
import type { LineIndex } from "../text.js";
import type { RawAlias, RawDocument, RawNode, RawPair } from "./raw.js";

export type Interpolate = (text: string) => { value: string; unresolved: boolean };

/** Raised when aliases expand past the node budget (a "billion laughs" document). */
export class AliasBombError extends Error {}

/**
 * Raised for what YAML (and Compose's parser) refuse: an alias to no anchor defined before it,
 * or `<<` merging something other than a map. `offset` is where in the text.
 */
export class YamlReferenceError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const LINE1: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * Converts a parsed YAML document into YNodes: anchors and aliases resolved, `<<` merge keys
 * applied (explicit keys win, earlier merge sources win over later ones), each node placed at
 * its key. Values pulled in from an anchor point at the line that uses the anchor, so every
 * service that merges `&defaults` gets its finding at its own `<<: *defaults` line.
 */
export class YamlResolver {
  private budget: number;

  constructor(
    private readonly doc: RawDocument,
    private readonly lines: LineIndex,
    private readonly interpolate: Interpolate | null,
    maxNodes = 200_000,
  ) {
    this.budget = maxNodes;
  }

  root(): YNode | null {
    return this.doc.root ? this.convert(this.doc.root, null, null) : null;
  }

  private spend(): void {
    if (--this.budget < 0) throw new AliasBombError("YAML expands to too many nodes (an alias bomb, or a file too large to lint): not linted");
  }

  /** `at`: where findings about this node point; `via`: the anchor use that brought it in. */
  private convert(node: RawNode, at: Range | null, via: Range | null, depth = 0): YNode {
    const out = this.convertNode(node, at, via, depth);
    if (node.mergeTag) out.mergeTag = node.mergeTag;
    return out;
  }

  private convertNode(node: RawNode, at: Range | null, via: Range | null, depth: number): YNode {
    this.spend();
    if (depth > 200) throw new AliasBombError("YAML nesting deeper than 200 levels: not linted");
    if (node.type === "alias") {
      const target = this.target(node);
      const use = at ?? this.rangeOf(node);
      if (!target) throw new YamlReferenceError(`unknown anchor: *${node.name} refers to no &${node.name} defined before it`, Math.max(node.start, 0));
      return this.convert(target, use, via ?? use, depth + 1);
    }
    const own = this.rangeOf(node);
    const range = at ?? own;
    if (node.type === "scalar") {
      const raw = node.merge ? "<<" : node.value;
      if (typeof raw === "string" && this.interpolate && raw.includes("$")) {
        const r = this.interpolate(raw);
        return { kind: "scalar", value: r.value, raw, unresolved: r.unresolved, range };
      }
      return scalar(raw, raw, range);
    }
    if (node.type === "seq") {
      const items = node.items.map((item) => this.convert(item, via ? range : null, via, depth + 1));
      return { kind: "seq", items, range };
    }
    const out: YMap = { kind: "map", entries: new Map(), range };
    const merges: RawPair[] = [];
    for (const pair of node.pairs) {
      const key = pair.key;
      if (key?.type === "scalar" && key.merge) {
        merges.push(pair);
        continue;
      }
      // A value points at its key (so its range is the key's, which "unknown key" findings use).
      const keyRange = via ? range : key ? this.rangeOf(key) : own;
      out.entries.set(pair.keyText, pair.value ? this.convert(pair.value, keyRange, via, depth + 1) : scalar(null, null, keyRange));
    }
    for (const m of merges) this.applyMerge(out, m, via, range, depth);
    return out;
  }

  private target(alias: RawAlias): RawNode | undefined {
    return anchorTarget(this.doc, alias);
  }

  private applyMerge(out: YMap, pair: RawPair, via: Range | null, range: Range, depth: number): void {
    const mergeLine = via ? range : this.rangeOf(pair.key!);
    const v = pair.value;
    const sources = v?.type === "seq" ? v.items : [v];
    for (const src of sources) {
      const resolved = src ? this.convert(src, mergeLine, via ?? mergeLine, depth + 1) : scalar(null, null, mergeLine);
      if (resolved.kind !== "map") {
        if (resolved.kind === "scalar" && resolved.value === null) continue;
        throw new YamlReferenceError("<< merges a map or a list of maps, not a " + (resolved.kind === "seq" ? "nested list" : "scalar"), Math.max((src ?? pair.key!).start, 0));
      }
      for (const [k, val] of resolved.entries) {
        if (out.entries.has(k)) continue;
        out.entries.set(k, val);
      }
    }
  }

  private rangeOf(node: RawNode): Range {
    return node.start < 0 ? LINE1 : this.lines.range(node.start, node.end);
  }
}

function scalar(value: YScalar["value"], raw: YScalar["raw"], range: Range): YScalar {
  return { kind: "scalar", value, raw, unresolved: false, range };
}

/**
 * The anchor an alias refers to: the last one of its name defined before it. Anchors are
 * listed in document order (offsets ascending): a binary search, so that a file with
 * thousands of definitions and uses of one name stays linear-ish.
 */
function anchorTarget(doc: RawDocument, alias: RawAlias): RawNode | undefined {
  const at = alias.start < 0 ? Number.MAX_SAFE_INTEGER : alias.start;
  const list = doc.anchors.get(alias.name);
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length; // first index whose offset is >= at
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.offset < at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1]!.node : undefined;
}

/**
 * A document's root as plain data, values as written — exactly what
 * `toSchemaData(new YamlResolver(doc, …).root())` gives (null-prototype objects; aliases expanded, merge keys applied,
 * later duplicate keys winning in the first one's place), without building YNodes or ranges:
 * for the schema check, which needs nothing else until it finds a problem. Same node budget
 * and depth limit as the resolver (AliasBombError), the same YamlReferenceError.
 * test/yaml-fast.test.ts compares the two.
 */
export function plainOf(doc: RawDocument, maxNodes = 200_000): unknown {
  let budget = maxNodes;
  const convert = (node: RawNode, depth: number): unknown => {
    if (--budget < 0) throw new AliasBombError("YAML expands to too many nodes (an alias bomb, or a file too large to lint): not linted");
    if (depth > 200) throw new AliasBombError("YAML nesting deeper than 200 levels: not linted");
    switch (node.type) {
      case "alias": {
        const target = anchorTarget(doc, node);
        if (!target) throw new YamlReferenceError(`unknown anchor: *${node.name} refers to no &${node.name} defined before it`, Math.max(node.start, 0));
        return convert(target, depth + 1);
      }
      case "scalar":
        return node.merge ? "<<" : node.value;
      case "seq":
        return node.items.map((item) => convert(item, depth + 1));
      case "map": {
        const out: Record<string, unknown> = Object.create(null);
        const merges: RawPair[] = [];
        for (const pair of node.pairs) {
          if (pair.key?.type === "scalar" && pair.key.merge) merges.push(pair);
          else if (pair.value?.mergeTag !== "reset") setOwn(out, pair.keyText, pair.value ? convert(pair.value, depth + 1) : null);
        }
        for (const m of merges) {
          const v = m.value;
          for (const src of v?.type === "seq" ? v.items : [v]) {
            const resolved = src ? convert(src, depth + 1) : null;
            if (resolved === null) continue;
            if (typeof resolved !== "object" || Array.isArray(resolved)) {
              throw new YamlReferenceError("<< merges a map or a list of maps, not a " + (Array.isArray(resolved) ? "nested list" : "scalar"), Math.max((src ?? m.key!).start, 0));
            }
            for (const [k, val] of Object.entries(resolved)) if (!Object.hasOwn(out, k)) setOwn(out, k, val);
          }
        }
        return out;
      }
    }
  };
  return doc.root ? convert(doc.root, 0) : null;
}

/** On a null-prototype object `__proto__` too is a key like any other: an own property. */
function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  o[k] = v;
}
