/**
 * The entry points load dist/core.cjs with a V8 code cache (src/boot/load-core.ts). The cache
 * may only make isolint faster: whatever state it is in, the output is the same, and it is
 * only kept in a private folder of the user's own.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tree } from "./helpers/cli.js";

const DOCKERFILE = "FROM alpine:3.20\nRUN apk add --no-cache curl\n";
const project = tree({ Dockerfile: DOCKERFILE });
const run = (env: NodeJS.ProcessEnv) => cli(["audit", ".", "--format", "json"], project, { env });
const expected = run({ NODE_DISABLE_COMPILE_CACHE: "1" });
const cacheFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith("core-"));
const posix = typeof process.getuid === "function";

describe("the code cache of the bundle", () => {
  it("is written on the first run, read on the next, and changes nothing in the output", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "isolint-cache-")), "cache");
    expect(expected.status).toBe(1);
    expect(run({ ISOLINT_CACHE_DIR: dir })).toEqual(expected);
    const files = cacheFiles(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^core-[0-9a-f]{16}-${process.version.replace(/\./g, "\\.")}-${process.arch}-tree\\.bin$`));
    const file = join(dir, files[0]!);
    if (posix) {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    const before = statSync(file).mtimeMs;
    const bytes = readFileSync(file);
    expect(run({ ISOLINT_CACHE_DIR: dir })).toEqual(expected);
    expect(statSync(file).mtimeMs).toBe(before); // read, not written again
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("is made by a run that lints, not by --version, and grows with the kinds of file linted", () => {
    const dir = mkdtempSync(join(tmpdir(), "isolint-cache-"));
    // The Compose file is not beside the Dockerfile: a Dockerfile named alone would read it for context.
    const withCompose = tree({ Dockerfile: DOCKERFILE, "other/compose.yaml": "services:\n  web:\n    image: nginx:1.27\n" });
    const named = (args: string[], env: NodeJS.ProcessEnv) => cli(["audit", ...args, "--format", "json"], withCompose, { env });
    expect(cli(["--version"], withCompose, { env: { ISOLINT_CACHE_DIR: dir } }).status).toBe(0);
    expect(cacheFiles(dir)).toEqual([]);
    expect(named(["Dockerfile"], { ISOLINT_CACHE_DIR: dir })).toEqual(named(["Dockerfile"], { NODE_DISABLE_COMPILE_CACHE: "1" }));
    expect(cacheFiles(dir)).toEqual([expect.stringMatching(/-files-1\.bin$/)]);
    const file = join(dir, cacheFiles(dir)[0]!);
    expect(readFileSync(file)[0]).toBe(1); // Dockerfiles
    const first = readFileSync(file);
    named(["Dockerfile"], { ISOLINT_CACHE_DIR: dir });
    expect(readFileSync(file).equals(first)).toBe(true);
    // A run that names a Compose file too has a cache of its own, for both kinds.
    expect(named(["other/compose.yaml", "Dockerfile"], { ISOLINT_CACHE_DIR: dir })).toEqual(named(["other/compose.yaml", "Dockerfile"], { NODE_DISABLE_COMPILE_CACHE: "1" }));
    const both = join(dir, cacheFiles(dir).find((f) => f.endsWith("-files-3.bin"))!);
    expect(readFileSync(both)[0]).toBe(3);
    expect(readFileSync(both).length).toBeGreaterThan(first.length);
    expect(readFileSync(file).equals(first)).toBe(true);
    // Within one cache, a run that lints a kind the cache's runs didn't adds it (names that
    // don't tell the kind share the `files-7` cache).
    const odd = tree({ "app.df": DOCKERFILE, "stack.yml": "services:\n  web:\n    image: nginx:1.27\n" });
    cli(["audit", "app.df"], odd, { env: { ISOLINT_CACHE_DIR: dir } });
    const any = join(dir, cacheFiles(dir).find((f) => f.endsWith("-files-7.bin"))!);
    expect(readFileSync(any)[0]).toBe(1);
    const size = readFileSync(any).length;
    cli(["audit", "stack.yml"], odd, { env: { ISOLINT_CACHE_DIR: dir } });
    expect(readFileSync(any)[0]).toBe(3);
    expect(readFileSync(any).length).toBeGreaterThan(size);
  });

  it("is kept apart for runs over folders, which compile much more than a pre-commit run", () => {
    const dir = mkdtempSync(join(tmpdir(), "isolint-cache-"));
    cli(["audit", "Dockerfile"], project, { env: { ISOLINT_CACHE_DIR: dir } });
    cli(["Dockerfile"], project, { env: { ISOLINT_CACHE_DIR: dir } });
    expect(cacheFiles(dir)).toEqual([expect.stringMatching(/-files-1\.bin$/)]);
    for (const args of [[], ["audit"], ["."], ["audit", ".", "--format", "json"], ["Dockerfile", "."]]) cli(args, project, { env: { ISOLINT_CACHE_DIR: dir } });
    expect(cacheFiles(dir).sort()).toEqual([expect.stringMatching(/-files-1\.bin$/), expect.stringMatching(/-tree\.bin$/)]);
  });

  it("is replaced when V8 refuses it (a damaged file), and the run is the same", () => {
    const dir = mkdtempSync(join(tmpdir(), "isolint-cache-"));
    run({ ISOLINT_CACHE_DIR: dir });
    const file = join(dir, cacheFiles(dir)[0]!);
    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(run({ ISOLINT_CACHE_DIR: dir })).toEqual(expected);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
    writeFileSync(file, "");
    expect(run({ ISOLINT_CACHE_DIR: dir })).toEqual(expected);
    expect(statSync(file).size).toBeGreaterThan(1000);
  });

  it.skipIf(!posix)("is not used from a folder others can write", () => {
    const dir = mkdtempSync(join(tmpdir(), "isolint-cache-"));
    chmodSync(dir, 0o777);
    expect(run({ ISOLINT_CACHE_DIR: dir })).toEqual(expected);
    expect(cacheFiles(dir)).toEqual([]);
  });

  it("is off with NODE_DISABLE_COMPILE_CACHE, and a cache path that is a file is no error", () => {
    const dir = mkdtempSync(join(tmpdir(), "isolint-cache-"));
    expect(run({ ISOLINT_CACHE_DIR: dir, NODE_DISABLE_COMPILE_CACHE: "1" })).toEqual(expected);
    expect(cacheFiles(dir)).toEqual([]);
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "x");
    expect(run({ ISOLINT_CACHE_DIR: file })).toEqual(expected);
    expect(run({ ISOLINT_CACHE_DIR: join(file, "below") })).toEqual(expected);
  });

  it("drops cache files older than two weeks when it writes one", () => {
    const dir = mkdtempSync(join(tmpdir(), "isolint-cache-"));
    mkdirSync(dir, { recursive: true });
    const old = join(dir, "core-0000000000000000-v0.0.0-x64.bin");
    const recent = join(dir, "core-1111111111111111-v0.0.0-x64.bin");
    writeFileSync(old, "old");
    writeFileSync(recent, "recent");
    const weeksAgo = (Date.now() - 15 * 24 * 3600 * 1000) / 1000;
    utimesSync(old, weeksAgo, weeksAgo);
    run({ ISOLINT_CACHE_DIR: dir });
    const files = cacheFiles(dir);
    expect(files).toHaveLength(2); // the recent one and the new one
    expect(files).toContain("core-1111111111111111-v0.0.0-x64.bin");
    expect(files).not.toContain("core-0000000000000000-v0.0.0-x64.bin");
  });
});
