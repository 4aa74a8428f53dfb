// Loads dist/core.cjs — all of isolint in one CommonJS bundle — with a V8 code cache.
//
// Why: in a pre-commit hook isolint runs once per commit on a file or two, so start-up is most
// of its time. Compiling the bundle and running Node's ES module loader cost ≈ 20 ms against a
// lint of ≈ 5 ms; a script compiled from a code cache made by an earlier run skips both
// (measured in docs/performance.md). Node 22's module.enableCompileCache() does the same for
// modules, but not on Node 20, and not for one script; so the cache is ours, on every version.
//
// The cache is an optimisation, never a requirement: any failure to read, check or write it
// is ignored and the bundle is compiled from source. It lives in a folder of the user's own
// (ISOLINT_CACHE_DIR, else <tmp>/isolint-compile-cache-<uid>), made private (0700) and used
// only when it is a real folder owned by this user that others can't write: code is never
// loaded from a place another user controls. NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch)
// turns it off. A cache file is named after the bundle's content hash, Node's version, the
// CPU architecture and the profile (below), so a rebuilt bundle or another Node never reads a
// stale one (V8 would only notice a different length); V8 rejects a cache made with other flags.
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Script } from "node:vm";

/** The content hash of dist/core.cjs, written in by scripts/build.mjs. */
declare const ISOLINT_CORE_HASH: string;

/** Cache files older than this are removed when a new one is written (old builds, old Nodes). */
const STALE_MS = 14 * 24 * 3600 * 1000;

export interface LoadedCore<T> {
  exports: T;
  /**
   * Writes the code cache, when the run is done (so that it holds every function the run
   * compiled), if there was none, V8 refused it, or this run linted a kind of file the
   * cached runs didn't (`covered`: a bit per kind, from the core's runCoverage()). A run that
   * linted nothing (`--version`, `rules`) makes no cache: its cache would miss the linting
   * code, which a lint would then compile on every run (≈ 6 ms of a ≈ 75 ms pre-commit run).
   */
  saveCache(covered: number): void;
}

/**
 * A cache file is one byte saying which kinds of file the runs that made it linted (the bits
 * of runCoverage()), then V8's code cache.
 */
const HEADER = 1;

/**
 * Which cache a run uses (a word in the file name): runs over folders and runs over named
 * files of each mix of kinds keep separate ones (src/bin.ts picks). A folder run compiles far
 * more (YAML, the schema validators, the worker's code): its cache is ≈ 1 MB against ≈ 0.4 MB
 * for Dockerfiles only, and reading a bigger cache costs a one-file run ≈ 6 ms of its ≈ 75.
 */
export type CacheProfile = string;

export function loadCore<T>(distDir: string, req: NodeJS.Require, profile: CacheProfile): LoadedCore<T> {
  const file = join(distDir, "core.cjs");
  // The bundle is ASCII (esbuild escapes the rest; scripts/build.mjs checks): read as latin1,
  // the same string without UTF-8 decoding.
  const source = readFileSync(file, "latin1");
  const cacheFile = cachePath(profile);
  let cached: Buffer | undefined;
  let cachedCovers = 0;
  if (cacheFile) {
    try {
      const bytes = readFileSync(cacheFile);
      if (bytes.length > HEADER) {
        cachedCovers = bytes[0]!;
        cached = bytes.subarray(HEADER);
      }
    } catch {
      cached = undefined;
    }
  }
  // The same wrapper Node puts around a CommonJS module.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cached ? { cachedData: cached } : {}),
  });
  const module = { exports: {} as T };
  (script.runInThisContext() as (e: T, r: NodeJS.Require, m: { exports: T }, f: string, d: string) => void)(
    module.exports, req, module, file, distDir,
  );
  const usable = cached !== undefined && script.cachedDataRejected !== true;
  return {
    exports: module.exports,
    saveCache(covered) {
      if (cacheFile === null || covered === 0) return;
      const has = usable ? cachedCovers : 0;
      if ((covered & ~has) !== 0) writeCache(cacheFile, script, has | covered);
    },
  };
}

function cachePath(profile: CacheProfile): string | null {
  const env = process.env;
  if (env.NODE_DISABLE_COMPILE_CACHE) return null;
  try {
    const uid = typeof process.getuid === "function" ? process.getuid() : null;
    const dir = env.ISOLINT_CACHE_DIR || join(tmpdir(), `isolint-compile-cache${uid === null ? "" : `-${uid}`}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory()) return null;
    if (uid !== null && (st.uid !== uid || (st.mode & 0o022) !== 0)) return null;
    return join(dir, `core-${ISOLINT_CORE_HASH}-${process.version}-${process.arch}-${profile}.bin`);
  } catch {
    return null;
  }
}

function writeCache(cacheFile: string, script: Script, covers: number): void {
  try {
    // Written whole under a temporary name, then renamed: parallel runs (pre-commit starts
    // several) never read half a file.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    const data = script.createCachedData();
    const bytes = Buffer.allocUnsafe(HEADER + data.length);
    bytes[0] = covers;
    bytes.set(data, HEADER);
    writeFileSync(tmp, bytes, { mode: 0o600 });
    renameSync(tmp, cacheFile);
    removeStale(join(cacheFile, ".."));
  } catch {
    // No cache this time; the next run tries again.
  }
}

function removeStale(dir: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!name.startsWith("core-")) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
    } catch {
      // Removed by a parallel run.
    }
  }
}
