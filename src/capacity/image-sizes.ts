import type { ImageRef } from "../model/dockerfile.js";
import { repository } from "../parse/dockerfile/image-ref.js";
import data from "./constants.json";

/**
 * Approximate on-disk sizes (amd64, uncompressed) of common images, in MB (10^6 bytes), from
 * docker-library repo-info as of 2026-09 (src/capacity/constants.json, docs/capacity.md). Keys
 * are `repo` or `repo:variant`, where the variant is read from the tag (`slim`, `alpine`, `jre`,
 * `jdk`).
 */
export const IMAGE_SIZES_MB: Readonly<Record<string, number>> = data.imageSizesMb;

/** The variant a tag names, as far as the size table distinguishes them. */
export function tagVariant(tag: string | null): string | null {
  const t = (tag ?? "").toLowerCase();
  if (/(^|[-.])alpine/.test(t)) return "alpine";
  if (/(^|[-.])slim/.test(t)) return "slim";
  if (/(^|[-.])jre/.test(t)) return "jre";
  if (/(^|[-.])jdk/.test(t)) return "jdk";
  return null;
}

/**
 * The table key an image's size comes from, or null. `strict`: a tag that names a variant the
 * table lacks (`nginx:1.27-alpine`) is unknown rather than sized as the default variant, and of
 * the distroless images only `static` (the ≈ 2 MB one) is known.
 */
export function imageTableKey(image: ImageRef, strict = false): string | null {
  const repo = repository(image);
  if (repo.startsWith("gcr.io/distroless/")) return !strict || repo.startsWith("gcr.io/distroless/static") ? "gcr.io/distroless" : null;
  const variant = tagVariant(image.tag);
  if (variant && IMAGE_SIZES_MB[`${repo}:${variant}`] !== undefined) return `${repo}:${variant}`;
  if (variant && strict) return null;
  return IMAGE_SIZES_MB[repo] !== undefined ? repo : null;
}

/** Size in MB of an image from the table, or null when it is not known. */
export function knownImageSizeMb(image: ImageRef): number | null {
  const key = imageTableKey(image);
  return key === null ? null : IMAGE_SIZES_MB[key]!;
}
