import ignore, { type Ignore } from "ignore";
import { accessSync, constants, existsSync, lstatSync, readFileSync, readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { GlobMatcher } from "../engine/config.js";
import type { FileKind } from "../model/finding.js";
import { kindFromContent, kindFromName } from "./kinds.js";

export interface DiscoveredFile {
  /** Absolute path. */
  abs: string;
  /** Path as reported: relative to the cwd, `/` separators. */
  path: string;
  /** Kind from the name or `--kind`; null for an explicitly named file whose name doesn't tell. */
  kind: FileKind | null;
  explicit: boolean;
}

export interface DiscoverOptions {
  cwd: string;
  /** `--kind`: every file named explicitly is this kind. */
  forceKind?: FileKind | null;
  /** Config `ignore:` globs (compiled), relative to `ignoreBase`. */
  ignore?: GlobMatcher | null;
  ignoreBase?: string;
  /** Told about folders that could not be read (they are skipped). */
  onSkip?: (path: string, reason: string) => void;
  /** Told about files named explicitly that the config's `ignore:` globs leave out (as ESLint does). */
  onIgnored?: (path: string) => void;
  /**
   * Filled with every folder the walk read (absolute path) and whether it has an entry named
   * `.env` (ignored or not): the Compose files' `.env` lookups need no file-system call then.
   */
  dotenvSeen?: Map<string, boolean>;
}

/** A path given on the command line that doesn't exist or can't be read: exit 2. */
export class PathError extends Error {}

const ALWAYS_SKIPPED = new Set([".git", "node_modules", ".hg", ".svn"]);
const YAML_NAME = /\.ya?ml$/i;
/** Larger YAML files (generated manifests, API specs) are not read for a VM spec. */
const MAX_SNIFFED_BYTES = 1024 * 1024;

/** A YAML file with a document that declares `apiVersion: isolint.dev/v1` and `kind: VirtualMachine`. */
function declaresVirtualMachine(abs: string): boolean {
  try {
    if (statSync(abs).size > MAX_SNIFFED_BYTES) return false;
    const text = readFileSync(abs, "latin1");
    return text.includes("isolint.dev/") && kindFromContent(text) === "vm";
  } catch {
    return false;
  }
}

/** Walks the given paths and returns the files to lint, sorted by path. Symlinked directories are not followed. */
export function discover(paths: readonly string[], opts: DiscoverOptions): DiscoveredFile[] {
  const found = new Map<string, DiscoveredFile>();
  const configIgnored = makeConfigIgnore(opts);
  for (const p of paths.length ? paths : ["."]) {
    const abs = resolve(opts.cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      throw new PathError(`${p}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : "cannot be read"}`);
    }
    // A path given explicitly that can't be read is the user's to fix (exit 2), not a finding.
    try {
      accessSync(abs, st.isDirectory() ? constants.R_OK | constants.X_OK : constants.R_OK);
    } catch {
      throw new PathError(`${p}: permission denied`);
    }
    if (st.isDirectory()) {
      // A folder named explicitly is linted even when a .gitignore above it ignores it (as
      // ripgrep does): the user asked for it. .gitignore files inside it still apply.
      const chain = gitignoreChain(abs);
      const layers = isIgnoredPath(chain, abs, true) ? [] : chain;
      // Reported paths are built by appending names only below the cwd: a walk that starts
      // above it passes through it, where path.relative gives `x`, not `../cwd/x`.
      const rel = relative(opts.cwd, abs);
      const shown = leavesFolder(rel) || isAbsolute(rel) ? null : slashes(rel);
      walk(abs, abs, shown, layers, layers.map((l) => layerPrefix(l.dir, abs)), opts, found, configIgnored);
    } else {
      // The config's ignore globs hold for named files too: pre-commit names changed files,
      // and a file the project ignores must not fail a commit that CI would pass.
      if (ignoredWithFolders(abs, configIgnored, opts.ignoreBase ?? opts.cwd)) {
        opts.onIgnored?.(reportPath(opts.cwd, abs));
        continue;
      }
      const name = abs.slice(abs.lastIndexOf(sep) + 1);
      const kind = opts.forceKind ?? kindFromName(name);
      found.set(abs, { abs, path: reportPath(opts.cwd, abs), kind, explicit: true });
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function reportPath(cwd: string, abs: string): string {
  return slashes(relative(cwd, abs) || abs);
}

const slashes = (p: string) => (sep === "/" ? p : p.split(sep).join("/"));

interface IgnoreLayer {
  dir: string;
  ig: Ignore;
}

function walk(
  root: string,
  dir: string,
  /** `dir` relative to the cwd, `/`-separated ("" for the cwd): a file's reported path is this
   * plus its name — what reportPath gives, without a path.relative per file. Null when the
   * walk is not below the cwd: then reportPath it is. */
  shownDir: string | null,
  layers: IgnoreLayer[],
  /** Each layer's path to `dir` (layerPrefix), worked out from the parent's, not with path.relative. */
  prefixesIn: (string | null)[],
  opts: DiscoverOptions,
  found: Map<string, DiscoveredFile>,
  configIgnored: (abs: string, isDir: boolean) => boolean,
): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    // An unreadable folder below a given path: say so (the run goes on without it).
    const code = (e as NodeJS.ErrnoException).code;
    opts.onSkip?.(reportPath(opts.cwd, dir), code === "EACCES" || code === "EPERM" ? "permission denied" : `cannot be read (${code ?? "error"})`);
    return;
  }
  // Only read a .gitignore that is there (most folders have none: no failed open per folder).
  const here = entries.some((e) => e.name === ".gitignore") ? readGitignore(dir) : null;
  opts.dotenvSeen?.set(dir, entries.some((e) => e.name === ".env"));
  const active = here ? [...layers, here] : layers;
  const prefixes = here ? [...prefixesIn, ""] : prefixesIn;
  for (const e of entries) {
    const name = e.name;
    if (ALWAYS_SKIPPED.has(name)) continue;
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    // Most files in a repository are not lint targets: the name says so before any other check.
    const kind = isDir ? null : kindFromName(name);
    // Any other YAML file is a VM spec if a document in it says so (CONTRACT.md "File kinds").
    const maybeVm = !isDir && !kind && YAML_NAME.test(name);
    if (!isDir && !kind && !maybeVm) continue;
    const abs = join(dir, name);
    if (e.isSymbolicLink()) {
      // Follow a symlink only to a file inside the scanned root; never into directories (loops).
      const target = safeRealpath(abs);
      if (!target || !isInside(root, target)) continue;
      const st = safeStat(target);
      if (!st?.isFile()) continue;
      isDir = false;
      isFile = true;
    }
    if (!isDir && !isFile) continue;
    if (isIgnored(active, prefixes, name, isDir) || configIgnored(abs, isDir)) continue;
    const shown = shownDir === null ? null : shownDir === "" ? name : `${shownDir}/${name}`;
    if (isDir) {
      walk(root, abs, shown, active, prefixes.map((p) => (p === null ? null : `${p}${name}/`)), opts, found, configIgnored);
    } else if (kind) {
      found.set(abs, { abs, path: shown ?? reportPath(opts.cwd, abs), kind, explicit: false });
    } else if (maybeVm && declaresVirtualMachine(abs)) {
      found.set(abs, { abs, path: shown ?? reportPath(opts.cwd, abs), kind: "vm", explicit: false });
    }
  }
}

/** The folder's path relative to a .gitignore's folder, `/`-separated with a trailing `/`; null when outside it. */
function layerPrefix(layerDir: string, dir: string): string | null {
  const native = relative(layerDir, dir);
  if (native === "") return "";
  if (leavesFolder(native)) return null;
  return `${native.split(sep).join("/")}/`;
}

function isIgnoredPath(layers: IgnoreLayer[], abs: string, isDir: boolean): boolean {
  const dir = dirname(abs);
  return isIgnored(layers, layers.map((l) => layerPrefix(l.dir, dir)), basename(abs), isDir);
}

function isIgnored(layers: IgnoreLayer[], prefixes: (string | null)[], name: string, isDir: boolean): boolean {
  for (let i = 0; i < layers.length; i++) {
    const prefix = prefixes[i];
    if (prefix === null || prefix === undefined) continue;
    const rel = prefix + name;
    if (layers[i]!.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

const MAX_GITIGNORE_BYTES = 1024 * 1024;

function readGitignore(dir: string): IgnoreLayer | null {
  const file = join(dir, ".gitignore");
  let text: string;
  try {
    // A regular file only, as git reads it: not a symlink (to /dev/zero…), not a huge file.
    const st = lstatSync(file);
    if (!st.isFile() || st.size > MAX_GITIGNORE_BYTES) return null;
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  return { dir, ig: ignore().add(text) };
}

/**
 * The .gitignore files above a starting directory, up to the repository root, apply too.
 * `from`: the first folder to read (the start's parent; the folder itself for a file's layers).
 */
function gitignoreChain(start: string, from = resolve(start, "..")): IgnoreLayer[] {
  const layers: IgnoreLayer[] = [];
  let dir = from;
  let prev = from === start ? "" : start;
  while (dir !== prev) {
    const layer = readGitignore(dir);
    if (layer) layers.unshift(layer);
    if (existsSync(join(dir, ".git"))) break;
    prev = dir;
    dir = resolve(dir, "..");
  }
  return layers;
}

/**
 * For files read for context only (src/app/context.ts): whether a walk from the cwd would have
 * found this file — inside the cwd after links, and not left out by a .gitignore or the
 * config's ignore globs (the file or a folder above it).
 */
export function walkFilter(opts: DiscoverOptions): (abs: string) => boolean {
  const configIgnored = makeConfigIgnore(opts);
  const base = opts.ignoreBase ?? opts.cwd;
  const top = resolve(opts.cwd);
  const realTop = safeRealpath(top) ?? top;
  // Many named files share folders: the .gitignore layers of a folder (it and those above it)
  // and whether a folder is ignored are worked out once.
  const layersOf = new Map<string, IgnoreLayer[]>();
  const layers = (dir: string) => {
    let l = layersOf.get(dir);
    if (!l) layersOf.set(dir, (l = gitignoreChain(dir, dir)));
    return l;
  };
  const folderIgnored = new Map<string, boolean>();
  const ignoredFolder = (dir: string): boolean => {
    if (dir === top || !within(top, dir)) return false;
    let v = folderIgnored.get(dir);
    if (v === undefined) folderIgnored.set(dir, (v = isIgnoredPath(layers(dirname(dir)), dir, true) || ignoredFolder(dirname(dir))));
    return v;
  };
  return (abs) => {
    const real = safeRealpath(abs);
    if (!real || !within(realTop, real) || !within(top, abs)) return false;
    if (ignoredWithFolders(abs, configIgnored, base)) return false;
    if (isIgnoredPath(layers(dirname(abs)), abs, false)) return false;
    return !ignoredFolder(dirname(abs));
  };
}

/** The file, or a folder above it (up to `base`), matches the config's ignore globs. */
function ignoredWithFolders(abs: string, ignored: (abs: string, isDir: boolean) => boolean, base: string): boolean {
  if (ignored(abs, false)) return true;
  for (let dir = dirname(abs); dir !== base && !leavesFolder(relative(base, dir)); dir = dirname(dir)) {
    if (ignored(dir, true)) return true;
    if (dirname(dir) === dir) break;
  }
  return false;
}

function makeConfigIgnore(opts: DiscoverOptions): (abs: string, isDir: boolean) => boolean {
  const match = opts.ignore;
  if (!match) return () => false;
  const base = opts.ignoreBase ?? opts.cwd;
  // A directory is pruned when a glob matches it or everything below it (`legacy/**`).
  return (abs, isDir) => {
    const native = relative(base, abs);
    if (leavesFolder(native)) return false;
    const rel = native.split(sep).join("/");
    return match(rel) || (isDir && match(`${rel}/__isolint_probe__`));
  };
}

const realDirs = new Map<string, string | null>();

/**
 * realpath, with folders cached: a file's real path is its folder's (cached) plus its name,
 * unless the file itself is a link. Large trees check thousands of paths in the same folders.
 */
function safeRealpath(p: string): string | null {
  try {
    const st = lstatSync(p);
    if (st.isSymbolicLink() || st.isDirectory()) return realDir(p);
    const dir = realDir(dirname(p));
    return dir === null ? null : join(dir, basename(p));
  } catch {
    return null;
  }
}

function realDir(dir: string): string | null {
  if (realDirs.has(dir)) return realDirs.get(dir)!;
  let real: string | null;
  try {
    real = realpathSync(dir);
  } catch {
    real = null;
  }
  realDirs.set(dir, real);
  return real;
}

function safeStat(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/**
 * Whether a file a reference names (a VM's `compose:`, `extends`, `include`, `build:`) lies
 * inside one of the scanned folders, symlinks resolved: a link inside that points out is out.
 */
export function insideAny(roots: readonly string[], abs: string): boolean {
  const real = safeRealpath(abs);
  return roots.some((r) => (real !== null ? within(safeRealpath(r) ?? r, real) : within(r, abs)));
}

/**
 * A relative path (from path.relative) that leads out of its folder: `..`, `../x`, or
 * absolute (another drive). `..data/x` stays inside (Kubernetes mounts ConfigMaps that way).
 */
function leavesFolder(rel: string): boolean {
  return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

function within(root: string, p: string): boolean {
  return !leavesFolder(relative(root, p));
}

/** Strictly below `root` (not `root` itself), after resolving root's symlinks. */
function isInside(root: string, target: string): boolean {
  const rel = relative(safeRealpath(root) ?? root, target);
  return rel !== "" && !leavesFolder(rel);
}

