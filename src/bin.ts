// Entry point of the CLI (package.json bin). A CommonJS script: Node starts it ≈ 7 ms sooner
// than an ES module, which matters to a pre-commit hook (docs/performance.md).
import { statSync } from "node:fs";
import { basename, join } from "node:path";
import { ALL_KINDS, KIND_BITS } from "./app/coverage.js";
import { loadCore } from "./boot/load-core.js";
import { kindFromName } from "./discover/kinds.js";

const WALKING_COMMANDS = new Set(["audit", "map", "capacity"]);

/**
 * Which code cache the run uses (src/boot/load-core.ts): `tree` when it walks a folder (no
 * path means `.`), else `files-<kinds>` for the kinds of file it names — a pre-commit run on
 * Dockerfiles then never loads the code that Compose files need. Words that name nothing
 * (option values, commands) are left out. It only picks a cache: a wrong guess costs time,
 * never a different result.
 */
function cacheProfile(argv: readonly string[]): string {
  const words = argv.filter((a) => !a.startsWith("-"));
  const paths = WALKING_COMMANDS.has(words[0] ?? "") ? words.slice(1) : words;
  if (paths.length === 0) return "tree";
  let kinds = 0;
  for (const p of paths) {
    // Only a guess of which code a run needs: any failure (ENOTDIR, ELOOP, EACCES) is the CLI's to report.
    let st;
    try {
      st = statSync(p, { throwIfNoEntry: false });
    } catch {
      continue;
    }
    if (!st) continue;
    if (st.isDirectory()) return "tree";
    const kind = kindFromName(basename(p));
    kinds |= kind ? KIND_BITS[kind] : ALL_KINDS;
  }
  return `files-${kinds}`;
}

const args = process.argv.slice(2);
const core = loadCore<typeof import("./core.js")>(__dirname, require, cacheProfile(args));
const { main, processIo } = core.exports;
// Set the exit code and let pending output flush; process.exit() could cut a piped report short.
main(args, { ...processIo(), workerScript: join(__dirname, "worker.js") }).then((code) => {
  process.exitCode = code;
  core.saveCache(core.exports.runCoverage());
});
