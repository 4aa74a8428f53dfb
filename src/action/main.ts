/**
 * Entry point of the GitHub Action (action.yml: `runs: using: node24, main: dist/action.js`).
 * The logic is in run.ts, so tests can load it without running it.
 */
import { loadCore } from "../boot/load-core.js";

const core = loadCore<typeof import("../core.js")>(__dirname, require, "tree");
core.exports
  .runAction({
    env: process.env,
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  })
  .then((code) => {
    process.exitCode = code;
    core.saveCache(core.exports.runCoverage());
  });
