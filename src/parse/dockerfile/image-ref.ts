import type { ImageRef } from "../../model/dockerfile.js";

/**
 * Splits an image reference into registry, repository, tag and digest, the way Docker does:
 * the first path component is a registry host when it has a `.` or `:` or is `localhost`;
 * Docker Hub's `docker.io/library/` prefix is dropped so `node` and `docker.io/library/node` match.
 */
export function parseImageRef(ref: string, unresolved = false): ImageRef {
  let rest = ref;
  // In a reference left unexpanded, `${X:-a}` or `${X/a/b}` is one opaque piece: its `:` or `/`
  // separates nothing. The separators are looked up in a copy with those pieces blanked out.
  let seps = ref.includes("${") ? maskExpansions(ref) : ref;
  let digest: string | null = null;
  const at = seps.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    seps = seps.slice(0, at);
  }
  let tag: string | null = null;
  const colon = seps.lastIndexOf(":");
  if (colon > seps.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    seps = seps.slice(0, colon);
  }
  let registry: string | null = null;
  const slash = seps.indexOf("/");
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

/** `ref` with the inside of every `${…}` replaced by `_` (same length, so offsets carry over). */
function maskExpansions(ref: string): string {
  let out = "";
  let depth = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref[i]!;
    if (c === "$" && ref[i + 1] === "{") {
      depth++;
      out += "$";
    } else if (depth > 0 && c === "}") {
      depth--;
      out += "}";
    } else out += depth > 0 ? "_" : c;
  }
  return out;
}

/** `ghcr.io/acme/api` or `node`: the repository with its registry, without tag or digest. */
export function repository(image: ImageRef): string {
  return image.registry ? `${image.registry}/${image.name}` : image.name;
}
