import type { Range } from "../../model/range.js";
import type { YMap, YNode } from "../../model/ynode.js";

/** A deep copy whose every node points at `at` (the line that pulled the values in). */
export function reRange(node: YNode, at: Range): YNode {
  switch (node.kind) {
    case "scalar":
      return { ...node, range: at };
    case "seq":
      return { kind: "seq", items: node.items.map((i) => reRange(i, at)), range: at };
    case "map": {
      const entries = new Map<string, YNode>();
      for (const [k, v] of node.entries) entries.set(k, reRange(v, at));
      return { kind: "map", entries, range: at };
    }
  }
}

/**
 * Compose `extends:`: the service starts from the base service, and its own keys win. Maps
 * merge key by key, lists are appended (base first), scalars are replaced — close enough to
 * Compose's merge rules for what the rules judge (is a key set, which values are present).
 * Inherited values point at the service's `extends:` line.
 */
export function extendService(child: YMap, base: YMap, at: Range): YMap {
  return mergeMaps(reRange(base, at) as YMap, child);
}

function mergeMaps(base: YMap, own: YMap): YMap {
  const entries = new Map(base.entries);
  for (const [k, v] of own.entries) {
    const b = entries.get(k);
    entries.set(k, b ? mergeNodes(b, v) : v);
  }
  return { kind: "map", entries, range: own.range };
}

function mergeNodes(base: YNode, own: YNode): YNode {
  if (base.kind === "map" && own.kind === "map") return mergeMaps(base, own);
  if (base.kind === "seq" && own.kind === "seq") return { ...own, items: [...base.items, ...own.items] };
  return own;
}
