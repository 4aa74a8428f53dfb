import { ConfigError } from "../engine/errors.js";
import { editDistance, nearest } from "../util/suggest.js";
import data from "./constants.json";
import { exact, type Spread } from "./spread.js";
import { parseCpus, parseSize } from "./units.js";

/** A bad `capacity:` entry or `--set`: exit 2 like any other config error. */
export class CapacityError extends ConfigError {}

export type Unit = "bytes" | "seconds" | "cpus" | "fraction";

/** Constants with a low / typical / high range. */
export const RANGE_NAMES = [
  "unknownImageBytes",
  "appLayerBytes",
  "guestOsBytes",
  "guestOsMinimalBytes",
  "guestOsAlpineBytes",
  "microvmGuestImageBytes",
  "guestIdleBytes",
  "guestIdleAlpineBytes",
  "vmMemoryBytes",
  "defaultWorkingSetBytes",
  "containerStartSeconds",
  "vmBootSeconds",
  "firecrackerBootSeconds",
  "kataStartSeconds",
] as const;
/** Constants with one value. */
export const SCALAR_NAMES = [
  "imageSizeUncertainty",
  "runtimeOverheadBytes",
  "gvisorOverheadBytes",
  "kataFcOverheadBytes",
  "kataQemuOverheadBytes",
  "kataCpuOverhead",
  "firecrackerVmmBytes",
  "vmMinCpus",
  "defaultContainerCpus",
] as const;
/** Constants whose default (null) means "computed" (the host reservation). */
export const OPTIONAL_NAMES = ["hostReservedMemoryBytes", "hostReservedCpus"] as const;
/** Tables keyed by image: sizes in bytes, working sets as ranges. */
export const TABLE_NAMES = ["imageSizes", "workingSets"] as const;

type RangeName = (typeof RANGE_NAMES)[number];
type ScalarName = (typeof SCALAR_NAMES)[number];
type OptionalName = (typeof OPTIONAL_NAMES)[number];
export type ConstantName = RangeName | ScalarName | OptionalName;

export interface ConstantDef {
  unit: Unit;
  value?: number | null;
  low?: number;
  typical?: number;
  high?: number;
  note: string;
  sources: string[];
}

export interface SourceRef {
  title: string;
  url?: string;
}

export const DEFS = data.constants as Record<ConstantName, ConstantDef>;
export const SOURCES = data.sources as Record<string, SourceRef>;
export const CONSTANTS_DATE = data.date;
export const IMAGE_FAMILIES: Readonly<Record<string, string>> = data.imageFamilies;
/** Base family → the table key that gives its size. */
export const BASE_FAMILIES: Readonly<Record<string, string>> = data.baseFamilies;
export const WORKING_SETS = data.workingSets as Record<string, Spread & { note: string; sources: string[] }>;

/** The constants a run uses: the data file's, with the config's and `--set` overrides applied. */
export type Constants = { [K in RangeName]: Spread } & { [K in ScalarName]: number } & { [K in OptionalName]: number | null } & {
  /** User-given image sizes in bytes, by `repo`, `repo:tag` or `repo:variant`. */
  imageSizes: Record<string, number>;
  /** User-given working sets, by the same keys. */
  workingSets: Record<string, Spread>;
  /** Names the user set (`guestOsBytes`, `imageSizes.acme/api`, …). */
  overridden: Set<string>;
};

export function defaultConstants(): Constants {
  const c: Record<string, unknown> = { imageSizes: {}, workingSets: {}, overridden: new Set<string>() };
  for (const n of RANGE_NAMES) c[n] = { low: DEFS[n].low!, typical: DEFS[n].typical!, high: DEFS[n].high! };
  for (const n of SCALAR_NAMES) c[n] = DEFS[n].value!;
  for (const n of OPTIONAL_NAMES) c[n] = DEFS[n].value ?? null;
  return c as Constants;
}

const ALL_NAMES: readonly string[] = [...RANGE_NAMES, ...SCALAR_NAMES, ...OPTIONAL_NAMES, ...TABLE_NAMES];
const LEVELS = ["low", "typical", "high"] as const;

/**
 * Applies overrides: the config's `capacity:` map first, then each `--set name=value`.
 * `where` names the config file in messages.
 */
export function resolveConstants(
  capacity: Record<string, unknown>,
  sets: readonly string[],
  where = "config",
  /** The line of `capacity.<name>` in the config file, when known (`file:line: key: reason`, as other config errors). */
  lineOf?: (name: string) => number | null,
): Constants {
  const c = defaultConstants();
  for (const [name, value] of Object.entries(capacity)) {
    const line = lineOf?.(name) ?? null;
    const at = `${where}${line !== null ? `:${line}` : ""}: capacity.${name}`;
    if (name === "imageSizes" || name === "workingSets") {
      if (!isPlainObject(value)) throw new CapacityError(`${at}: must be a map of image → ${name === "imageSizes" ? "size" : "memory"}`);
      for (const [image, v] of Object.entries(value)) setTableEntry(c, name, image, v, `${at}.${image}`);
    } else setConstant(c, name, value, at);
  }
  for (const s of sets) {
    const eq = s.indexOf("=");
    if (eq <= 0) throw new CapacityError(`--set ${s}: expected name=value, e.g. --set guestOsBytes=500MB`);
    const name = s.slice(0, eq).trim();
    const raw = s.slice(eq + 1).trim();
    const at = `--set ${name}`;
    const table = TABLE_NAMES.find((t) => name.startsWith(`${t}.`));
    if (table) {
      const image = name.slice(table.length + 1);
      // workingSets.postgres.typical=1GB: one level of the image's range (no image name ends so).
      const level = LEVELS.find((l) => image.endsWith(`.${l}`));
      if (level && table === "imageSizes") throw new CapacityError(`${at}: an image size is one value (imageSizes.<image>=<size>; ±imageSizeUncertainty gives its range)`);
      if (level) setTableEntry(c, table, image.slice(0, -level.length - 1), { [level]: raw }, at);
      else setTableEntry(c, table, image, raw, at);
      continue;
    }
    const dot = name.lastIndexOf(".");
    const level = dot > 0 ? name.slice(dot + 1) : "";
    if ((LEVELS as readonly string[]).includes(level)) setConstant(c, name.slice(0, dot), { [level]: raw }, at);
    else setConstant(c, name, raw, at);
  }
  return c;
}

function setConstant(c: Constants, name: string, value: unknown, at: string): void {
  const mutable = c as unknown as Record<string, unknown>;
  if ((RANGE_NAMES as readonly string[]).includes(name)) {
    const def = DEFS[name as RangeName];
    const cur = c[name as RangeName];
    let next: Spread;
    if (isPlainObject(value)) {
      const extra = Object.keys(value).find((k) => !(LEVELS as readonly string[]).includes(k));
      if (extra) throw new CapacityError(`${at}: unknown key "${extra}" (a range has low, typical, high)`);
      next = { ...cur };
      for (const l of LEVELS) if (value[l] !== undefined) next[l] = parseValue(value[l], def.unit, `${at}.${l}`);
    } else next = exact(parseValue(value, def.unit, at));
    if (!(next.low <= next.typical && next.typical <= next.high)) throw new CapacityError(`${at}: needs low ≤ typical ≤ high (got ${next.low}, ${next.typical}, ${next.high})`);
    mutable[name] = next;
  } else if ((SCALAR_NAMES as readonly string[]).includes(name)) {
    mutable[name] = parseValue(value, DEFS[name as ScalarName].unit, at);
  } else if ((OPTIONAL_NAMES as readonly string[]).includes(name)) {
    mutable[name] = value === null || value === "null" || value === "auto" ? null : parseValue(value, DEFS[name as OptionalName].unit, at);
  } else {
    throw new CapacityError(`${at}: unknown constant${didYouMean(name)}; docs/capacity.md lists them`);
  }
  c.overridden.add(name);
}

function setTableEntry(c: Constants, table: (typeof TABLE_NAMES)[number], image: string, value: unknown, at: string): void {
  const key = image.trim().toLowerCase();
  if (!key) throw new CapacityError(`${at}: name the image, e.g. ${table}.acme/api`);
  if (table === "imageSizes") c.imageSizes[key] = parseValue(value, "bytes", at);
  else if (isPlainObject(value)) {
    const base = c.workingSets[key] ?? WORKING_SETS[key] ?? c.defaultWorkingSetBytes;
    const next = { low: base.low, typical: base.typical, high: base.high };
    const extra = Object.keys(value).find((k) => !(LEVELS as readonly string[]).includes(k));
    if (extra) throw new CapacityError(`${at}: unknown key "${extra}" (a range has low, typical, high)`);
    for (const l of LEVELS) if (value[l] !== undefined) next[l] = parseValue(value[l], "bytes", `${at}.${l}`);
    if (!(next.low <= next.typical && next.typical <= next.high)) throw new CapacityError(`${at}: needs low ≤ typical ≤ high (got ${next.low}, ${next.typical}, ${next.high}; a level not given keeps its value)`);
    c.workingSets[key] = next;
  } else c.workingSets[key] = exact(parseValue(value, "bytes", at));
  c.overridden.add(`${table}.${key}`);
}

/** A value in the constant's unit: sizes as bytes or `500MB`/`1GiB`, seconds as `30` or `30s`/`500ms`, fractions as `0.25` or `25%`. */
export function parseValue(value: unknown, unit: Unit, at: string): number {
  let n: number | null = null;
  if (unit === "bytes") n = parseSize(value);
  else if (unit === "cpus") n = parseCpus(value);
  else if (typeof value === "number") n = Number.isFinite(value) && value >= 0 ? value : null;
  else if (typeof value === "string") {
    const m = unit === "seconds" ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(value) : /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(value);
    if (m) n = Number(m[1]) / (m[2] === "ms" ? 1000 : m[2] === "%" ? 100 : 1);
  }
  if (n === null) throw new CapacityError(`${at}: ${JSON.stringify(value)} is not ${UNIT_WORDS[unit]}`);
  // ±150 % would make low sizes negative.
  if (unit === "fraction" && n > 1) throw new CapacityError(`${at}: ${JSON.stringify(value)} is more than 100 %`);
  return n;
}

const UNIT_WORDS: Record<Unit, string> = {
  bytes: "a size (bytes, or e.g. 500MB, 1.5GiB)",
  seconds: "a duration in seconds (e.g. 30, 0.5s, 200ms)",
  cpus: "a number of CPUs (e.g. 0.5, 2)",
  fraction: "a fraction (e.g. 0.25 or 25%)",
};

function didYouMean(name: string): string {
  // Of the near names, the ones fewest edits away: a typo of guestOsBytes suggests just that.
  let near = nearest(name, ALL_NAMES);
  const d = near.map((n) => editDistance(name.toLowerCase(), n.toLowerCase()));
  const best = Math.min(...d);
  if (best <= 2) near = near.filter((_, i) => d[i] === best);
  return near.length ? ` (did you mean ${near.join(", ")}?)` : "";
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
