// `npm run fuzz -- [--runs N] [--seed S] [--kind dockerfile|compose|vm|corpus]`: the properties
// of test/property.test.ts (test/helpers/properties.ts) with a random seed and many runs per
// kind of input (default 100 000). Prints the seed, so a failure can be replayed with --seed,
// and the shrunk counterexample of every property that fails; exits 1 if one does.
//
// The TypeScript (and the build-time virtual modules it imports) is bundled with esbuild into
// one temporary file, as the CLI itself is, and run in this process.
import { build } from "esbuild";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { esbuildVirtual } from "./virtual-modules.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  const opts = { runs: 100_000, seed: (Date.now() ^ (Math.random() * 0x7fffffff)) | 0, kinds: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--runs") opts.runs = Number(value());
    else if (flag === "--seed") opts.seed = Number(value());
    else if (flag === "--kind") opts.kinds.push(value());
    else if (flag === "--help" || flag === "-h") {
      console.log("usage: npm run fuzz -- [--runs N] [--seed S] [--kind dockerfile|compose|vm|corpus]...");
      process.exit(0);
    } else {
      console.error(`fuzz: unknown option ${argv[i]}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1 || !Number.isInteger(opts.seed)) {
    console.error("fuzz: --runs must be a positive integer and --seed an integer");
    process.exit(2);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const out = mkdtempSync(join(tmpdir(), "isolint-fuzz-"));
const bundle = join(out, "properties.mjs");
await build({
  entryPoints: [join(root, "test/helpers/properties.ts")],
  outfile: bundle,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  banner: { js: "import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);" },
  plugins: [esbuildVirtual],
  logLevel: "warning",
});
const { caseKinds, checkCase, fc, showCase } = await import(pathToFileURL(bundle).href);

const corpus = join(root, "../shared/corpus");
const kinds = caseKinds(existsSync(corpus) ? corpus : null);
const names = opts.kinds.length ? opts.kinds : Object.keys(kinds);
for (const n of names) {
  if (!kinds[n]) {
    console.error(`fuzz: no kind "${n}" (${Object.keys(kinds).join(", ")})`);
    process.exit(2);
  }
}

console.log(`fuzz: seed ${opts.seed}, ${opts.runs} runs per kind (${names.join(", ")}); replay with --seed ${opts.seed}`);
const dir = mkdtempSync(join(tmpdir(), "isolint-fuzz-case-"));
let failed = 0;
const started = Date.now();
for (const name of names) {
  const t = Date.now();
  let count = 0;
  const result = await fc.check(
    fc.asyncProperty(kinds[name], async (files) => {
      if (++count % 10_000 === 0) process.stdout.write(`  ${name}: ${count} cases, ${((Date.now() - t) / 1000).toFixed(0)} s\n`);
      try {
        await checkCase(dir, files);
      } catch (e) {
        throw new Error(`${e.message}\n${showCase(files)}`);
      }
    }),
    { seed: opts.seed, numRuns: opts.runs },
  );
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (result.failed) {
    failed++;
    console.log(`✖ ${name}: failed after ${result.numRuns} cases (${secs} s)`);
    console.log(fc.defaultReportMessage(result));
    console.log(`Why: ${result.errorInstance?.message ?? result.error ?? "?"}`);
  } else {
    console.log(`✔ ${name}: ${result.numRuns} cases passed (${secs} s)`);
  }
}
rmSync(out, { recursive: true, force: true });
rmSync(dir, { recursive: true, force: true });
console.log(`fuzz: ${failed ? `${failed} propert${failed === 1 ? "y" : "ies"} failed` : "all properties held"} — seed ${opts.seed}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
