import { BASE_FAMILIES, DEFS, OPTIONAL_NAMES, RANGE_NAMES, SCALAR_NAMES, SOURCES, WORKING_SETS, type ConstantName, type Unit } from "./constants.js";
import { IMAGE_SIZES_MB } from "./image-sizes.js";
import type { CapacityModel } from "./model.js";
import { around } from "./spread.js";

/** One number the model used, with where it comes from. */
export interface Assumption {
  name: string;
  /** The value used (the typical one for a range); null: computed (see `note`). */
  value: number | null;
  low?: number;
  high?: number;
  unit: Unit;
  note: string;
  source: string;
  /** Keys of `sources` in constants.json (empty: an assumption, or set by you). */
  sourceIds: string[];
  /** Set by the config's `capacity:` section or `--set`. */
  overridden: boolean;
}

const USER_SOURCE = "set by you (config capacity: or --set)";

export function sourceText(ids: readonly string[]): string {
  if (ids.length === 0) return "assumption";
  return ids
    .map((id) => {
      const s = SOURCES[id];
      return s ? (s.url ? `${s.title} <${s.url}>` : s.title) : id;
    })
    .join("; ");
}

/**
 * Every constant, then the table entries this run used (image sizes, base family sizes, working
 * sets), in that order.
 */
export function assumptionsOf(m: CapacityModel): Assumption[] {
  const c = m.constants;
  const out: Assumption[] = [];
  const names: ConstantName[] = [...SCALAR_NAMES, ...RANGE_NAMES, ...OPTIONAL_NAMES];
  for (const name of names) {
    const def = DEFS[name];
    const overridden = c.overridden.has(name);
    const v = c[name];
    const rest = { unit: def.unit, source: overridden ? USER_SOURCE : sourceText(def.sources), note: def.note, sourceIds: overridden ? [] : def.sources, overridden };
    if (v !== null && typeof v === "object") out.push({ name, value: v.typical, low: v.low, high: v.high, ...rest });
    else out.push({ name, value: v, ...rest });
  }

  const tableKeys = new Set<string>();
  const families = new Set<string>();
  const workingSets = new Set<string>();
  for (const w of m.workloads) {
    if (w.image.tableKey) tableKeys.add(w.image.tableKey);
    if (w.image.family) families.add(w.image.family);
    if (w.workingSetKey) workingSets.add(w.workingSetKey);
  }
  for (const f of families) {
    const key = BASE_FAMILIES[f];
    if (key) tableKeys.add(key);
  }
  const images: Assumption[] = [];
  for (const key of tableKeys) {
    if (key.startsWith("imageSizes.")) {
      const k = key.slice("imageSizes.".length);
      images.push({ name: key, value: c.imageSizes[k]!, unit: "bytes", source: USER_SOURCE, note: "image size you gave", sourceIds: [], overridden: true });
      continue;
    }
    const mb = IMAGE_SIZES_MB[key]!;
    const s = around(mb * 1e6, c.imageSizeUncertainty);
    const family = Object.entries(BASE_FAMILIES).find(([, k]) => k === key)?.[0];
    images.push({
      name: `imageSizes.${key}`,
      value: Math.round(s.typical),
      low: Math.round(s.low),
      high: Math.round(s.high),
      unit: "bytes",
      source: sourceText(["repo-info", ...(family ? ["official-images"] : [])]),
      note: `on-disk size of ${key}${family ? `; the base of the ${family} family` : ""}`,
      sourceIds: ["repo-info", ...(family ? ["official-images"] : [])],
      overridden: false,
    });
  }
  images.sort((a, b) => (a.name < b.name ? -1 : 1));
  out.push(...images);
  for (const key of [...workingSets].sort()) {
    const k = key.slice("workingSets.".length);
    const user = c.workingSets[k];
    const table = WORKING_SETS[k];
    const v = user ?? table!;
    out.push({
      name: key,
      value: v.typical,
      low: v.low,
      high: v.high,
      unit: "bytes",
      source: user ? USER_SOURCE : table!.sources.length ? `assumption, after ${sourceText(table!.sources)}` : "assumption",
      note: user ? "working set you gave" : `assumed working set with no limit: ${table!.note}`,
      sourceIds: user ? [] : table!.sources,
      overridden: Boolean(user),
    });
  }
  return out;
}
