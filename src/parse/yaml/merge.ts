import type { Range } from "../../model/range.js";
import type { YMap, YNode } from "../../model/ynode.js";
import { parseShortVolume } from "../compose/normalize.js";

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
 * Compose `extends:` (the Compose Specification's merge rules): the service starts from the
 * base service, and its own keys win. Maps merge key by key; lists are appended (base first),
 * except `command`, `entrypoint` and `healthcheck.test`, which the service's own value
 * replaces, and `volumes`, where the service's mount at a target replaces the base's mount
 * at that target. `!reset` drops the inherited value, `!override` replaces it whole.
 * Inherited values point at the service's `extends:` line.
 */
export function extendService(child: YMap, base: YMap, at: Range): YMap {
  return mergeMaps(reRange(base, at) as YMap, child, SERVICE);
}

/** How a key's value merges: appended (the default), replaced, or unique by mount target. */
type Rule = "replace" | "by-target" | { [key: string]: Rule };

const SERVICE: { [key: string]: Rule } = { command: "replace", entrypoint: "replace", healthcheck: { test: "replace" }, volumes: "by-target" };

function mergeMaps(base: YMap, own: YMap, rules: { [key: string]: Rule } | null): YMap {
  const entries = new Map(base.entries);
  for (const [k, v] of own.entries) {
    if (v.mergeTag === "reset") {
      entries.delete(k);
      continue;
    }
    const b = entries.get(k);
    entries.set(k, b && v.mergeTag !== "override" ? mergeNodes(b, v, rules ? (Object.hasOwn(rules, k) ? rules[k]! : null) : null) : v);
  }
  return { kind: "map", entries, range: own.range };
}

function mergeNodes(base: YNode, own: YNode, rule: Rule | null): YNode {
  if (rule === "replace") return own;
  if (base.kind === "map" && own.kind === "map") return mergeMaps(base, own, rule !== null && typeof rule === "object" ? rule : null);
  if (base.kind === "seq" && own.kind === "seq") {
    if (rule === "by-target") {
      const targets = new Set(own.items.map(mountTarget));
      targets.delete(null);
      return { ...own, items: [...base.items.filter((i) => !targets.has(mountTarget(i))), ...own.items] };
    }
    return { ...own, items: [...base.items, ...own.items] };
  }
  return own;
}

/** The path a volume entry mounts at: long syntax's `target`, or the short syntax's, as normalize reads it. */
function mountTarget(item: YNode): string | null {
  if (item.kind === "map") {
    const t = item.entries.get("target");
    return t?.kind === "scalar" && typeof t.value === "string" ? t.value : null;
  }
  return item.kind === "scalar" && typeof item.value === "string" ? parseShortVolume(item.value).target : null;
}
