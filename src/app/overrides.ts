import { basename, dirname } from "node:path";
import type { ComposeModel } from "../model/compose.js";

/** In the order Compose looks for them. */
const BASE_NAMES = new Set(["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]);
const AUTO_OVERRIDE = /^(docker-)?compose\.override\.ya?ml$/;

/**
 * Compose files beside a base file (`compose.override.yaml`, `compose.prod.yaml`…) usually
 * hold partial services that Compose merges into the base. Such a service is marked partial
 * (rules about what is missing skip it; the base reports), and the base service learns about
 * the override that `docker compose up` applies by default.
 */
/** The base file of a folder's Compose files, by Compose's own order: compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml. */
export function baseOf<T extends { abs: string }>(files: readonly T[]): T | undefined {
  for (const name of BASE_NAMES) {
    const f = files.find((x) => basename(x.abs) === name);
    if (f) return f;
  }
  return undefined;
}

export function markPartialServices(files: readonly ComposeModel[]): void {
  const byDir = new Map<string, ComposeModel[]>();
  for (const f of files) {
    const dir = dirname(f.abs);
    const list = byDir.get(dir);
    if (list) list.push(f);
    else byDir.set(dir, [f]);
  }
  for (const group of byDir.values()) {
    const base = baseOf(group);
    if (!base) continue;
    const baseServices = new Map(base.services.map((s) => [s.name, s]));
    for (const f of group) {
      if (f === base) continue;
      const auto = AUTO_OVERRIDE.test(basename(f.abs));
      for (const s of f.services) {
        const b = baseServices.get(s.name);
        if (!b) continue;
        s.partial = true;
        if (auto) b.overrides.push(s);
      }
    }
  }
}
