import micromatch from "micromatch";
import type { GlobMatcher } from "../engine/config.js";

/** micromatch globs compiled once (dotfiles included), as one matcher. */
export function compileGlobs(globs: readonly string[]): GlobMatcher {
  // `legacy/` means the folder and everything in it, as in a .gitignore.
  const each = globs.map((g) => micromatch.matcher(g.endsWith("/") ? `${g}**` : g, { dot: true }));
  return (rel) => each.some((m) => m(rel));
}

/** Limits that keep a glob's matching fast on any path (micromatch compiles globs to backtracking regexes). */
const MAX_STARS_PER_SEGMENT = 3;
const MAX_GLOBSTARS = 3;

/**
 * Why a config glob could take minutes to match a crafted path (a file name of 255 `a`s, a
 * folder 400 levels deep), or null. `*a*a*a*a*b` costs n⁴ steps per name, four `**` n⁴ per
 * path, and a repeated extglob with alternatives (`+(a|aa)`) is exponential. Plain globs —
 * `legacy/**`, `tenants/acme/**`, `*.test.*`, `**` before a file name — stay far below these limits.
 */
export function unsafeGlobReason(glob: string): string | null {
  if (/[*+]\(/.test(glob)) return "repeated extglobs (`*(…)`, `+(…)`) are not allowed: they can take exponential time to match";
  const segments = glob.split("/");
  const globstars = segments.filter((s) => s === "**").length;
  if (globstars > MAX_GLOBSTARS) return `more than ${MAX_GLOBSTARS} \`**\` in one glob can take very long to match a deep path`;
  for (const seg of segments) {
    if (seg === "**") continue;
    const stars = seg.match(/\*+/g)?.length ?? 0;
    if (stars > MAX_STARS_PER_SEGMENT) return `more than ${MAX_STARS_PER_SEGMENT} \`*\` in one path segment (${JSON.stringify(seg)}) can take very long to match a long name`;
  }
  return null;
}
