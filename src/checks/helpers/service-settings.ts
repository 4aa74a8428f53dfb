import type { Service } from "../../model/compose.js";

/**
 * A service setting as `docker compose up` applies it: `compose.override.yaml` beside the file
 * is merged by default, and its value wins over the base file's (the last override first).
 */
export function effectiveSetting<K extends "healthcheck" | "user">(s: Service, key: K): Service[K] {
  for (let i = s.overrides.length - 1; i >= 0; i--) {
    const v = s.overrides[i]![key];
    if (v !== null) return v;
  }
  return s[key];
}
