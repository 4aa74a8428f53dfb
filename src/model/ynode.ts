import type { Located } from "./compose.js";
import type { Range } from "./range.js";

/**
 * A YAML value after anchors, aliases and merge keys are resolved, with the place a finding
 * about it should point at. Scalars keep the text as written (`raw`) and the value after
 * Compose interpolation (`value`).
 */
export type YNode = YScalar | YMap | YSeq;

interface YBase {
  /**
   * Where findings about this value point: the key of a map entry, the item of a list, or —
   * when the value comes from an anchor — the line that uses it (`<<: *x` or `key: *x`).
   */
  range: Range;
  /** Compose's `!reset` (drop the inherited value) or `!override` (replace it whole) tag. */
  mergeTag?: "reset" | "override";
}

export interface YScalar extends YBase {
  kind: "scalar";
  /** After interpolation (strings), or the YAML value (numbers, booleans, null). */
  value: string | number | boolean | null;
  /** As written, before interpolation. */
  raw: string | number | boolean | null;
  /** Interpolation referenced a variable with no known value. */
  unresolved: boolean;
}

export interface YMap extends YBase {
  kind: "map";
  /** Each value's range is its key's (see YBase): what "unknown key" findings point at. */
  entries: Map<string, YNode>;
}

export interface YSeq extends YBase {
  kind: "seq";
  items: YNode[];
}

export function isMapNode(n: YNode | undefined | null): n is YMap {
  return n?.kind === "map";
}
export function isSeqNode(n: YNode | undefined | null): n is YSeq {
  return n?.kind === "seq";
}
export function isScalarNode(n: YNode | undefined | null): n is YScalar {
  return n?.kind === "scalar";
}

/** The node at a path of keys and indexes, or undefined. */
export function nodeAt(root: YNode | undefined, path: readonly (string | number)[]): YNode | undefined {
  let cur: YNode | undefined = root;
  for (const seg of path) {
    if (!cur) return undefined;
    if (cur.kind === "map") cur = cur.entries.get(String(seg));
    else if (cur.kind === "seq" && typeof seg === "number") cur = cur.items[seg];
    else return undefined;
  }
  return cur;
}

/** The nearest existing node along a path (for locating a problem whose exact node is missing). */
export function deepestNodeAt(root: YNode, path: readonly (string | number)[]): { node: YNode; depth: number } {
  let cur: YNode = root;
  let depth = 0;
  for (const seg of path) {
    const next = nodeAt(cur, [seg]);
    if (!next) break;
    cur = next;
    depth++;
  }
  return { node: cur, depth };
}

/**
 * Where a schema problem at `path` points: the node there; for a key (unknown or missing)
 * that is the path's last segment, that key in its parent map, else the parent; when nothing
 * is there, the deepest node that exists on the path.
 */
export function locateProblem(root: YMap, path: readonly (string | number)[], key?: string): Range {
  const node = nodeAt(root, path);
  if (node) return node.range;
  const parentPath = key !== undefined && path[path.length - 1] === key ? path.slice(0, -1) : path;
  const parent = nodeAt(root, parentPath);
  if (parent && isMapNode(parent) && key !== undefined) return parent.entries.get(key)?.range ?? parent.range;
  return deepestNodeAt(root, path).node.range;
}

/** Plain JS data, as written (raw scalars) or interpolated. */
export function toPlain(n: YNode, interpolated = false): unknown {
  switch (n.kind) {
    case "scalar":
      return interpolated ? n.value : n.raw;
    case "seq":
      return n.items.map((i) => toPlain(i, interpolated));
    case "map": {
      const o: Record<string, unknown> = {};
      for (const [k, v] of n.entries) {
        // `ports: !reset` (Compose): the key is dropped, whatever value is written under it.
        if (v.mergeTag === "reset") continue;
        const value = toPlain(v, interpolated);
        // `__proto__` is a key like any other (the schema reports it): an own property, never
        // the object's prototype, whose keys would pass for the file's or config's own.
        if (k === "__proto__") Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });
        else o[k] = value;
      }
      return o;
    }
  }
}

/**
 * Plain data as written, for a JSON Schema check: toPlain with null-prototype objects. Ajv's
 * validators look up every property a schema names (≈ 130 per Compose service) on objects of
 * many shapes; on a null-prototype object a missing one is known missing without a walk up
 * to Object.prototype, and validating the monorepo's Compose files takes a third of the time.
 * For validators only: such objects have no toString or hasOwnProperty (`__proto__` is an own
 * key, as in toPlain). test/compose-schema.test.ts checks that both validate alike.
 */
export function toSchemaData(n: YNode): unknown {
  switch (n.kind) {
    case "scalar":
      return n.raw;
    case "seq":
      return n.items.map(toSchemaData);
    case "map": {
      const o: Record<string, unknown> = Object.create(null);
      for (const [k, v] of n.entries) if (v.mergeTag !== "reset") o[k] = toSchemaData(v);
      return o;
    }
  }
}

/** A scalar's value as a string (numbers and booleans too), or null. */
export function scalarString(n: YNode | undefined): string | null {
  if (!n || n.kind !== "scalar" || n.value === null) return null;
  return String(n.value);
}

/** A scalar as a string with its place, or null (maps, lists, null, absent). */
export function located(n: YNode | undefined): Located<string> | null {
  const s = scalarString(n);
  if (s === null || !n) return null;
  return { value: s, range: n.range, unresolved: isScalarNode(n) && n.unresolved };
}

/** The line to name in a message about a path: the key when it exists, else its nearest ancestor's. */
export function lineOfPath(root: YNode, path: readonly (string | number)[]): number {
  for (let n = path.length; n > 0; n--) {
    const parent = nodeAt(root, path.slice(0, n - 1));
    const key = path[n - 1];
    const entry = parent && parent.kind === "map" && typeof key === "string" ? parent.entries.get(key) : undefined;
    if (entry) return entry.range.line;
    const node = nodeAt(root, path.slice(0, n));
    if (node) return node.range.line;
  }
  return root.range.line;
}
