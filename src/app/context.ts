import { readdirSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { reportPath, type DiscoveredFile } from "../discover/discover.js";
import { kindFromName } from "../discover/kinds.js";

/**
 * Compose files that the findings of files named on the command line depend on, to be read for
 * context only (never reported): pre-commit names the changed files, and a Dockerfile judged
 * without the Compose file that builds it, or an override without its base, gets findings that
 * `isolint .` doesn't give. For a named Dockerfile: the Compose files in its folder and the
 * folders above it up to the working directory (the project; a path check, no realpath: 600
 * named files cost a few readdirs, not a million lookups); for a named Compose file: the other
 * Compose files in its folder (an override's base). Files already being linted are left out,
 * and so are those a scan would not read (ignored, or links out of the tree).
 */
export function contextComposeFiles(
  discovered: readonly DiscoveredFile[],
  cwd: string,
  walkWouldTake: (abs: string) => boolean,
  /** Folders named on the command line (absolute): the folders above them hold context too. */
  namedFolders: readonly string[] = [],
): { path: string; abs: string }[] {
  const named = discovered.filter((f) => f.explicit && (f.kind === "dockerfile" || f.kind === "compose"));
  if (named.length === 0 && namedFolders.length === 0) return [];
  const linted = new Set(discovered.map((f) => f.abs));
  const top = resolve(cwd);
  const topSlash = top.endsWith(sep) ? top : top + sep;
  const folders = new Set<string>();
  // `isolint services/`: a Compose file at the root that builds ./services/api judges its Dockerfile.
  for (const folder of namedFolders) {
    for (let dir = folder, up = dirname(folder); up !== dir && (up === top || up.startsWith(topSlash)); dir = up, up = dirname(up)) folders.add(up);
  }
  for (const f of named) {
    let dir = dirname(f.abs);
    folders.add(dir);
    if (f.kind !== "dockerfile") continue;
    // Up to the working directory: a Compose file there builds ./api/.
    for (let up = dirname(dir); up !== dir && (up === top || up.startsWith(topSlash)); dir = up, up = dirname(up)) folders.add(up);
  }
  const out: { path: string; abs: string }[] = [];
  for (const dir of folders) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (kindFromName(name) !== "compose") continue;
      const abs = join(dir, name);
      // Only what a scan of the tree would read: not ignored, not a link out of it.
      if (!linted.has(abs) && walkWouldTake(abs)) out.push({ path: reportPath(cwd, abs), abs });
    }
  }
  return out;
}
