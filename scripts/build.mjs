// Bundles the CLI into dist/ (committed: the GitHub Action and the pre-commit hook run it
// without `npm install`). Rule metadata and schema validators are inlined at build time.
//
// dist/core.cjs is all of isolint in one CommonJS bundle (src/core.ts); the three entry points
// (isolint.js, worker.js, action.js) are small CommonJS scripts that load it through
// src/boot/load-core.ts, which keeps a V8 code cache of it between runs. dist/package.json
// makes the .js files CommonJS (the repository's package is an ES module package).
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { esbuildVirtual } from "./virtual-modules.mjs";

const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: "warning",
};

rmSync("dist", { recursive: true, force: true });
await build({
  ...common,
  entryPoints: ["src/core.ts"],
  outfile: "dist/core.cjs",
  legalComments: "linked",
  plugins: [esbuildVirtual],
});

// The loader reads the bundle as latin1 (no UTF-8 decoding): it must be ASCII, as esbuild's
// default charset makes it.
const core = readFileSync("dist/core.cjs");
const nonAscii = core.findIndex((b) => b > 0x7f);
if (nonAscii >= 0) throw new Error(`dist/core.cjs has a non-ASCII byte at ${nonAscii}: the loader reads it as latin1`);
// The entry points name the cache file after the bundle's content, so a rebuilt bundle never
// reads the code cache of another.
const coreHash = createHash("sha256").update(core).digest("hex").slice(0, 16);
await build({
  ...common,
  entryPoints: { isolint: "src/bin.ts", worker: "src/worker.ts", action: "src/action/main.ts" },
  outdir: "dist",
  banner: { js: "#!/usr/bin/env node" },
  define: { ISOLINT_CORE_HASH: JSON.stringify(coreHash) },
  // The entries only load the bundle; nothing of it may be bundled into them.
  plugins: [
    {
      name: "core-stays-out",
      setup(b) {
        b.onResolve({ filter: /(^|\/)core\.js$/ }, () => ({ errors: [{ text: "an entry point must load core.cjs through loadCore, not import it" }] }));
      },
    },
  ],
});
writeFileSync("dist/package.json", `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
