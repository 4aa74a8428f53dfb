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
  // .NET's chiseled Ubuntu images (aspnet:8.0-jammy-chiseled) run as app (UID 1654).
  if (repo.startsWith("mcr.microsoft.com/dotnet/") && tag.includes("chiseled")) return true;
  // Images whose Dockerfile ends with a non-root USER, as their documentation says.
  return NON_ROOT_IMAGES.has(repo) || repo.startsWith("docker.elastic.co/");
}

const NON_ROOT_IMAGES = new Set([
  "jenkins/jenkins", // USER jenkins
  "grafana/grafana", "grafana/grafana-oss", "grafana/loki", // 472, 10001
  "quay.io/keycloak/keycloak", // 1000
  "nginxinc/nginx-unprivileged", // 101
  "prom/prometheus", "prom/alertmanager", "prom/node-exporter", "prom/blackbox-exporter", // nobody
]);

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
  // A digest alone names no variant: `python@sha256:…` may well be an alpine build.
  if (image.tag === null && image.digest !== null) return null;
  const tag = (image.tag ?? "latest").toLowerCase();
  if (MINIMAL_TAG.test(tag)) return null;
  if (FULL_DISTROS.has(repo)) return "full-distro";
  if (LANGUAGE_IMAGES.has(repo)) return "language";
  return null;
}
