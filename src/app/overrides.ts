import { basename, dirname } from "node:path";
import type { ComposeModel, Service } from "../model/compose.js";
import { isMapNode } from "../model/ynode.js";
import type { Range } from "../model/range.js";

/** In the order Compose looks for them. */
const BASE_NAMES = new Set(["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]);
const AUTO_OVERRIDE = /^(docker-)?compose\.override\.ya?ml$/;

/** The base file of a folder's Compose files, by Compose's own order: compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml. */
function baseOf<T extends { abs: string }>(files: readonly T[]): T | undefined {
  for (const name of BASE_NAMES) {
    const f = files.find((x) => basename(x.abs) === name);
    if (f) return f;
  }
  return undefined;
}

/**
 * Whether a file beside a base file is one of its overrides, merged into it: Compose merges
 * compose.override.yaml by default, and another file (`compose.prod.yaml`) with `-f` when it
 * overrides the base's services — one that shares no service with the base is a stack of its
 * own (`docker compose -f compose.blue.yaml up`), and a second base name (docker-compose.yml
 * beside compose.yaml) is never merged: Compose takes one of the two.
 */
function overrides(file: ComposeModel, base: ComposeModel): boolean {
  const name = basename(file.abs);
  if (BASE_NAMES.has(name)) return false;
  if (AUTO_OVERRIDE.test(name)) return true;
  const names = new Set(base.services.map((s) => s.name));
  return file.services.some((s) => names.has(s.name));
}

/**
 * Compose files beside a base file (`compose.override.yaml`, `compose.prod.yaml`…) usually
 * hold partial services that Compose merges into the base. Such a service is marked partial
 * (rules about what is missing skip it; the base reports), and the base service learns about
 * the override that `docker compose up` applies by default.
 */
export function markPartialServices(files: readonly ComposeModel[]): void {
  const { composeByAbs, mergedInto } = projectGroups(files);
  // `include: [{ path: [db.yaml, db-local.yaml] }]`: the later files override the first.
  for (const c of files) {
    for (const inc of c.includes) {
      const overlay = inc.overlays ? composeByAbs.get(inc.abs) : undefined;
      const first = inc.overlays ? composeByAbs.get(inc.overlays) : undefined;
      if (!overlay || !first) continue;
      const firstServices = new Map(first.services.map((s) => [s.name, s]));
      for (const s of overlay.services) {
        const b = firstServices.get(s.name);
        if (!b || s.partial) continue;
        s.partial = true;
        inheritBuild(s, b);
        b.overrides.push(s);
        s.layerOf = b;
      }
    }
  }
  for (const [baseAbs, group] of mergedInto) {
    const baseServices = new Map(composeByAbs.get(baseAbs)!.services.map((s) => [s.name, s]));
    for (const f of group) {
      const auto = AUTO_OVERRIDE.test(basename(f.abs));
      for (const s of f.services) {
        const b = baseServices.get(s.name);
        if (!b) continue;
        s.partial = true;
        inheritBuild(s, b);
        if (auto) {
          b.overrides.push(s);
          s.layerOf = b;
        }
      }
    }
  }
}

/**
 * `build: { args: … }` in an override builds what the base builds: Compose merges the two, and
 * the base's context stays unless the override sets one. Read alone, the override's build would
 * be `./Dockerfile` beside the override — a file the service doesn't build.
 */
/** The partial service's `build:` is the base's (it sets args, target… but no context or Dockerfile of its own). */
export function buildFromBase(s: Service): boolean {
  return s.partial && buildNodeWithout(s, ["context", "dockerfile", "dockerfile_inline"]);
}

/** The service's `build:` is a map with none of these keys. */
function buildNodeWithout(s: Service, keys: readonly string[]): boolean {
  const node = s.build ? s.node.entries.get("build") : undefined;
  return isMapNode(node) && keys.every((k) => !node.entries.has(k));
}

function inheritBuild(s: Service, base: Service): void {
  if (!s.build || !buildNodeWithout(s, ["context"])) return;
  if (!buildNodeWithout(s, ["dockerfile", "dockerfile_inline"]) || !base.build) {
    // A Dockerfile named against the base's context: not worked out here; better no link than a wrong one.
    s.build = { ...s.build, dockerfilePath: null, dockerfileAbs: null };
    return;
  }
  s.build = { ...s.build, context: base.build.context, dockerfilePath: base.build.dockerfilePath, dockerfileAbs: base.build.dockerfileAbs, inline: base.build.inline };
}

/**
 * How Compose files group into projects: files merged into a base beside them, the files each
 * includes, and the project a VM runs when it names a file. Shared by the kernels and capacity.
 */
export function projectGroups(compose: readonly ComposeModel[]) {
  const composeByAbs = new Map(compose.map((c) => [c.abs, c]));
  // Files merged into a base Compose file beside them (`compose.override.yaml`, `compose.prod.yaml`):
  // `docker compose -f compose.yaml -f …` runs them as one project, on one host or in one VM.
  const byDir = new Map<string, ComposeModel[]>();
  for (const c of compose) byDir.set(dirname(c.abs), [...(byDir.get(dirname(c.abs)) ?? []), c]);
  const baseIn = new Map<string, string>();
  for (const [dir, files] of byDir) {
    const base = baseOf(files);
    if (base) baseIn.set(dir, base.abs);
  }
  const mergedInto = new Map<string, ComposeModel[]>();
  for (const c of compose) {
    const base = baseIn.get(dirname(c.abs));
    if (base && base !== c.abs && overrides(c, composeByAbs.get(base)!)) mergedInto.set(base, [...(mergedInto.get(base) ?? []), c]);
  }
  // Where a file that another includes is included (a finding about it goes there when the
  // included file is context only).
  const includeEntry = new Map<string, { file: string; range: Range }>();
  for (const c of compose) for (const inc of c.includes) if (!includeEntry.has(inc.abs)) includeEntry.set(inc.abs, { file: c.path, range: inc.range });
  /**
   * The files `docker compose` runs as one project when a VM names `c`: its base when `c`
   * overrides one (its services are partial), with compose.override.yaml beside it (merged by
   * default; another override only when the VM names it), and every file they include,
   * transitively.
   */
  const projectOf = (c: ComposeModel): ComposeModel[] => {
    const baseAbs = baseIn.get(dirname(c.abs));
    const root = baseAbs && baseAbs !== c.abs && c.services.some((s) => s.partial) ? composeByAbs.get(baseAbs)! : c;
    const out: ComposeModel[] = [];
    const seen = new Set<string>();
    const add = (f: ComposeModel) => {
      if (seen.has(f.abs)) return;
      seen.add(f.abs);
      out.push(f);
      for (const inc of f.includes) {
        const g = composeByAbs.get(inc.abs);
        if (g) add(g);
      }
    };
    add(root);
    // `docker compose -f <the file named>` merges compose.override.yaml, and no other override.
    for (const f of mergedInto.get(root.abs) ?? []) if (AUTO_OVERRIDE.test(basename(f.abs))) add(f);
    if (root !== c) add(c);
    return out;
  };

  return { composeByAbs, mergedInto, includeEntry, projectOf };
}
