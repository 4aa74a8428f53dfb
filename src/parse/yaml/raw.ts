import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Node as YamlNode } from "yaml";

/**
 * A YAML document as the parser saw it, before anchors, aliases and merge keys are resolved:
 * what the resolver (resolve.ts) needs and nothing more. Both parsers produce it — the fast
 * one for the common block-style subset (fast.ts) and `yaml` for everything else — so one
 * resolver turns either into YNodes.
 *
 * Offsets are those `yaml` gives its nodes (`range[0]`, `range[1]`); -1 when it gives none.
 */
export type RawNode = RawScalar | RawAlias | RawMap | RawSeq;

interface RawBase {
  start: number;
  end: number;
  /** Compose's `!reset` / `!override` merge tags (other tags are not kept). */
  mergeTag?: "reset" | "override";
}

export interface RawScalar extends RawBase {
  type: "scalar";
  value: string | number | boolean | null;
  /** A `<<` merge key. */
  merge: boolean;
}

export interface RawAlias extends RawBase {
  type: "alias";
  name: string;
}

export interface RawPair {
  key: RawNode | null;
  /** The key as a map key: its value as a string (what `String()` of `yaml`'s key node gives). */
  keyText: string;
  value: RawNode | null;
}

export interface RawMap extends RawBase {
  type: "map";
  pairs: RawPair[];
}

export interface RawSeq extends RawBase {
  type: "seq";
  items: RawNode[];
}

/** Anchors by name, in document order, with the offset where the anchored node starts. */
export type Anchors = Map<string, { offset: number; node: RawNode }[]>;

export interface RawDocument {
  /** null: an empty document (`---` with nothing after it). */
  root: RawNode | null;
  anchors: Anchors;
}

/** `yaml`'s document in the raw form. */
export function rawFromYaml(doc: Document): RawDocument {
  const c = doc.contents;
  const anchors: Anchors = new Map();
  const converted = new Map<YamlNode, RawNode>();
  const raw = (n: unknown): RawNode => {
    const node = n as YamlNode;
    let out: RawNode;
    const [start, end] = node?.range ?? [-1, -1];
    if (isAlias(node)) out = { type: "alias", name: node.source, start, end };
    else if (isScalar(node)) {
      const v = node.value;
      const merge = typeof v === "symbol";
      const value = merge ? null : typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null ? v : (node.source ?? String(v));
      out = { type: "scalar", value, merge, start, end };
    } else if (isSeq(node)) out = { type: "seq", items: node.items.map(raw), start, end };
    else if (isMap(node)) {
      out = { type: "map", pairs: node.items.filter(isPair).map((p) => ({ key: p.key === null ? null : raw(p.key), keyText: keyText(p.key), value: p.value === null ? null : raw(p.value) })), start, end };
    } else out = { type: "scalar", value: null, merge: false, start: -1, end: -1 };
    const tag = (node as { tag?: string } | null)?.tag;
    if (tag === "!reset" || tag === "!override") out.mergeTag = tag === "!reset" ? "reset" : "override";
    if (node && typeof node === "object") converted.set(node, out);
    return out;
  };
  // `---` with nothing after it: an empty document, not a null value.
  const root = !c || (isScalar(c) && c.value === null && !c.source && !c.tag) ? null : raw(c);
  visit(doc, (_key, n) => {
    const anchor = (n as { anchor?: string } | null)?.anchor; // null: an empty key or value (`- ?`)
    if (anchor && !isAlias(n)) {
      const node = converted.get(n as YamlNode);
      if (!node) return;
      const list = anchors.get(anchor) ?? [];
      list.push({ offset: (n as YamlNode).range?.[0] ?? 0, node });
      anchors.set(anchor, list);
    }
  });
  return { root, anchors };
}

function keyText(key: unknown): string {
  if (key === null || key === undefined) return "";
  if (isScalar(key)) return typeof key.value === "symbol" ? "<<" : String(key.value);
  return String(key);
}
