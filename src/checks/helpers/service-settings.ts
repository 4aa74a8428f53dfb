import type { Service } from "../../model/compose.js";

/**
 * A service setting as `docker compose up` applies it: `compose.override.yaml` beside the file
 * is merged by default, and its value wins over the base file's (the last override first).
 * `layers`: the files merged over it when a command line names others (`-f … -f compose.prod.yaml`).
 */
export function effectiveSetting<K extends "healthcheck" | "user" | "runtime">(s: Service, key: K, layers: readonly Service[] = s.overrides): Service[K] {
  // A layer of a base (compose.override.yaml's partial service) runs as the merged service does.
  if (s.layerOf && layers === s.overrides) return effectiveSetting(s.layerOf, key);
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    // `user: !reset null` in the override takes the base's value away: the image's own applies.
    if (layer.node.entries.get(key)?.mergeTag === "reset") return null as Service[K];
    const v = layer[key];
    if (v !== null) return v;
  }
  return s[key];
}

/** An `isolint.*` label as Compose applies it: the last layer that sets it wins. */
export function effectiveLabel(s: Service, key: string, layers: readonly Service[] = s.overrides): { value: string } | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i]!.labels.get(key);
    if (l?.value) return l;
  }
  return s.labels.get(key);
}
