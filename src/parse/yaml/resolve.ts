import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type LineCounter, type Node as YamlNode, type Pair } from "yaml";
import type { Range } from "../../model/range.js";
import type { YMap, YNode, YScalar } from "../../model/ynode.js";

export type Interpolate = (text: string) => { value: string; unresolved: boolean };

/** Raised when aliases expand past the node budget (a "billion laughs" document). */
export class AliasBombError extends Error {}

/**
 * Converts a parsed YAML document into YNodes: anchors and aliases resolved, `<<` merge keys
 * applied (explicit keys win, earlier merge sources win over later ones), each node placed at
 * its key. Values pulled in from an anchor point at the line that uses the anchor, so every
 * service that merges `&defaults` gets its finding at its own `<<: *defaults` line.
 */
export class YamlResolver {
  private budget: number;
  /** Anchors by name, in document order: an alias refers to the last one defined before it. */
  private anchors: Map<string, { offset: number; node: YamlNode }[]> | null = null;

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly interpolate: Interpolate | null,
    maxNodes = 200_000,
  ) {
    this.budget = maxNodes;
  }

  root(): YNode | null {
    const c = this.doc.contents;
    // `---` with nothing after it: an empty document, not a null value.
    if (!c || (isScalar(c) && c.value === null && !c.source && !c.tag)) return null;
    return this.convert(c as YamlNode, null, null);
  }

  range(start: number, end: number): Range {
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  private spend(): void {
    if (--this.budget < 0) throw new AliasBombError("YAML aliases expand to too many nodes (possible alias bomb): not linted");
  }

  /** `at`: where findings about this node point; `via`: the anchor use that brought it in. */
  private convert(node: YamlNode, at: Range | null, via: Range | null, depth = 0): YNode {
    this.spend();
    if (depth > 200) throw new AliasBombError("YAML nesting deeper than 200 levels: not linted");
    if (isAlias(node)) {
      const target = this.target(node);
      const use = at ?? this.rangeOf(node);
      if (!target) return scalar(null, null, use);
      return this.convert(target, use, via ?? use, depth + 1);
    }
    const own = this.rangeOf(node);
    const range = at ?? own;
    if (isScalar(node)) {
      const v = node.value;
      const raw = typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null ? v : (node.source ?? String(v));
      if (typeof raw === "string" && this.interpolate && raw.includes("$")) {
        const r = this.interpolate(raw);
        return { kind: "scalar", value: r.value, raw, unresolved: r.unresolved, range };
      }
      return scalar(raw, raw, range);
    }
    if (isSeq(node)) {
      const items = node.items.map((item) => {
        const it = item as YamlNode;
        return this.convert(it, via ? range : null, via, depth + 1);
      });
      return { kind: "seq", items, range };
    }
    if (isMap(node)) {
      const out: YMap = { kind: "map", entries: new Map(), keyRanges: new Map(), range };
      const merges: Pair[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as YamlNode | null;
        if (isScalar(key) && typeof key.value === "symbol") {
          merges.push(pair as Pair);
          continue;
        }
        const name = keyText(key);
        const keyRange = via ? range : key ? this.rangeOf(key) : own;
        out.keyRanges.set(name, keyRange);
        const value = pair.value as YamlNode | null;
        out.entries.set(name, value ? this.convert(value, keyRange, via, depth + 1) : scalar(null, null, keyRange));
      }
      for (const m of merges) this.applyMerge(out, m, via, range, depth);
      return out;
    }
    return scalar(null, null, range);
  }

  /** One pass over the document collects the anchors (yaml's Alias.resolve walks the whole document per alias). */
  private target(alias: Alias): YamlNode | undefined {
    if (!this.anchors) {
      const anchors = new Map<string, { offset: number; node: YamlNode }[]>();
      visit(this.doc, (_key, n) => {
        const anchor = (n as { anchor?: string } | null)?.anchor; // null: an empty key or value (`- ?`)
        if (anchor && !isAlias(n)) {
          const list = anchors.get(anchor) ?? [];
          list.push({ offset: (n as YamlNode).range?.[0] ?? 0, node: n as YamlNode });
          anchors.set(anchor, list);
        }
      });
      this.anchors = anchors;
    }
    const at = alias.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    let found: YamlNode | undefined;
    for (const a of this.anchors.get(alias.source) ?? []) if (a.offset < at) found = a.node;
    return found;
  }

  private applyMerge(out: YMap, pair: Pair, via: Range | null, range: Range, depth: number): void {
    const mergeLine = via ? range : this.rangeOf(pair.key as YamlNode);
    const sources = isSeq(pair.value) ? (pair.value.items as YamlNode[]) : [pair.value as YamlNode];
    for (const src of sources) {
      const resolved = this.convert(src, mergeLine, via ?? mergeLine, depth + 1);
      if (resolved.kind !== "map") continue;
      for (const [k, v] of resolved.entries) {
        if (out.entries.has(k)) continue;
        out.entries.set(k, v);
        out.keyRanges.set(k, mergeLine);
      }
    }
  }

  private rangeOf(node: YamlNode): Range {
    const r = node.range;
    if (!r) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    return this.range(r[0], r[1]);
  }
}

function scalar(value: YScalar["value"], raw: YScalar["raw"], range: Range): YScalar {
  return { kind: "scalar", value, raw, unresolved: false, range };
}

function keyText(key: YamlNode | null): string {
  if (!key) return "";
  if (isScalar(key)) return String(key.value);
  return String(key);
}
