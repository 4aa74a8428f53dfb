import micromatch from "micromatch";
import type { GlobMatcher } from "../engine/config.js";

/** micromatch globs compiled once (dotfiles included), as one matcher. */
export function compileGlobs(globs: readonly string[]): GlobMatcher {
  const each = globs.map((g) => micromatch.matcher(g, { dot: true }));
  return (rel) => each.some((m) => m(rel));
}
