// Bundles the CLI into dist/ (committed: the GitHub Action and the pre-commit hook run it
// without `npm install`). Rule metadata and schema validators are inlined at build time.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { esbuildVirtual } from "./virtual-modules.mjs";

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: { isolint: "src/bin.ts", action: "src/action/main.ts", worker: "src/worker.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: "linked",
  banner: {
    // Bundled CommonJS dependencies call require(); give them one in ESM.
    js: "#!/usr/bin/env node\nimport { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);",
  },
  plugins: [esbuildVirtual],
  logLevel: "warning",
});
