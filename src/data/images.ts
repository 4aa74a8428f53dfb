import type { ImageRef } from "../model/dockerfile.js";
import { repository } from "../parse/dockerfile/image-ref.js";

/** Base images documented to start as a non-root user. */
export function isKnownNonRootImage(image: ImageRef): boolean {
  const repo = repository(image);
  const tag = image.tag ?? "";
  if (repo.startsWith("gcr.io/distroless/")) return tag.startsWith("nonroot") || tag.includes("-nonroot") || tag.includes(":nonroot");
  if (repo.startsWith("cgr.dev/chainguard/")) return !tag.includes("-dev") && !/(^|-)dev$/.test(tag);
  if (repo.startsWith("bitnami/") || repo.startsWith("docker.io/bitnami/")) return true;
  if (repo === "mcr.microsoft.com/windows/nanoserver") return true;
  // Microsoft's images on Nano Server (dotnet/aspnet:8.0-nanoserver-ltsc2022…) run as ContainerUser.
  if (repo.startsWith("mcr.microsoft.com/") && /(^|-)nanoserver(-|$)/.test(tag)) return true;
  return false;
}

/** Full distribution images: a whole OS userland, where a slim or distroless base would do. */
const FULL_DISTROS = new Set(["ubuntu", "debian", "centos", "fedora", "rockylinux", "almalinux", "amazonlinux", "oraclelinux", "rockylinux/rockylinux", "quay.io/centos/centos", "registry.access.redhat.com/ubi8/ubi", "registry.access.redhat.com/ubi9/ubi"]);

/** Official language images that also come as `-slim` or `-alpine`. */
const LANGUAGE_IMAGES = new Set(["node", "python", "golang", "ruby", "php", "perl", "openjdk", "eclipse-temurin", "rust", "elixir", "erlang", "haskell", "julia", "r-base", "gradle", "maven", "buildpack-deps", "clojure", "swift", "dart"]);

/** `-slim`, `-alpine`, `-alpine3.20` (Alpine's version glued on), `-minimal`… anywhere in the tag. */
const MINIMAL_TAG = /(^|[-.])(slim|alpine[\d.]*|minimal|distroless|micro|busybox)([-.]|$)/;

export type BaseKind = "full-distro" | "language" | null;

/** Whether the image is a full distribution / full language image (and which), or null. */
export function fullBaseKind(image: ImageRef): BaseKind {
  const repo = repository(image);
  const tag = (image.tag ?? "latest").toLowerCase();
  if (MINIMAL_TAG.test(tag)) return null;
  if (FULL_DISTROS.has(repo)) return "full-distro";
  if (LANGUAGE_IMAGES.has(repo)) return "language";
  return null;
}
