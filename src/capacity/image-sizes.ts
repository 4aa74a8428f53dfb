import type { ImageRef } from "../model/dockerfile.js";
import { repository } from "../parse/dockerfile/image-ref.js";

/**
 * Approximate on-disk sizes (amd64, uncompressed) of common images, in MB (10^6 bytes), from
 * docker-library repo-info as of 2026-09 (see docs/capacity.md). Keys are `repo` or
 * `repo:variant`, where the variant is read from the tag (`slim`, `alpine`, `jre`, `jdk`).
 */
export const IMAGE_SIZES_MB: Readonly<Record<string, number>> = {
  busybox: 4.5,
  alpine: 8.3,
  "debian:slim": 74.8,
  debian: 116.6,
  ubuntu: 78.2,
  node: 1130,
  "node:slim": 231,
  "node:alpine": 168,
  python: 1020,
  "python:slim": 124,
  "python:alpine": 48.8,
  "gcr.io/distroless": 2,
  golang: 874,
  "golang:alpine": 253,
  "eclipse-temurin:jre": 318,
  "eclipse-temurin:jdk": 475,
  "eclipse-temurin": 475,
  nginx: 161,
  httpd: 117,
  redis: 143,
  postgres: 456,
  mysql: 945,
  mongo: 946,
  traefik: 195,
};

/** The variant a tag names, as far as the size table distinguishes them. */
export function tagVariant(tag: string | null): string | null {
  const t = (tag ?? "").toLowerCase();
  if (/(^|[-.])alpine/.test(t)) return "alpine";
  if (/(^|[-.])slim/.test(t)) return "slim";
  if (/(^|[-.])jre/.test(t)) return "jre";
  if (/(^|[-.])jdk/.test(t)) return "jdk";
  return null;
}

/** Size in MB of an image from the table, or null when it is not known. */
export function knownImageSizeMb(image: ImageRef): number | null {
  const repo = repository(image);
  if (repo.startsWith("gcr.io/distroless/")) return IMAGE_SIZES_MB["gcr.io/distroless"]!;
  const variant = tagVariant(image.tag);
  if (variant && IMAGE_SIZES_MB[`${repo}:${variant}`] !== undefined) return IMAGE_SIZES_MB[`${repo}:${variant}`]!;
  return IMAGE_SIZES_MB[repo] ?? null;
}
