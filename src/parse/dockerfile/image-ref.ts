import type { ImageRef } from "../../model/dockerfile.js";

/**
 * Splits an image reference into registry, repository, tag and digest, the way Docker does:
 * the first path component is a registry host when it has a `.` or `:` or is `localhost`;
 * Docker Hub's `docker.io/library/` prefix is dropped so `node` and `docker.io/library/node` match.
 */
export function parseImageRef(ref: string, unresolved = false): ImageRef {
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | null = null;
  const slash = rest.indexOf("/");
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      registry = first.toLowerCase();
      rest = rest.slice(slash + 1);
    }
  }
  if (registry === "docker.io" || registry === "index.docker.io" || registry === "registry-1.docker.io") registry = null;
  if (registry === null && rest.startsWith("library/")) rest = rest.slice("library/".length);
  return { ref, name: rest.toLowerCase(), registry, tag, digest, unresolved };
}

/** `ghcr.io/acme/api` or `node`: the repository with its registry, without tag or digest. */
export function repository(image: ImageRef): string {
  return image.registry ? `${image.registry}/${image.name}` : image.name;
}
