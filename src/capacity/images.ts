import type { DockerfileModel, ImageRef } from "../model/dockerfile.js";
import { repository } from "../parse/dockerfile/image-ref.js";
import { rootStage } from "../checks/helpers/final-image.js";
import { BASE_FAMILIES, IMAGE_FAMILIES, WORKING_SETS, type Constants } from "./constants.js";
import { IMAGE_SIZES_MB, imageTableKey, tagVariant } from "./image-sizes.js";
import { add, around, exact, ZERO, type Spread } from "./spread.js";

/**
 * Layers that several images can share on one host. An image is a stack of groups: its base
 * family's OS layers, then its own layers, then (for a build) what its Dockerfile adds. Two
 * images that share a group's key store it once (Docker storage: layers are content-addressed).
 */
export interface LayerGroup {
  key: string;
  bytes: Spread;
}

export type SizeSource = "table" | "override" | "default" | "scratch";

export interface ImageEstimate {
  /** The image as the report names it. */
  label: string;
  groups: LayerGroup[];
  total: Spread;
  /** The size came from the table or the user, not from the unknown-image default. */
  known: boolean;
  source: SizeSource;
  /** The base family whose layers it shares (`debian-bookworm-slim`), or null. */
  family: string | null;
  /** The image whose size was unknown, when one was (the image itself or a build's base). */
  unknown: string | null;
  /** Table or override keys the size came from, for the assumptions list. */
  tableKey: string | null;
}

/** Keys an image is looked up by in the user's tables, most specific first. */
export function lookupKeys(image: ImageRef): string[] {
  const repo = repository(image);
  const keys: string[] = [];
  const push = (k: string) => {
    if (!keys.includes(k)) keys.push(k);
  };
  for (const r of [repo, image.name]) {
    if (image.tag) push(`${r}:${image.tag.toLowerCase()}`);
    const variant = tagVariant(image.tag);
    if (variant) push(`${r}:${variant}`);
    push(r);
  }
  return keys;
}

function identity(image: ImageRef): string {
  const repo = repository(image);
  return image.digest ? `image:${repo}@${image.digest}` : `image:${repo}:${image.tag ?? "latest"}`;
}

function familyOf(key: string | null): string | null {
  return key ? (IMAGE_FAMILIES[key] ?? null) : null;
}

/** A registry image: its size from the user's table, the built-in table, or the default. */
export function estimateImage(image: ImageRef, c: Constants): ImageEstimate {
  const label = image.ref;
  if (image.name === "scratch" && !image.registry) return { label, groups: [], total: ZERO, known: true, source: "scratch", family: null, unknown: null, tableKey: null };
  if (image.unresolved) return unknownImage(label, `image:${label}`, c);
  const own = identity(image);
  const userKey = lookupKeys(image).find((k) => c.imageSizes[k] !== undefined);
  const tableKey = imageTableKey(image, true);
  if (userKey !== undefined) {
    const total = exact(c.imageSizes[userKey]!);
    // A user-sized image still shares its family's layers when its repository is a known one.
    const family = familyOf(tableKey) ?? familyOf(userKey);
    return withFamily({ label, total, known: true, source: "override", family, unknown: null, tableKey: `imageSizes.${userKey}` }, own, c, false);
  }
  if (tableKey === null) return unknownImage(label, own, c);
  const total = around(IMAGE_SIZES_MB[tableKey]! * 1e6, c.imageSizeUncertainty);
  return withFamily({ label, total, known: true, source: "table", family: familyOf(tableKey), unknown: null, tableKey }, own, c, true);
}

function unknownImage(label: string, key: string, c: Constants): ImageEstimate {
  const total = { ...c.unknownImageBytes };
  return { label, groups: [{ key, bytes: total }], total, known: false, source: "default", family: null, unknown: label, tableKey: null };
}

/** Splits an image into its family's base layers and the layers above them. */
function withFamily(e: Omit<ImageEstimate, "groups">, ownKey: string, c: Constants, spreadBase: boolean): ImageEstimate {
  const baseKey = e.family ? BASE_FAMILIES[e.family] : undefined;
  const baseMb = baseKey !== undefined ? IMAGE_SIZES_MB[baseKey] : undefined;
  if (!e.family || baseMb === undefined) return { ...e, family: null, groups: [{ key: ownKey, bytes: e.total }] };
  const base = spreadBase ? around(baseMb * 1e6, c.imageSizeUncertainty) : exact(Math.min(baseMb * 1e6, e.total.typical));
  const above: Spread = {
    low: Math.max(0, e.total.low - base.low),
    typical: Math.max(0, e.total.typical - base.typical),
    high: Math.max(0, e.total.high - base.high),
  };
  const groups = [{ key: `family:${e.family}`, bytes: base }];
  if (above.high > 0) groups.push({ key: ownKey, bytes: above });
  return { ...e, groups, total: add(base, above) };
}

/**
 * An image a Dockerfile builds: its final stage's external base (after `FROM <stage>`), plus
 * what the Dockerfile adds (`appLayerBytes`, or the user's size for the declared image name).
 */
export function estimateBuild(df: DockerfileModel | null, buildKey: string, declared: ImageRef | null, c: Constants): ImageEstimate & { base: string | null } {
  const root = df ? rootStage(df) : null;
  const base = root ? estimateImage(root.base, c) : unknownImage(`(build ${buildKey})`, `base:${buildKey}`, c);
  const userKey = declared ? lookupKeys(declared).find((k) => c.imageSizes[k] !== undefined) : undefined;
  const app: Spread =
    userKey !== undefined
      ? exact(Math.max(0, c.imageSizes[userKey]! - base.total.typical))
      : { ...c.appLayerBytes };
  const groups = [...base.groups, { key: `build:${buildKey}`, bytes: app }];
  return {
    label: declared?.ref ?? base.label,
    groups,
    total: add(base.total, app),
    known: base.known || userKey !== undefined,
    source: userKey !== undefined ? "override" : base.source,
    family: base.family,
    unknown: userKey !== undefined ? null : base.unknown,
    tableKey: userKey !== undefined ? `imageSizes.${userKey}` : base.tableKey,
    base: root ? root.base.ref : null,
  };
}

/** Disk of several images on one host: every layer group once. */
export function sharedDisk(images: readonly ImageEstimate[]): Spread {
  const seen = new Map<string, Spread>();
  for (const img of images) for (const g of img.groups) if (!seen.has(g.key)) seen.set(g.key, g.bytes);
  return add(...seen.values());
}

/**
 * The memory a container is counted for when it declares none: the user's working set for the
 * image, else the table's for the image's (or the build base's) repository, else the default.
 */
export function workingSet(images: readonly (ImageRef | null)[], c: Constants): { bytes: Spread; key: string | null } {
  for (const img of images) {
    if (!img) continue;
    const k = lookupKeys(img).find((key) => c.workingSets[key] !== undefined);
    if (k !== undefined) return { bytes: c.workingSets[k]!, key: `workingSets.${k}` };
  }
  for (const img of images) {
    if (!img) continue;
    const k = lookupKeys(img).find((key) => WORKING_SETS[key] !== undefined);
    if (k !== undefined) {
      const { low, typical, high } = WORKING_SETS[k]!;
      return { bytes: { low, typical, high }, key: `workingSets.${k}` };
    }
  }
  return { bytes: { ...c.defaultWorkingSetBytes }, key: null };
}
