#!/usr/bin/env node
// isolint benchmark: `npm run bench` (see docs/performance.md).
//
// Measures isolint (dist/isolint.js, as built) side by side with its peers on the same files,
// in one run, interleaved:
//   dockerfile  isolint vs dockerfilelint 1.8.0 on the corpus Dockerfiles
//   compose     isolint vs DCLint 3 on the corpus Compose files
//   single      `isolint audit <one Dockerfile>` vs `node -e 0` (the pre-commit case)
//   corpus      isolint on the whole corpus directory (discovery included): RSS baseline
//   monorepo    isolint on a generated synthetic monorepo (12 200 files to lint)
// Reports the median wall time, files/s, peak RSS and CPU time of each, the ratios, and checks
// the targets of the performance issue. Results also go to .bench/results.json.
//
// Options:
//   --runs N          timed runs per measurement (default 5)
//   --single-runs N   timed runs of the single-file case (default 20)
//   --quick           run the peers once (DCLint takes ~25 s a run)
//   --only a,b        only these measurements: dockerfile,compose,single,corpus,monorepo
//   --no-peers        don't install or run the peers
//   --corpus DIR      corpus folder (default ../shared/corpus)
//   --regen           regenerate the synthetic monorepo
//   --generate-only   generate the synthetic monorepo (if missing or --regen) and exit
//   --markdown        print the result tables as Markdown (for the README)
//   --json FILE       where to write the results (default .bench/results.json)
//   --build           run `npm run build` first
//   --wait-quiet S    before each timed run, wait (up to S seconds) until other processes use
//                     less than 0.25 cores; every measurement records that load ("other load")
//
// Plain Node ESM, no dependencies.

import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import { dirname, join, posix, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BENCH_DIR = join(ROOT, ".bench");
const PEERS_DIR = join(BENCH_DIR, "peers");
const MONOREPO_DIR = join(BENCH_DIR, "monorepo");
const DIST = join(ROOT, "dist");
const ISOLINT_BUILT = join(DIST, "isolint.js");
// The bench runs a copy of dist/ (.bench/dist/): the bundle is self-contained, and other work
// in the checkout may rebuild dist/ while the bench runs.
const SNAPSHOT = join(BENCH_DIR, "dist");
const ISOLINT = join(SNAPSHOT, "isolint.js");
const NODE = process.execPath;

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const o = {
    runs: 5,
    singleRuns: 20,
    quick: false,
    only: null,
    peers: true,
    corpus: resolve(ROOT, "..", "shared", "corpus"),
    regen: false,
    generateOnly: false,
    markdown: false,
    json: join(BENCH_DIR, "results.json"),
    build: false,
    waitQuiet: 0,
  };
  const num = (v, name) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) usage(`${name} needs a positive integer, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    switch (flag) {
      case "--runs": o.runs = num(value(), flag); break;
      case "--single-runs": o.singleRuns = num(value(), flag); break;
      case "--quick": o.quick = true; break;
      case "--only": o.only = new Set(value().split(",").map((s) => s.trim()).filter(Boolean)); break;
      case "--no-peers": o.peers = false; break;
      case "--corpus": o.corpus = resolve(value()); break;
      case "--regen": o.regen = true; break;
      case "--generate-only": o.generateOnly = true; break;
      case "--markdown": o.markdown = true; break;
      case "--json": o.json = resolve(value()); break;
      case "--build": o.build = true; break;
      case "--wait-quiet": o.waitQuiet = Number(value()); if (!(o.waitQuiet >= 0)) usage("--wait-quiet needs seconds"); break;
      case "-h": case "--help":
        {
          const lines = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(1);
          const end = lines.findIndex((l) => !l.startsWith("//") || l.startsWith("// Plain Node"));
          process.stdout.write(lines.slice(0, end).map((l) => l.slice(3)).join("\n") + "\n");
        }
        process.exit(0);
      default: usage(`unknown option ${a}`);
    }
  }
  const known = ["dockerfile", "compose", "single", "corpus", "monorepo"];
  for (const k of o.only ?? []) if (!known.includes(k)) usage(`--only: unknown measurement ${k} (${known.join(", ")})`);
  return o;
}

function usage(msg) {
  process.stderr.write(`bench: ${msg} (--help lists the options)\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Other work (in cores, median over the runs) above which a measurement is flagged as noisy. */
const NOISY = 0.25;
const fmtS = (ms) => (ms == null || Number.isNaN(ms) ? "—" : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMB = (kb) => (kb == null || Number.isNaN(kb) ? "—" : `${(kb / 1024).toFixed(0)} MB`);
const fmtRate = (n) => (n == null || !Number.isFinite(n) ? "—" : n >= 100 ? `${Math.round(n).toLocaleString("en-US")}` : n.toFixed(1));
const fmtX = (x) => (x == null || !Number.isFinite(x) ? "—" : `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`);
const log = (s = "") => process.stdout.write(`${s}\n`);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  return { ok: r.status === 0 && !r.error, status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", error: r.error };
}

function which(cmd) {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(join(dir, cmd))) return join(dir, cmd);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Machine

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model?.trim() ?? "unknown",
    cores: os.availableParallelism(),
    logicalCpus: cpus.length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

/** Copies dist/ to .bench/dist/ and checks that the copy runs (retries if dist/ was mid-rebuild). */
function snapshotDist() {
  for (let attempt = 1; ; attempt++) {
    rmSync(SNAPSHOT, { recursive: true, force: true });
    const builtAt = statSync(ISOLINT_BUILT).mtime.toISOString();
    cpSync(DIST, SNAPSHOT, { recursive: true });
    const v = sh(NODE, [ISOLINT, "--version"], { cwd: ROOT });
    if (v.ok && existsSync(ISOLINT_BUILT) && statSync(ISOLINT_BUILT).mtime.toISOString() === builtAt) return builtAt;
    if (attempt === 5) throw new Error(`the copy of dist/ doesn't run: ${v.stderr.trim().split("\n")[0] || "dist/ keeps changing"}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
  }
}

function isolintInfo(builtAt) {
  const v = sh(NODE, [ISOLINT, "--version"], { cwd: ROOT });
  const head = sh("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]);
  const dirty = sh("git", ["-C", ROOT, "status", "--porcelain", "--", "src", "dist", "scripts/build.mjs", "package.json"]);
  return {
    version: v.stdout.trim() || "?",
    commit: head.ok ? head.stdout.trim() : null,
    dirty: dirty.ok ? dirty.stdout.trim().length > 0 : null,
    distBuilt: builtAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Peers: each in its own prefix under .bench/peers/<name>, so that one failing doesn't take the
// other with it (npm --no-save prunes packages it wasn't asked for).

const PEERS = {
  dockerfilelint: { spec: "dockerfilelint@1.8.0", pkg: "dockerfilelint", bin: "dockerfilelint", accept: (v) => v === "1.8.0" },
  dclint: { spec: "dclint@3", pkg: "dclint", bin: "dclint", accept: (v) => v.startsWith("3.") },
};

function installedPeer(name) {
  const p = PEERS[name];
  const pkgDir = join(PEERS_DIR, name, "node_modules", p.pkg);
  const pj = join(pkgDir, "package.json");
  if (!existsSync(pj)) return null;
  const meta = JSON.parse(readFileSync(pj, "utf8"));
  if (!p.accept(meta.version)) return null;
  const binRel = typeof meta.bin === "string" ? meta.bin : meta.bin?.[p.bin];
  if (!binRel) return null;
  const script = join(pkgDir, binRel);
  return existsSync(script) ? { name, version: meta.version, script } : null;
}

function ensurePeer(name) {
  const have = installedPeer(name);
  if (have) return { peer: have };
  const prefix = join(PEERS_DIR, name);
  mkdirSync(prefix, { recursive: true });
  const args = ["install", "--prefix", prefix, PEERS[name].spec, "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"];
  log(`  installing ${PEERS[name].spec} into ${relative(ROOT, prefix)} ...`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = sh(npm, args, { cwd: prefix, timeout: 300_000 });
  const got = installedPeer(name);
  if (!got) {
    const lines = (r.stderr || r.stdout).split("\n").map((l) => l.replace(/^npm (error|ERR!)\s*/, "").trim()).filter((l) => l && !/complete log|behind a proxy|npm help config/.test(l));
    const why = r.error ? r.error.message : lines.slice(0, 2).join("; ") || `npm exited ${r.status}`;
    return { skipped: `could not install ${PEERS[name].spec}: ${why}` };
  }
  return { peer: got };
}

// ---------------------------------------------------------------------------------------------
// File kinds (as in the contract)

const isDockerfileName = (n) =>
  n === "Dockerfile" || n === "Containerfile" || n.startsWith("Dockerfile.") || n.startsWith("Containerfile.") || n.endsWith(".Dockerfile") || n.endsWith(".dockerfile");
const isComposeName = (n) => /^(docker-)?compose(\.[^/]+)?\.ya?ml$/.test(n);

/** Regular files (no symlinks) under dir, skipping .git and node_modules, sorted. */
function collectCorpus(dir) {
  const out = { dockerfiles: [], compose: [], skippedEmpty: [], skippedLinks: [], bytes: { dockerfiles: 0, compose: 0 } };
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name === ".git" || e.name === "node_modules") continue;
      const abs = join(d, e.name);
      if (e.isDirectory()) { walk(abs); continue; }
      const kind = isDockerfileName(e.name) ? "dockerfiles" : isComposeName(e.name) ? "compose" : null;
      if (!kind) continue;
      const rel = relative(dir, abs).split("\\").join("/");
      if (e.isSymbolicLink()) { out.skippedLinks.push(rel); continue; }
      if (!e.isFile()) continue;
      const size = lstatSync(abs).size;
      // dockerfilelint aborts the whole run on an empty file ("Invalid input"): keep the set equal.
      if (size === 0) { out.skippedEmpty.push(rel); continue; }
      out[kind].push(rel);
      out.bytes[kind] += size;
    }
  };
  walk(dir);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running a command: wall time (hrtime around spawn → exit), peak RSS, CPU time.

let RSS_METHOD = null; // "gnu-time" | "proc-poll" | null

function detectRssMethod() {
  // ISOLINT_BENCH_RSS=proc forces the /proc fallback (to test it where GNU time exists).
  if (process.env.ISOLINT_BENCH_RSS === "proc" && existsSync("/proc/self/status")) return "proc-poll";
  if (existsSync("/usr/bin/time")) {
    const tmp = join(os.tmpdir(), `isolint-bench-probe-${process.pid}`);
    const r = sh("/usr/bin/time", ["-f", "%M %U %S", "-o", tmp, NODE, "-e", "0"]);
    const ok = r.ok && existsSync(tmp) && /^\d+ /.test(readFileSync(tmp, "utf8").trim().split("\n").pop());
    rmSync(tmp, { force: true });
    if (ok) return "gnu-time";
  }
  if (existsSync("/proc/self/status")) return "proc-poll";
  return null;
}

let TMP;
let runCounter = 0;

/**
 * Runs cmd once. stdout goes to /dev/null unless captureTo is a file. Returns
 * { wallMs, rssKB, cpuS, exit, signal, stderr }.
 */
function runOnce({ cmd, args, cwd, env }, captureTo = null) {
  return new Promise((resolveRun, rejectRun) => {
    const timeFile = join(TMP, `time-${++runCounter}`);
    let file = cmd;
    let argv = args;
    if (RSS_METHOD === "gnu-time") {
      file = "/usr/bin/time";
      argv = ["-f", "%M %U %S", "-o", timeFile, cmd, ...args];
    }
    let outFd = "ignore";
    let fd = null;
    if (captureTo) {
      fd = openSyncW(captureTo);
      outFd = fd;
    }
    const busy0 = machineBusySeconds();
    const t0 = process.hrtime.bigint();
    let child;
    try {
      child = spawn(file, argv, { cwd, env: env ?? benchEnv(), stdio: ["ignore", outFd, "pipe"] });
    } catch (e) {
      rejectRun(e);
      return;
    }
    let stderr = "";
    child.stderr.on("data", (b) => { if (stderr.length < 20000) stderr += b; });
    let hwm = 0;
    let ticks = null;
    let poll = null;
    if (RSS_METHOD === "proc-poll") {
      const read = () => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
          if (m) hwm = Math.max(hwm, Number(m[1]));
          // utime + stime (fields 14 and 15, after the parenthesised command name).
          const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
          const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
          ticks = Number(f[11]) + Number(f[12]);
        } catch { /* exited */ }
      };
      poll = setInterval(read, 2);
    }
    child.on("error", (e) => { if (poll) clearInterval(poll); rejectRun(e); });
    child.on("close", (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const busy1 = machineBusySeconds();
      if (poll) clearInterval(poll);
      if (fd != null) closeSync(fd);
      let rssKB = RSS_METHOD === "proc-poll" ? hwm || null : null;
      let cpuS = RSS_METHOD === "proc-poll" && ticks != null ? ticks / 100 : null; // up to the last poll
      let exit = code;
      if (RSS_METHOD === "gnu-time") {
        try {
          const lines = readFileSync(timeFile, "utf8").trim().split("\n");
          const m = /^(\d+) ([\d.]+) ([\d.]+)$/.exec(lines.pop());
          if (m) { rssKB = Number(m[1]); cpuS = Number(m[2]) + Number(m[3]); }
          const sig = lines.map((l) => /terminated by signal (\d+)/.exec(l)).find(Boolean);
          if (sig) signal = `signal ${sig[1]}`;
        } catch { /* no time output */ }
        rmSync(timeFile, { force: true });
      }
      // Other work on the machine during the run, in cores: machine busy time minus the child's CPU.
      const otherCores = busy0 != null && busy1 != null && cpuS != null && wallMs > 0 ? Math.max(0, (busy1 - busy0 - cpuS) / (wallMs / 1000)) : null;
      resolveRun({ wallMs, rssKB, cpuS, exit, signal: signal ?? null, stderr, otherCores });
    });
  });
}

const openSyncW = (f) => openSync(f, "w");

/** Busy CPU seconds of the whole machine so far (all cores), from /proc/stat; null elsewhere. */
function machineBusySeconds() {
  try {
    const f = readFileSync("/proc/stat", "utf8").split("\n", 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
    return (user + nice + system + irq + softirq + steal) / 100; // USER_HZ
  } catch {
    return null;
  }
}

function benchEnv() {
  const env = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  delete env.NODE_OPTIONS;
  return env;
}

/**
 * A measured command: spec { id, label, tool, cmd, args, cwd, files, okExit(code), validate(file) }.
 * Runs warm-up (captured and validated) then `runs` timed runs. Several specs run interleaved:
 * run i executes them in rotated order, so drift (thermal, page cache, noisy neighbours) is shared.
 */
let WAIT_QUIET = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the machine is quiet (other work < NOISY cores over 300 ms), at most WAIT_QUIET s. */
async function waitQuiet() {
  if (!WAIT_QUIET) return;
  const until = Date.now() + WAIT_QUIET * 1000;
  let said = false;
  for (;;) {
    const a = machineBusySeconds();
    await sleep(300);
    const b = machineBusySeconds();
    if (a == null || b == null || (b - a) / 0.3 < NOISY || Date.now() > until) break;
    if (!said) { process.stdout.write(`    (waiting for other processes to go quiet: ${((b - a) / 0.3).toFixed(2)} cores busy)\n`); said = true; }
  }
}

async function measureGroup(specs, { runs, warmup = true }) {
  const results = specs.map((s) => ({ spec: s, runs: [], error: null, validation: null }));
  const capture = (r, tag) => join(TMP, `${r.spec.id}-${tag}.out`);
  const check = (r, run, captured) => {
    if (r.error) return;
    if (run.signal || !r.spec.okExit(run.exit)) {
      r.error = `exit ${run.signal ?? run.exit}: ${run.stderr.trim().split("\n").slice(-3).join(" | ")}`;
      return;
    }
    if (captured && r.spec.validate) {
      try {
        r.validation = r.spec.validate(captured);
      } catch (e) {
        r.error = `output check failed: ${e.message}`;
      }
    }
  };
  if (warmup) {
    for (const r of results) {
      if (r.spec.warmup === false) continue;
      process.stdout.write(`    warm-up ${r.spec.label} ...`);
      const f = capture(r, "warmup");
      const run = await runOnce(r.spec, f);
      check(r, run, f);
      process.stdout.write(` ${fmtS(run.wallMs)}${r.error ? ` ERROR ${r.error}` : ""}\n`);
    }
  }
  for (let i = 0; i < runs; i++) {
    const order = results.map((_, k) => results[(k + i) % results.length]);
    for (const r of order) {
      if (r.error || r.runs.length >= (r.spec.maxRuns ?? runs)) continue;
      // Without a warm-up the first timed run is captured to a file, to check it.
      const f = (!warmup || r.spec.warmup === false) && r.runs.length === 0 ? capture(r, "first") : null;
      await waitQuiet();
      const run = await runOnce(r.spec, f);
      check(r, run, f);
      if (!r.error) r.runs.push(run);
    }
    process.stdout.write(`    run ${i + 1}/${runs}: ${results.map((r) => `${r.spec.label} ${r.error ? "ERROR" : fmtS(r.runs.at(-1)?.wallMs)}`).join(", ")}${otherNote(results)}\n`);
  }
  return results.map(summarize);
}

function otherNote(results) {
  const o = results.map((r) => r.runs.at(-1)?.otherCores).filter((x) => x != null);
  const m = o.length ? Math.max(...o) : 0;
  return m > NOISY ? ` [other load ${m.toFixed(2)} cores]` : "";
}

function summarize(r) {
  const walls = r.runs.map((x) => x.wallMs);
  const rss = r.runs.map((x) => x.rssKB).filter((x) => x != null);
  const cpu = r.runs.map((x) => x.cpuS).filter((x) => x != null);
  const medianMs = walls.length ? median(walls) : null;
  const files = r.spec.files ?? null;
  return {
    id: r.spec.id,
    label: r.spec.label,
    tool: r.spec.tool,
    command: r.spec.display ?? [r.spec.cmd, ...r.spec.args].join(" "),
    cwd: r.spec.cwd,
    files,
    runs: r.runs.length,
    wallMs: { median: medianMs, min: walls.length ? Math.min(...walls) : null, max: walls.length ? Math.max(...walls) : null, all: walls.map((x) => +x.toFixed(1)) },
    rssKB: { median: rss.length ? median(rss) : null, max: rss.length ? Math.max(...rss) : null },
    cpuS: cpu.length ? +median(cpu).toFixed(3) : null,
    otherCores: (() => {
      const o = r.runs.map((x) => x.otherCores).filter((x) => x != null);
      return o.length ? +median(o).toFixed(2) : null;
    })(),
    filesPerSecond: files && medianMs ? files / (medianMs / 1000) : null,
    exitCodes: [...new Set(r.runs.map((x) => x.exit))],
    validation: r.validation,
    error: r.error,
  };
}

function printRow(m) {
  if (m.error) {
    log(`    ${pad(m.label, 16)} ERROR: ${m.error}`);
    return;
  }
  const spread = m.runs > 1 ? `(min ${fmtS(m.wallMs.min)}, max ${fmtS(m.wallMs.max)}, n=${m.runs})` : `(n=1)`;
  log(`    ${pad(m.label, 16)} median ${lpad(fmtS(m.wallMs.median), 8)} ${pad(spread, 34)} ${m.files ? `${lpad(fmtRate(m.filesPerSecond), 7)} files/s` : "             "}  peak RSS ${lpad(fmtMB(m.rssKB.median), 6)}  CPU ${m.cpuS != null ? `${m.cpuS.toFixed(2)} s` : "—"}` +
    (m.otherCores != null && m.otherCores > NOISY ? `  (noisy: other processes kept ${m.otherCores.toFixed(2)} cores busy)` : ""));
}

// Validators of the captured output of a warm-up (or first) run.

const isolintValidator = (expected) => (file) => {
  const r = JSON.parse(readFileSync(file, "utf8"));
  const n = r.summary?.files;
  if (expected != null && n !== expected) throw new Error(`isolint linted ${n} files, expected ${expected}`);
  return { files: n, findings: r.findings.length, errors: r.summary.errors, warnings: r.summary.warnings, infos: r.summary.infos };
};

const dockerfilelintValidator = (expected) => (file) => {
  const r = JSON.parse(readFileSync(file, "utf8"));
  const files = r.files ?? [];
  if (files.some((f) => f.file === "<contents>")) throw new Error("dockerfilelint took a path for Dockerfile contents (file missing?)");
  if (files.length !== expected) throw new Error(`dockerfilelint reported ${files.length} files, expected ${expected}`);
  return { files: files.length, findings: r.totalIssues ?? files.reduce((a, f) => a + (f.issues_count ?? 0), 0) };
};

const dclintValidator = (expected) => (file) => {
  const r = JSON.parse(readFileSync(file, "utf8"));
  if (!Array.isArray(r)) throw new Error("DCLint JSON output is not an array");
  if (r.length !== expected) throw new Error(`DCLint reported ${r.length} files, expected ${expected}`);
  return { files: r.length, findings: r.reduce((a, f) => a + (f.messages?.length ?? 0), 0) };
};

const isolintOk = (code) => code === 0 || code === 1; // 1 = findings; 2 = error
const anyExit = () => true;

// ---------------------------------------------------------------------------------------------
// Synthetic monorepo generator (deterministic)

const GENERATOR_VERSION = 1;
const SEED = 0x15011e7;
const TARGET = { dockerfiles: 10_000, compose: 2_000, vm: 200 };

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRng(seed) {
  const next = mulberry32(seed);
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    weighted: (obj) => {
      const entries = Object.entries(obj);
      let x = next() * entries.reduce((a, [, w]) => a + w, 0);
      for (const [k, w] of entries) if ((x -= w) < 0) return k;
      return entries.at(-1)[0];
    },
    sample: (arr, k) => {
      const a = [...arr];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a.slice(0, Math.min(k, a.length));
    },
    hex: (n) => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(next() * 16)]).join(""),
  };
  return r;
}

const TEAMS = ["payments", "billing", "identity", "search", "catalog", "checkout", "growth", "ml-platform", "data-eng", "infra", "observability", "mobile-api", "notifications", "fraud", "ledger", "pricing", "inventory", "shipping", "support", "analytics", "recommendations", "media", "messaging", "onboarding", "compliance", "security", "devex", "edge", "maps", "ads", "partner-api", "reporting", "scheduling", "loyalty", "content", "localization", "experiments", "storage", "streaming", "core"];
const TENANTS = ["acme", "globex", "initech", "umbrella", "hooli", "soylent", "stark", "wayne"];
const SVC_A = ["order", "user", "account", "invoice", "payment", "session", "token", "profile", "cart", "product", "price", "stock", "event", "audit", "report", "email", "sms", "push", "feed", "index", "query", "image", "video", "file", "geo", "rate", "quota", "config", "feature", "ledger", "refund", "coupon", "review", "rank", "score", "model", "batch", "stream", "sync", "export"];
const SVC_B = ["api", "service", "worker", "gateway", "consumer", "producer", "scheduler", "processor", "indexer", "exporter", "web", "admin", "proxy", "cron", "router", "store", "cache", "bridge", "agent", "sidecar"];
const DOMAINS = ["commerce", "platform", "finance", "people", "marketing", "logistics", "internal", "public"];

const FAMILY_WEIGHTS = { node: 24, python: 20, go: 18, java: 10, frontend: 8, rust: 5, ruby: 4, php: 4, legacy: 7 };
const APT_PKGS = ["ca-certificates", "curl", "wget", "git", "gnupg", "dirmngr", "tzdata", "locales", "openssl", "libssl3", "libpq5", "libpq-dev", "build-essential", "gcc", "g++", "make", "pkg-config", "unzip", "xz-utils", "procps", "netcat-openbsd", "dumb-init", "tini", "jq", "less", "vim-tiny", "iproute2", "iputils-ping", "dnsutils", "libxml2", "libxslt1.1", "zlib1g", "libffi8", "libjpeg62-turbo", "libpng16-16", "fonts-dejavu-core", "python3", "python3-pip", "openssh-client", "rsync", "sqlite3", "libsqlite3-0", "libcurl4", "libicu72", "gosu"];
const APK_PKGS = ["ca-certificates", "curl", "git", "tzdata", "bash", "openssl", "libc6-compat", "tini", "su-exec", "jq", "icu-libs", "libpq", "postgresql-client", "zlib", "libstdc++", "musl-dev", "gcc", "make"];
const DESCRIPTIONS = ["production image", "built by CI on every merge to main", "see docs/runbook.md", "multi-stage build, keep the final stage small", "DO NOT EDIT: generated from the service template", "used by the nightly jobs", "local development image", "integration test runner"];
const COMMON_PORTS = [3000, 3001, 4000, 5000, 8000, 8080, 8081, 8443, 8888, 9000, 9090, 9100, 50051];
const ADMIN_PORTS = [22, 2375, 3389, 5900, 5985, 23];

function dfHeader(r, ctx, L) {
  if (r.chance(0.35)) L.push(`# syntax=docker/dockerfile:${r.pick(["1", "1.7", "1.4", "1-labs"])}`);
  if (r.chance(0.6)) L.push(`# ${ctx.svc} (${ctx.team}): ${r.pick(DESCRIPTIONS)}`);
  if (r.chance(0.2)) L.push(`# Build: docker build -t ${ctx.team}/${ctx.svc}:dev -f ${ctx.file} .`);
  if (r.chance(0.03)) L.push(`# isolint-ignore-file ${r.pick(["no-root-user", "pinned-base-image", "healthcheck-defined"])} -- legacy image, tracked in ${ctx.team.toUpperCase()}-${r.int(100, 999)}`);
  if (r.chance(0.25)) L.push(`ARG BUILD_DATE`, `ARG VCS_REF`);
}

function pinned(r, image) {
  // Mostly tags; some digests; some floating (latest / no tag) as real repos do.
  const x = r.next();
  if (x < 0.1) return `${image}@sha256:${r.hex(64)}`;
  if (x < 0.14) return image.replace(/:.*$/, "");
  if (x < 0.17) return image.replace(/:.*$/, ":latest");
  return image;
}

function aptChain(r, n, extra = []) {
  const pkgs = [...new Set([...r.sample(APT_PKGS, n), ...extra])].sort();
  const variant = r.int(0, 2);
  if (variant === 0) {
    return [`RUN apt-get update \\`, `    && apt-get install -y --no-install-recommends \\`, ...pkgs.map((p) => `        ${p} \\`), `    && rm -rf /var/lib/apt/lists/*`];
  }
  if (variant === 1) {
    return [`RUN set -eux; \\`, `    apt-get update; \\`, `    apt-get install -y --no-install-recommends ${pkgs.slice(0, 3).join(" ")} \\`, ...pkgs.slice(3).map((p) => `        ${p} \\`), `    ; \\`, `    apt-get clean; \\`, `    rm -rf /var/lib/apt/lists/*`];
  }
  return [`RUN apt-get update && apt-get install -y \\`, ...pkgs.map((p) => `    ${p} \\`), `    --no-install-recommends \\`, `    && rm -rf /var/lib/apt/lists/*`];
}

const apk = (r, n, extra = []) => {
  const pkgs = [...new Set([...r.sample(APK_PKGS, n), ...extra])].sort();
  return pkgs.length > 4 ? [`RUN apk add --no-cache \\`, ...pkgs.map((p, i) => `    ${p}${i < pkgs.length - 1 ? " \\" : ""}`)] : [`RUN apk add --no-cache ${pkgs.join(" ")}`];
};

function ociLabels(r, ctx) {
  return [
    `LABEL org.opencontainers.image.title="${ctx.svc}" \\`,
    `      org.opencontainers.image.source="https://git.example.com/${ctx.team}/${ctx.svc}" \\`,
    `      org.opencontainers.image.vendor="Example Corp" \\`,
    `      org.opencontainers.image.revision="\${VCS_REF}" \\`,
    `      org.opencontainers.image.created="\${BUILD_DATE}" \\`,
    `      com.example.team="${ctx.team}"`,
  ];
}

function heredoc(r, ctx) {
  if (r.chance(0.5)) {
    return [`RUN <<EOF`, `set -eux`, `groupadd --system --gid 10001 app`, `useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app`, `mkdir -p /app/data /app/tmp`, `chown -R app:app /app`, `EOF`];
  }
  return [`COPY <<EOF /etc/${ctx.svc}/config.yaml`, `listen: 0.0.0.0:${ctx.port}`, `log_level: \${LOG_LEVEL:-info}`, `metrics:`, `  enabled: true`, `  path: /metrics`, `EOF`];
}

function dfTail(r, ctx, L, { user, cmd, healthUrl = true }) {
  if (r.chance(0.12)) L.push(...heredoc(r, ctx));
  if (r.chance(0.05)) L.push(`ENV ${r.pick(["API_KEY", "AWS_SECRET_ACCESS_KEY", "DB_PASSWORD", "GITHUB_TOKEN", "STRIPE_SECRET_KEY"])}=${r.pick(["changeme", "sk_live_" + r.hex(24), "AKIA" + r.hex(16).toUpperCase(), "hunter2"])}`);
  if (r.chance(0.04)) L.push(`RUN apt-get update && apt-get install -y sudo && echo "app ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers`);
  if (r.chance(0.1)) L.push(`VOLUME ["/app/data"]`);
  const ports = [ctx.port];
  if (r.chance(0.2)) ports.push(r.pick([9090, 9100, 8081]));
  if (r.chance(0.05)) ports.push(r.pick(ADMIN_PORTS));
  if (r.chance(0.85)) L.push(`EXPOSE ${ports.join(" ")}`);
  if (r.chance(0.4) && healthUrl) {
    L.push(`HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \\`, `  CMD ${r.pick([`curl -fsS http://localhost:${ctx.port}/healthz || exit 1`, `wget -qO- http://127.0.0.1:${ctx.port}/health || exit 1`, `["/app/healthcheck"]`])}`);
  }
  if (r.chance(0.05)) L.push(`STOPSIGNAL SIGTERM`);
  const u = r.next();
  if (u < 0.6) L.push(`USER ${user}`);
  else if (u < 0.68) L.push(`USER root`);
  else if (u < 0.75) L.push(`USER 10001:10001`);
  if (r.chance(0.03)) {
    L.push(`CMD ["/usr/bin/supervisord", "-n", "-c", "/etc/supervisor/supervisord.conf"]`);
  } else if (r.chance(0.15)) {
    L.push(`CMD ${cmd.map((a) => a).join(" ")}`); // shell form
  } else {
    if (r.chance(0.2)) L.push(`ENTRYPOINT ["/usr/bin/tini", "--"]`);
    L.push(`CMD [${cmd.map((a) => JSON.stringify(a)).join(", ")}]`);
  }
}

const DF = {
  node(r, ctx, L) {
    const base = r.pick(["node:22-bookworm-slim", "node:20-alpine", "node:22-alpine", "node:20-bookworm", "node:22"]);
    const multi = r.chance(0.7);
    if (r.chance(0.3)) L.push(`ARG NODE_ENV=production`);
    if (multi) {
      L.push("", `FROM ${pinned(r, base)} AS deps`, `WORKDIR /app`, `COPY package.json package-lock.json ./`);
      if (r.chance(0.05)) L.push(`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --omit=dev`);
      else L.push(`RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev`);
      L.push("", `FROM deps AS build`, `COPY tsconfig*.json ./`, `COPY src ./src`, `RUN npm ci && npm run build${r.chance(0.5) ? " && npm prune --omit=dev" : ""}`, "");
    }
    L.push(`FROM ${pinned(r, base)}${multi ? " AS runtime" : ""}`);
    if (r.chance(0.45)) L.push(...ociLabels(r, ctx));
    L.push(`ENV NODE_ENV=production \\`, `    PORT=${ctx.port} \\`, `    LOG_LEVEL=info`);
    L.push(`WORKDIR /app`);
    if (base.includes("alpine")) { if (r.chance(0.6)) L.push(...apk(r, r.int(2, 6), ["tini"])); }
    else if (r.chance(0.6)) L.push(...aptChain(r, r.int(2, 8), ["ca-certificates"]));
    if (multi) L.push(`COPY --from=deps /app/node_modules ./node_modules`, `COPY --from=build --chown=node:node /app/dist ./dist`, `COPY package.json ./`);
    else L.push(`COPY package*.json ./`, `RUN npm ci --omit=dev && npm cache clean --force`, `COPY --chown=node:node . .`);
    dfTail(r, ctx, L, { user: "node", cmd: ["node", "dist/server.js"] });
  },
  python(r, ctx, L) {
    const v = r.pick(["3.12", "3.11", "3.13", "3.10"]);
    const base = r.pick([`python:${v}-slim`, `python:${v}-slim-bookworm`, `python:${v}-alpine`, `python:${v}`]);
    const multi = r.chance(0.5) && !base.includes("alpine");
    if (multi) {
      L.push("", `FROM ${pinned(r, base)} AS builder`, `ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1`, `WORKDIR /build`);
      L.push(...aptChain(r, r.int(2, 6), ["build-essential", "libpq-dev"]));
      L.push(`COPY requirements.txt .`, `RUN pip wheel --wheel-dir /wheels -r requirements.txt`, "");
    }
    L.push(`FROM ${pinned(r, base)}`);
    if (r.chance(0.45)) L.push(...ociLabels(r, ctx));
    L.push(`ENV PYTHONDONTWRITEBYTECODE=1 \\`, `    PYTHONUNBUFFERED=1 \\`, `    APP_HOME=/app`);
    if (base.includes("alpine")) L.push(...apk(r, r.int(2, 6), ["libpq"]));
    else if (r.chance(0.7)) L.push(...aptChain(r, r.int(2, 9), ["libpq5"]));
    if (r.chance(0.5)) L.push(`RUN useradd --create-home --uid 10001 app`);
    L.push(`WORKDIR /app`);
    if (multi) L.push(`COPY --from=builder /wheels /wheels`, `RUN pip install --no-index --find-links=/wheels /wheels/* && rm -rf /wheels`);
    else L.push(`COPY requirements.txt .`, `RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt`);
    L.push(`COPY --chown=app:app . .`);
    const cmd = r.pick([["gunicorn", "-b", `0.0.0.0:${ctx.port}`, "-w", "4", "app.wsgi:application"], ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", String(ctx.port)], ["python", "-m", "app"], ["celery", "-A", "app", "worker", "-l", "info"]]);
    dfTail(r, ctx, L, { user: "app", cmd });
  },
  go(r, ctx, L) {
    const gv = r.pick(["1.23", "1.22", "1.24"]);
    L.push("", `FROM ${pinned(r, `golang:${gv}-${r.pick(["alpine", "bookworm"])}`)} AS build`);
    if (r.chance(0.6)) L.push(`RUN apk add --no-cache git ca-certificates || (apt-get update && apt-get install -y git ca-certificates)`);
    L.push(`WORKDIR /src`, `COPY go.mod go.sum ./`, `RUN --mount=type=cache,target=/go/pkg/mod go mod download`, `COPY . .`);
    L.push(`ARG VERSION=dev`, `RUN --mount=type=cache,target=/root/.cache/go-build \\`, `    --mount=type=cache,target=/go/pkg/mod \\`, `    CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w -X main.version=\${VERSION}" -o /out/${ctx.svc} ./cmd/${ctx.svc}`);
    if (r.chance(0.3)) L.push(`RUN go test ./... -run Unit -count=1`);
    L.push("");
    const final = r.pick(["gcr.io/distroless/static-debian12:nonroot", "scratch", "alpine:3.20", "gcr.io/distroless/base-debian12", "debian:bookworm-slim"]);
    L.push(`FROM ${final === "scratch" ? final : pinned(r, final)}`);
    if (r.chance(0.45)) L.push(...ociLabels(r, ctx));
    if (final === "scratch") L.push(`COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`);
    if (final.startsWith("alpine")) L.push(...apk(r, r.int(1, 4), ["ca-certificates"]));
    if (final.startsWith("debian")) L.push(...aptChain(r, r.int(1, 4), ["ca-certificates"]));
    L.push(`COPY --from=build /out/${ctx.svc} /usr/local/bin/${ctx.svc}`);
    dfTail(r, ctx, L, { user: final.includes("distroless") ? "nonroot:nonroot" : "65532:65532", cmd: [`/usr/local/bin/${ctx.svc}`, "serve"], healthUrl: !final.includes("distroless") && final !== "scratch" });
  },
  java(r, ctx, L) {
    const jv = r.pick(["21", "17"]);
    const gradle = r.chance(0.4);
    L.push("", `FROM ${pinned(r, gradle ? `gradle:8.10-jdk${jv}` : `maven:3.9-eclipse-temurin-${jv}`)} AS build`, `WORKDIR /workspace`);
    if (gradle) L.push(`COPY build.gradle.kts settings.gradle.kts ./`, `COPY gradle ./gradle`, `RUN gradle dependencies --no-daemon -q`, `COPY src ./src`, `RUN gradle bootJar --no-daemon -x test`);
    else L.push(`COPY pom.xml .`, `RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline`, `COPY src ./src`, `RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests`);
    L.push("", `FROM ${pinned(r, `eclipse-temurin:${jv}-jre${r.chance(0.4) ? "-alpine" : ""}`)}`);
    if (r.chance(0.45)) L.push(...ociLabels(r, ctx));
    L.push(`RUN groupadd --system spring && useradd --system --gid spring spring`, `WORKDIR /app`);
    L.push(`COPY --from=build /workspace/${gradle ? "build/libs" : "target"}/*.jar /app/app.jar`);
    L.push(`ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \\`, `    SERVER_PORT=${ctx.port}`);
    dfTail(r, ctx, L, { user: "spring:spring", cmd: ["java", "-jar", "/app/app.jar"] });
  },
  frontend(r, ctx, L) {
    L.push("", `FROM ${pinned(r, r.pick(["node:20-alpine", "node:22-alpine"]))} AS build`, `WORKDIR /app`, `COPY package.json package-lock.json ./`, `RUN npm ci`, `COPY . .`, `ARG API_URL=https://api.example.com`, `RUN npm run build`, "");
    const base = r.pick(["nginx:1.27-alpine", "nginxinc/nginx-unprivileged:1.27-alpine", "nginx:stable", "caddy:2.8-alpine"]);
    L.push(`FROM ${pinned(r, base)}`);
    if (r.chance(0.45)) L.push(...ociLabels(r, ctx));
    if (base.startsWith("caddy")) {
      L.push(`COPY Caddyfile /etc/caddy/Caddyfile`, `COPY --from=build /app/dist /srv`);
      ctx.port = 80;
      dfTail(r, ctx, L, { user: "caddy", cmd: ["caddy", "run", "--config", "/etc/caddy/Caddyfile"] });
    } else {
      L.push(`COPY nginx/default.conf /etc/nginx/conf.d/default.conf`, `COPY --from=build /app/dist /usr/share/nginx/html`);
      if (r.chance(0.3)) L.push(`RUN chown -R nginx:nginx /usr/share/nginx/html /var/cache/nginx && \\`, `    touch /var/run/nginx.pid && chown nginx:nginx /var/run/nginx.pid`);
      ctx.port = base.includes("unprivileged") ? 8080 : 80;
      dfTail(r, ctx, L, { user: "nginx", cmd: ["nginx", "-g", "daemon off;"] });
    }
  },
  rust(r, ctx, L) {
    L.push("", `FROM ${pinned(r, r.pick(["rust:1.82-bookworm", "rust:1.81-slim", "rust:1.83-alpine"]))} AS builder`, `WORKDIR /usr/src/${ctx.svc}`);
    L.push(`COPY Cargo.toml Cargo.lock ./`, `RUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo build --release && rm -rf src`, `COPY . .`, `RUN cargo build --release --locked`, "");
    L.push(`FROM ${pinned(r, "debian:bookworm-slim")}`);
    L.push(...aptChain(r, r.int(1, 5), ["ca-certificates", "libssl3"]));
    L.push(`COPY --from=builder /usr/src/${ctx.svc}/target/release/${ctx.svc} /usr/local/bin/${ctx.svc}`);
    dfTail(r, ctx, L, { user: "10001", cmd: [ctx.svc] });
  },
  ruby(r, ctx, L) {
    L.push("", `FROM ${pinned(r, r.pick(["ruby:3.3-slim", "ruby:3.2-slim-bookworm", "ruby:3.3"]))}`);
    L.push(...aptChain(r, r.int(3, 8), ["build-essential", "libpq-dev", "nodejs"]));
    L.push(`WORKDIR /app`, `ENV RAILS_ENV=production BUNDLE_WITHOUT="development:test" RAILS_LOG_TO_STDOUT=1`);
    L.push(`COPY Gemfile Gemfile.lock ./`, `RUN bundle install --jobs 4 --retry 3 && rm -rf ~/.bundle/cache`, `COPY . .`, `RUN SECRET_KEY_BASE=dummy bundle exec rake assets:precompile`);
    L.push(`RUN useradd rails --create-home --shell /bin/bash && chown -R rails:rails db log storage tmp`);
    dfTail(r, ctx, L, { user: "rails:rails", cmd: ["bundle", "exec", "puma", "-C", "config/puma.rb"] });
  },
  php(r, ctx, L) {
    const base = r.pick(["php:8.3-fpm-alpine", "php:8.2-apache", "php:8.3-fpm"]);
    L.push("", `FROM ${pinned(r, base)}`);
    if (base.includes("alpine")) {
      L.push(`RUN apk add --no-cache --virtual .build-deps $PHPIZE_DEPS icu-dev libzip-dev \\`, `    && docker-php-ext-install -j"$(nproc)" intl pdo_mysql zip opcache \\`, `    && apk del .build-deps`);
    } else {
      L.push(...aptChain(r, r.int(2, 6), ["libzip-dev", "libicu-dev"]), `RUN docker-php-ext-install -j"$(nproc)" intl pdo_mysql zip opcache`);
    }
    L.push(`COPY --from=composer:2 /usr/bin/composer /usr/bin/composer`, `WORKDIR /var/www/html`, `COPY composer.json composer.lock ./`, `RUN composer install --no-dev --no-scripts --no-autoloader --prefer-dist`, `COPY . .`, `RUN composer dump-autoload --optimize`);
    ctx.port = base.includes("apache") ? 80 : 9000;
    dfTail(r, ctx, L, { user: "www-data", cmd: [base.includes("apache") ? "apache2-foreground" : "php-fpm"] });
  },
  legacy(r, ctx, L) {
    // Hand-written tool images: old syntax, one big apt chain, curl | sh, ADD from URL.
    L.push(`FROM ${pinned(r, r.pick(["ubuntu:22.04", "ubuntu:24.04", "debian:bookworm", "debian:bullseye", "centos:7", "ubuntu"]))}`);
    L.push(`LABEL maintainer "${r.pick(["Jane Doe", "Ops Team", "Build Bot"])} <${ctx.team}@example.com>"`);
    L.push(`ENV DEBIAN_FRONTEND noninteractive`, `ENV LANG C.UTF-8`);
    L.push(...aptChain(r, r.int(6, 18), r.chance(0.2) ? ["openssh-server", "supervisor"] : []));
    if (r.chance(0.4)) L.push(`RUN curl -fsSL https://get.example.com/install.sh | sh`);
    if (r.chance(0.4)) L.push(`ADD https://github.com/example/${ctx.svc}/releases/download/v${r.int(1, 4)}.${r.int(0, 20)}.${r.int(0, 9)}/${ctx.svc}-linux-amd64.tar.gz /tmp/`, `RUN tar -xzf /tmp/${ctx.svc}-linux-amd64.tar.gz -C /usr/local/bin && rm /tmp/*.tar.gz`);
    if (r.chance(0.3)) L.push(`RUN useradd --create-home --shell /bin/bash user \\`, `    && mkdir -p /home/user/.config \\`, `    && chown -R user:user /home/user`);
    L.push(`COPY entrypoint.sh /usr/local/bin/entrypoint.sh`, `WORKDIR /home/user`);
    dfTail(r, ctx, L, { user: "user", cmd: ["/usr/local/bin/entrypoint.sh"] });
  },
};

const STEP_COMMENTS = [
  [/^FROM .* AS (build|builder|deps)/, ["Build stage: compilers and dev dependencies stay here", "---- build ----", "Dependencies are cached in their own layer"]],
  [/^FROM /, ["Runtime stage: only what the service needs", "---- runtime ----", "Final image"]],
  [/^RUN (apt-get|apk|set -eux)/, ["System packages (keep the list sorted)", "Install OS dependencies and clean the package cache in the same layer", "Runtime libraries"]],
  [/^COPY --from=/, ["Copy the build output only", "Artifacts from the build stage"]],
  [/^COPY (package|requirements|go\.mod|pom|Cargo|Gemfile|composer)/, ["Dependency manifests first, for layer caching", "Copy the lockfile before the sources"]],
  [/^USER /, ["Drop privileges", "Never run as root in production"]],
  [/^HEALTHCHECK/, ["Liveness probe, also used by compose", "Health endpoint served by the app"]],
  [/^EXPOSE/, ["HTTP port (and metrics)", "Ports the service listens on"]],
  [/^(CMD|ENTRYPOINT)/, ["Start the service", "PID 1"]],
  [/^ENV /, ["Defaults, overridable at run time", "Runtime configuration"]],
];

function genDockerfile(r, ctx) {
  const L = [];
  dfHeader(r, ctx, L);
  DF[ctx.family](r, ctx, L);
  // Some authors comment every step; some don't comment at all.
  const commented = r.chance(0.55);
  const out = [];
  for (const line of L) {
    if (commented) {
      const c = STEP_COMMENTS.find(([re]) => re.test(line));
      if (c && !(line.startsWith("CMD") && out.at(-1)?.startsWith("ENTRYPOINT"))) out.push(...(out.length && out.at(-1) !== "" && line.startsWith("FROM ") ? [""] : []), `# ${r.pick(c[1])}`);
    }
    out.push(line);
  }
  // Realistic size: pad small files with the comments and labels real files carry.
  while (out[0] === "") out.shift();
  let text = out.join("\n") + "\n";
  while (text.length < 520) {
    text = `# Maintainer: ${ctx.team}@example.com\n# Run locally: docker run --rm -p ${ctx.port}:${ctx.port} ${ctx.team}/${ctx.svc}:dev\n${text}`;
  }
  return text;
}

// Compose

const DATASTORES = [
  { name: "db", image: "postgres:16-alpine", port: 5432, data: "/var/lib/postgresql/data", env: { POSTGRES_DB: "app", POSTGRES_USER: "app", POSTGRES_PASSWORD: "example" }, hc: ["CMD-SHELL", "pg_isready -U app"] },
  { name: "postgres", image: "postgres:15", port: 5432, data: "/var/lib/postgresql/data", env: { POSTGRES_PASSWORD_FILE: "/run/secrets/db_password" }, hc: ["CMD-SHELL", "pg_isready"] },
  { name: "mysql", image: "mysql:8.4", port: 3306, data: "/var/lib/mysql", env: { MYSQL_ROOT_PASSWORD: "root", MYSQL_DATABASE: "app" }, hc: ["CMD", "mysqladmin", "ping", "-h", "localhost"] },
  { name: "mariadb", image: "mariadb:11", port: 3306, data: "/var/lib/mysql", env: { MARIADB_RANDOM_ROOT_PASSWORD: "yes" }, hc: ["CMD", "healthcheck.sh", "--connect"] },
  { name: "redis", image: "redis:7-alpine", port: 6379, data: "/data", env: null, hc: ["CMD", "redis-cli", "ping"] },
  { name: "cache", image: "memcached:1.6-alpine", port: 11211, data: null, env: null, hc: null },
  { name: "mongo", image: "mongo:7", port: 27017, data: "/data/db", env: { MONGO_INITDB_ROOT_USERNAME: "root", MONGO_INITDB_ROOT_PASSWORD: "example" }, hc: null },
  { name: "elasticsearch", image: "docker.elastic.co/elasticsearch/elasticsearch:8.15.0", port: 9200, data: "/usr/share/elasticsearch/data", env: { "discovery.type": "single-node", ES_JAVA_OPTS: "-Xms512m -Xmx512m" }, hc: null },
  { name: "rabbitmq", image: "rabbitmq:3.13-management", port: 5672, data: "/var/lib/rabbitmq", env: { RABBITMQ_DEFAULT_USER: "guest", RABBITMQ_DEFAULT_PASS: "guest" }, hc: null },
  { name: "kafka", image: "bitnami/kafka:3.7", port: 9092, data: "/bitnami/kafka", env: { KAFKA_CFG_NODE_ID: "0", KAFKA_CFG_PROCESS_ROLES: "controller,broker", KAFKA_CFG_LISTENERS: "PLAINTEXT://:9092,CONTROLLER://:9093" }, hc: null },
  { name: "minio", image: "minio/minio:RELEASE.2024-09-13T20-26-02Z", port: 9000, data: "/data", env: { MINIO_ROOT_USER: "minio", MINIO_ROOT_PASSWORD: "minio123" }, hc: null },
];
const SIDECARS = [
  { name: "proxy", image: "nginx:1.27-alpine", port: 80 },
  { name: "traefik", image: "traefik:v3.1", port: 80, sock: true },
  { name: "prometheus", image: "prom/prometheus:v2.54.1", port: 9090 },
  { name: "grafana", image: "grafana/grafana:11.2.0", port: 3000 },
  { name: "adminer", image: "adminer", port: 8080 },
  { name: "mailhog", image: "mailhog/mailhog:latest", port: 8025 },
  { name: "jaeger", image: "jaegertracing/all-in-one:1.60", port: 16686 },
];

const yq = (s) => (/^[\w./-]+$/.test(s) && !/^(true|false|yes|no|null|on|off|\d[\d.]*)$/i.test(s) ? s : JSON.stringify(s));

function portLines(r, ind, port, pub) {
  const x = r.next();
  if (x < 0.55) return [`${ind}- "${pub}:${port}"`];
  if (x < 0.75) return [`${ind}- "127.0.0.1:${pub}:${port}"`];
  if (x < 0.85) return [`${ind}- ${pub}:${port}`];
  if (x < 0.95) return [`${ind}- target: ${port}`, `${ind}  published: "${pub}"`, `${ind}  protocol: tcp`, ...(r.chance(0.5) ? [`${ind}  host_ip: 127.0.0.1`] : [])];
  return [`${ind}- "${port}"`];
}

function envLines(r, ind, env) {
  const entries = Object.entries(env);
  if (r.chance(0.35)) return [`${ind}environment:`, ...entries.map(([k, v]) => `${ind}  - ${k}=${v}`)];
  return [`${ind}environment:`, ...entries.map(([k, v]) => `${ind}  ${k}: ${yq(String(v))}`)];
}

/** builds: [{ context, dockerfile, name, family }] relative to the compose file's directory. */
function genCompose(r, { team, tenant, stack, builds }) {
  const L = [];
  if (r.chance(0.5)) L.push(`# ${stack}: ${r.pick(["local development stack", "integration environment", "production-like stack for load tests", "docker compose up -d"])}`);
  if (r.chance(0.12)) L.push(`version: "${r.pick(["3.8", "3.9", "3"])}"`);
  if (r.chance(0.5)) L.push(`name: ${stack}`);
  const anchors = r.chance(0.45);
  const envAnchor = r.chance(0.25);
  if (anchors) {
    L.push("", `x-logging: &default-logging`, `  driver: json-file`, `  options:`, `    max-size: "10m"`, `    max-file: "3"`, "", `x-common: &common`, `  restart: ${r.pick(["unless-stopped", "always", "on-failure"])}`, `  logging: *default-logging`);
    if (r.chance(0.5)) L.push(`  security_opt:`, `    - no-new-privileges:true`);
    if (r.chance(0.4)) L.push(`  deploy:`, `    resources:`, `      limits:`, `        cpus: "${r.pick(["0.25", "0.5", "1", "2"])}"`, `        memory: ${r.pick(["128M", "256M", "512M", "1G"])}`);
  }
  if (envAnchor) L.push("", `x-env: &default-env`, `  TZ: UTC`, `  LOG_FORMAT: json`, `  OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector:4317`);
  L.push("", `services:`);
  const nServices = r.int(2, 8);
  const namedVolumes = [];
  const secrets = [];
  const names = new Set();
  const apps = builds.slice(0, Math.max(1, Math.min(builds.length, nServices - 1)));
  let pubPort = r.int(30, 90) * 100;
  const datastores = [];
  for (let i = 0; i < nServices; i++) {
    const ind = "    ";
    let name;
    const lines = [];
    if (i < apps.length) {
      const b = apps[i];
      name = b.name;
      let nm = name;
      for (let k = 2; names.has(nm); k++) nm = `${name}-${k}`;
      name = nm;
      lines.push(`  ${name}:`);
      if (anchors && r.chance(0.8)) lines.push(`${ind}<<: *common`);
      if (b.dockerfile === "Dockerfile" && r.chance(0.5)) lines.push(`${ind}build: ${b.context}`);
      else {
        lines.push(`${ind}build:`, `${ind}  context: ${b.context}`);
        if (b.dockerfile !== "Dockerfile") lines.push(`${ind}  dockerfile: ${b.dockerfile}`);
        if (r.chance(0.3)) lines.push(`${ind}  args:`, `${ind}    VERSION: "\${VERSION:-dev}"`);
        if (r.chance(0.15)) lines.push(`${ind}  target: ${r.pick(["runtime", "build", "dev"])}`);
      }
      if (r.chance(0.5)) lines.push(`${ind}image: registry.example.com/${team}/${b.name}:\${TAG:-latest}`);
      const port = b.port;
      if (r.chance(0.8)) lines.push(`${ind}ports:`, ...portLines(r, `${ind}  `, port, pubPort++));
      const env = { LOG_LEVEL: r.pick(["info", "debug", "warn"]), PORT: port };
      if (r.chance(0.5)) env.DATABASE_URL = `postgres://app:\${POSTGRES_PASSWORD:-example}@db:5432/app`;
      if (r.chance(0.3)) env.REDIS_URL = "redis://redis:6379/0";
      if (r.chance(0.05)) env.API_SECRET = "s3cr3t-" + r.hex(12);
      if (envAnchor && r.chance(0.7)) lines.push(`${ind}environment:`, `${ind}  <<: *default-env`, ...Object.entries(env).map(([k, v]) => `${ind}  ${k}: ${yq(String(v))}`));
      else lines.push(...envLines(r, ind, env));
      if (r.chance(0.3)) lines.push(`${ind}env_file:`, `${ind}  - .env`);
      const vols = [];
      if (r.chance(0.5)) vols.push(`${ind}  - ./config:/app/config:ro`, ...(r.chance(0.3) ? [`${ind}  - type: bind`, `${ind}    source: ./data`, `${ind}    target: /app/data`] : []));
      if (r.chance(0.04)) vols.push(`${ind}  - /var/run/docker.sock:/var/run/docker.sock`);
      if (vols.length) lines.push(`${ind}volumes:`, ...vols);
      if (r.chance(0.03)) lines.push(`${ind}privileged: true`);
      if (r.chance(0.02)) lines.push(`${ind}network_mode: host`);
      if (r.chance(0.05)) lines.push(`${ind}runtime: ${r.pick(["runsc", "kata", "io.containerd.kata.v2"])}`);
      if (r.chance(0.35)) lines.push(`${ind}user: "${r.pick(["1000:1000", "10001", "node", "app", "root"])}"`);
      if (r.chance(0.4)) lines.push(`${ind}healthcheck:`, `${ind}  test: ["CMD", "curl", "-fsS", "http://localhost:${port}/healthz"]`, `${ind}  interval: 30s`, `${ind}  timeout: 5s`, `${ind}  retries: 3`);
      if (!anchors && r.chance(0.4)) lines.push(`${ind}deploy:`, `${ind}  replicas: ${r.int(1, 3)}`, `${ind}  resources:`, `${ind}    limits:`, `${ind}      cpus: "${r.pick(["0.5", "1", "2"])}"`, `${ind}      memory: ${r.pick(["256M", "512M", "1G", "2G"])}`);
      else if (r.chance(0.2)) lines.push(`${ind}mem_limit: ${r.pick(["256m", "512m", "1g"])}`, `${ind}cpus: ${r.pick(["0.5", "1.0"])}`);
      if (r.chance(0.4)) {
        const lab = [`isolint.tenant=${tenant}`, ...(r.chance(0.3) ? [`isolint.trust=${r.pick(["trusted", "untrusted"])}`] : []), `com.example.team=${team}`];
        if (r.chance(0.5)) lines.push(`${ind}labels:`, ...lab.map((l) => `${ind}  - ${l}`));
        else lines.push(`${ind}labels:`, ...lab.map((l) => `${ind}  ${l.replace("=", ": ")}`));
      }
      if (r.chance(0.2)) lines.push(`${ind}command: ${r.pick([`["${b.name}", "serve", "--port", "${port}"]`, `${b.name} serve --port ${port}`, `sh -c "migrate up && exec ${b.name}"`])}`);
      lines.push("__DEPENDS__");
    } else if (r.chance(0.65)) {
      let ds = r.pick(DATASTORES);
      for (let k = 0; k < 4 && names.has(ds.name); k++) ds = r.pick(DATASTORES);
      name = names.has(ds.name) ? `${ds.name}-${i}` : ds.name;
      datastores.push(name);
      lines.push(`  ${name}:`, `${ind}image: ${pinned(r, ds.image)}`);
      if (anchors && r.chance(0.5)) lines.push(`${ind}<<: *common`);
      else lines.push(`${ind}restart: unless-stopped`);
      if (ds.env) lines.push(...envLines(r, ind, ds.env));
      if (r.chance(0.45)) lines.push(`${ind}ports:`, ...portLines(r, `${ind}  `, ds.port, ds.port + i));
      if (ds.data) {
        const vol = `${name}-data`;
        namedVolumes.push(vol);
        lines.push(`${ind}volumes:`, `${ind}  - ${vol}:${ds.data}`);
      }
      if (ds.hc && r.chance(0.7)) lines.push(`${ind}healthcheck:`, `${ind}  test: ${JSON.stringify(ds.hc).replace(/","/g, '", "')}`, `${ind}  interval: 10s`, `${ind}  timeout: 5s`, `${ind}  retries: 5`);
      if (ds.env?.POSTGRES_PASSWORD_FILE) { lines.push(`${ind}secrets:`, `${ind}  - db_password`); secrets.push("db_password"); }
    } else {
      const sc = r.pick(SIDECARS);
      name = names.has(sc.name) ? `${sc.name}-${i}` : sc.name;
      lines.push(`  ${name}:`, `${ind}image: ${pinned(r, sc.image)}`, `${ind}ports:`, ...portLines(r, `${ind}  `, sc.port, pubPort++));
      if (sc.sock) lines.push(`${ind}volumes:`, `${ind}  - /var/run/docker.sock:/var/run/docker.sock:ro`, `${ind}command:`, `${ind}  - --providers.docker=true`, `${ind}  - --entrypoints.web.address=:80`);
      else if (r.chance(0.4)) lines.push(`${ind}volumes:`, `${ind}  - ./${name}:/etc/${name}:ro`);
    }
    names.add(name);
    if (r.chance(0.3)) lines.push(`${ind}networks:`, `${ind}  - ${r.pick(["backend", "frontend"])}`);
    L.push(...lines);
  }
  // depends_on for app services, now that the datastores are known.
  const out = [];
  for (const line of L) {
    if (line !== "__DEPENDS__") { out.push(line); continue; }
    if (datastores.length && r.chance(0.6)) {
      if (r.chance(0.5)) out.push(`    depends_on:`, ...datastores.slice(0, 2).map((d) => `      - ${d}`));
      else out.push(`    depends_on:`, ...datastores.slice(0, 2).flatMap((d) => [`      ${d}:`, `        condition: service_${r.chance(0.6) ? "healthy" : "started"}`]));
    }
  }
  if (namedVolumes.length) out.push("", `volumes:`, ...namedVolumes.map((v) => `  ${v}:`));
  if (out.some((l) => /- (backend|frontend)$/.test(l))) out.push("", `networks:`, `  backend:`, `  frontend:`, ...(r.chance(0.3) ? [`    internal: true`] : []));
  if (secrets.length) out.push("", `secrets:`, `  db_password:`, `    file: ./secrets/db_password.txt`);
  let text = out.join("\n") + "\n";
  if (text.length < 500) text = `# Stack: ${stack} (team ${team})\n# Usage:\n#   docker compose -f <this file> up -d\n#   docker compose logs -f\n# Ports above 3000 are for local development only.\n${text}`;
  return text;
}

// VM specs

function genVmSpec(r, { team, tenant, name, composeRefs }) {
  const docs = r.chance(0.2) ? 2 : 1;
  const parts = [];
  for (let d = 0; d < docs; d++) {
    const vmName = d === 0 ? name : `${name}-${d + 1}`;
    const L = [`apiVersion: isolint.dev/v1`, `kind: VirtualMachine`, `metadata:`, `  name: ${vmName}`];
    if (r.chance(0.7)) L.push(`  tenant: ${tenant}`);
    L.push(`spec:`, `  hypervisor: ${r.pick(["kvm", "kvm", "firecracker", "cloud-hypervisor", "qemu", "vmware"])}`, `  cpus: ${r.pick([1, 2, 2, 4, 8])}`, `  memory: ${r.pick(["512MiB", "1GiB", "2GiB", "4GiB", "8GiB", "16G"])}`);
    if (r.chance(0.8)) L.push(`  disk: ${r.pick(["10GiB", "20GiB", "40GiB", "100G"])}`);
    if (r.chance(0.8)) L.push(`  os: ${r.pick(["ubuntu-24.04", "ubuntu-22.04", "alpine-3.20", "debian-12", "rocky-9"])}`);
    if (r.chance(0.3)) L.push(`  user: ${r.pick(["root", "app", "ubuntu"])}`);
    if (r.chance(0.7)) {
      L.push(`  ports:`);
      for (let p = r.int(1, 3); p > 0; p--) {
        const port = r.pick([22, 80, 443, 443, 8443, 5432, 6443, 9100]);
        L.push(r.chance(0.5) ? `    - { port: ${port}, protocol: tcp${r.chance(0.5) ? `, host_ip: ${r.pick(["0.0.0.0", "10.0.0.5", "127.0.0.1"])}` : ""} }` : `    - port: ${port}\n      protocol: tcp`);
      }
    }
    L.push(`  workloads:`);
    const nw = r.int(1, 4);
    for (let w = 0; w < nw; w++) {
      L.push(`    - name: ${r.pick(SVC_A)}-${r.pick(SVC_B)}-${w}`);
      if (r.chance(0.4)) L.push(`      tenant: ${r.chance(0.8) ? tenant : r.pick(TENANTS)}`);
      if (r.chance(0.5)) L.push(`      trust: ${r.chance(0.7) ? "trusted" : "untrusted"}`);
      if (composeRefs.length && r.chance(0.35)) L.push(`      compose: ${r.pick(composeRefs)}`);
      else L.push(`      image: ${pinned(r, `ghcr.io/example/${team}-${r.pick(SVC_A)}:${r.int(1, 3)}.${r.int(0, 30)}`)}`);
    }
    parts.push(L.join("\n") + "\n");
  }
  return (r.chance(0.4) ? `# ${name}: VM for the ${team} team's ${r.pick(["batch jobs", "untrusted builds", "customer sandboxes", "legacy services"])}\n` : "") + parts.join("---\n");
}

// Other files of a service directory (walked, not linted)

const MANIFEST = { node: "package.json", frontend: "package.json", python: "requirements.txt", go: "go.mod", java: "pom.xml", rust: "Cargo.toml", ruby: "Gemfile", php: "composer.json", legacy: "Makefile" };
const MAIN = { node: "src/server.ts", frontend: "src/main.tsx", python: "app/main.py", go: "cmd/main.go", java: "src/main/java/com/example/App.java", rust: "src/main.rs", ruby: "config/puma.rb", php: "public/index.php", legacy: "entrypoint.sh" };

function generateMonorepo(dir) {
  const r = makeRng(SEED);
  const t0 = Date.now();
  const hash = createHash("sha256");
  const made = new Set();
  const counts = { dockerfiles: 0, compose: 0, vm: 0, other: 0, skippedLintable: 0 };
  const bytes = { dockerfiles: [], compose: [], vm: [] };
  const write = (rel, text, kind) => {
    const abs = join(dir, rel);
    const d = dirname(abs);
    if (!made.has(d)) { mkdirSync(d, { recursive: true }); made.add(d); }
    writeFileSync(abs, text);
    hash.update(rel).update("\0").update(text).update("\0");
    if (kind === "skip") counts.skippedLintable++;
    else if (kind) { counts[kind]++; bytes[kind].push(text.length); }
    else counts.other++;
  };

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // A repository root: .git is skipped; .gitignore applies below.
  write(".git/HEAD", "ref: refs/heads/main\n");
  write(".git/config", "[core]\n\trepositoryformatversion = 0\n\tbare = false\n");
  write(".git/hooks/Dockerfile", "FROM scratch\n", "skip");
  write(".gitignore", "node_modules/\ndist/\nbuild/\n/tmp/\n.cache/\n*.local.yaml\ncoverage/\n");
  write("README.md", "# example monorepo\n\nGenerated by scripts/bench.mjs for isolint benchmarks.\n");

  // 1. Service directories with their Dockerfiles.
  const svcDirs = [];
  const usedDirs = new Set();
  while (counts.dockerfiles < TARGET.dockerfiles) {
    const team = r.pick(TEAMS);
    const svc = `${r.pick(SVC_A)}-${r.pick(SVC_B)}`;
    const x = r.next();
    let d =
      x < 0.55 ? `services/${team}/${svc}` :
      x < 0.75 ? `apps/${r.pick(DOMAINS)}/${svc}` :
      x < 0.85 ? `services/${team}/${svc}/docker` :
      x < 0.95 ? `platform/${team}/images/${svc}` :
      `tools/${svc}`;
    for (let k = 2; usedDirs.has(d); k++) d = `${d.replace(/-v\d+$/, "")}-v${k}`;
    usedDirs.add(d);
    const family = r.weighted(FAMILY_WEIGHTS);
    const port = r.pick(COMMON_PORTS);
    const n = Math.min(TARGET.dockerfiles - counts.dockerfiles, r.pick([1, 1, 1, 1, 2, 2, 3]));
    const names = [r.chance(0.05) ? "Containerfile" : "Dockerfile"];
    const extras = r.sample(["Dockerfile.dev", "Dockerfile.test", "Dockerfile.prod", `${svc}.Dockerfile`, "Dockerfile.debug", "worker.dockerfile", "Containerfile.ci"], 3);
    while (names.length < n) names.push(extras[names.length - 1]);
    const entry = { dir: d, team, svc, family, port, dockerfiles: names, tenant: TENANTS[TEAMS.indexOf(team) % TENANTS.length] };
    for (const f of names) {
      write(`${d}/${f}`, genDockerfile(r, { team, svc, family, port, file: f }), "dockerfiles");
    }
    // Files beside them that the walk passes over.
    write(`${d}/README.md`, `# ${svc}\n\nOwned by ${team}. Port ${port}.\n\n## Run\n\n    docker compose up ${svc}\n`);
    write(`${d}/${MANIFEST[family]}`, `# ${svc} ${family} manifest\n`.repeat(r.int(2, 12)));
    if (r.chance(0.6)) write(`${d}/${MAIN[family]}`, `// ${svc}\n`.repeat(r.int(5, 40)));
    if (r.chance(0.5)) write(`${d}/.dockerignore`, "node_modules\n.git\n*.log\ndist\n");
    // Build output that .gitignore excludes, with Dockerfiles in it.
    if (r.chance(0.015)) write(`${d}/dist/Dockerfile`, genDockerfile(r, { team, svc, family, port, file: "Dockerfile" }), "skip");
    svcDirs.push(entry);
  }

  // 2. Compose files: most beside a service, the rest as stacks under deploy/ building several.
  const inSvc = Math.round(TARGET.compose * 0.75);
  const withCompose = r.sample(svcDirs, inSvc);
  for (const s of withCompose) {
    const name = r.pick(["compose.yaml", "compose.yaml", "docker-compose.yml", "docker-compose.yml", "compose.yml", "docker-compose.yaml", "compose.prod.yaml", "docker-compose.override.yml"]);
    const builds = s.dockerfiles.map((f) => ({ context: ".", dockerfile: f, name: f === "Dockerfile" || f === "Containerfile" ? s.svc.replace(/-v\d+$/, "") : `${s.svc}-${f.replace(/^(Dockerfile|Containerfile)\.|\.[Dd]ockerfile$/g, "").toLowerCase()}`, port: s.port }));
    write(`${s.dir}/${name}`, genCompose(r, { team: s.team, tenant: s.tenant, stack: s.svc, builds }), "compose");
    s.compose = `${s.dir}/${name}`;
  }
  const composeFiles = withCompose.map((s) => s.compose);
  const stacks = [];
  for (let i = 0; counts.compose < TARGET.compose; i++) {
    const team = r.pick(TEAMS);
    const stack = `${r.pick(["local", "staging", "e2e", "perf", "demo", "sandbox"])}-${r.pick(SVC_A)}-${i}`;
    const d = `deploy/${team}/${stack}`;
    const members = r.sample(svcDirs.filter((s) => s.team === team), r.int(1, 5));
    const builds = members.map((s) => ({ context: posix.relative(d, s.dir) || ".", dockerfile: s.dockerfiles[0], name: s.svc.replace(/-v\d+$/, ""), port: s.port }));
    const file = `${d}/${r.pick(["compose.yaml", "docker-compose.yml", "compose.yml"])}`;
    write(file, genCompose(r, { team, tenant: TENANTS[TEAMS.indexOf(team) % TENANTS.length], stack, builds: builds.length ? builds : [{ context: ".", dockerfile: "Dockerfile", name: "app", port: 8080 }] }), "compose");
    stacks.push(file);
    composeFiles.push(file);
  }

  // 3. VM specs under infra/vms/<team>/, some pointing at Compose files.
  for (let i = 0; counts.vm < TARGET.vm; i++) {
    const team = r.pick(TEAMS);
    const name = `${team}-${r.pick(["batch", "sandbox", "builder", "legacy", "gpu", "edge", "db"])}-${i}`;
    const d = `infra/vms/${team}`;
    const refs = r.sample(composeFiles, 3).map((f) => posix.relative(d, f));
    write(`${d}/${name}.vm.${r.chance(0.85) ? "yaml" : "yml"}`, genVmSpec(r, { team, tenant: TENANTS[TEAMS.indexOf(team) % TENANTS.length], name, composeRefs: refs }), "vm");
  }

  // 4. What must be skipped: node_modules (root and nested), .gitignore'd dirs, nested .gitignore.
  for (let i = 0; i < 40; i++) {
    const pkg = `node_modules/${r.chance(0.3) ? `@scope-${i % 5}/` : ""}pkg-${i}`;
    write(`${pkg}/package.json`, `{"name":"pkg-${i}","version":"1.0.${i}"}\n`);
    write(`${pkg}/Dockerfile`, `FROM node:${r.pick([18, 20, 22])}\nCOPY . .\nCMD ["node", "index.js"]\n`, "skip");
    if (r.chance(0.5)) write(`${pkg}/docker-compose.yml`, `services:\n  app:\n    build: .\n    ports:\n      - "3000:3000"\n`, "skip");
    if (r.chance(0.3)) write(`${pkg}/test/fixtures/Dockerfile.fixture`, `FROM alpine\nRUN echo fixture\n`, "skip");
  }
  for (const s of r.sample(svcDirs.filter((s) => s.family === "node" || s.family === "frontend"), 25)) {
    write(`${s.dir}/node_modules/some-tool/Dockerfile`, `FROM node:20\nUSER root\n`, "skip");
    write(`${s.dir}/node_modules/some-tool/compose.yaml`, `services:\n  t:\n    image: tool\n`, "skip");
  }
  for (let i = 0; i < 60; i++) write(`tmp/scratch-${i}/compose.yaml`, `services:\n  x${i}:\n    image: busybox\n    privileged: true\n`, "skip");
  for (const s of r.sample(svcDirs, 30)) write(`${s.dir}/compose.local.yaml`, `services:\n  dev:\n    image: busybox\n`, "skip");
  for (const team of r.sample(TEAMS, 8)) {
    write(`services/${team}/.gitignore`, "generated/\n*.bak\n");
    for (let i = 0; i < 5; i++) write(`services/${team}/generated/stub-${i}/Dockerfile`, `FROM ubuntu\nRUN apt-get update\n`, "skip");
    write(`services/${team}/old.Dockerfile.bak`, "FROM ubuntu:14.04\n");
  }
  for (let i = 0; i < 20; i++) write(`build/out-${i}/Dockerfile`, `FROM scratch\nCOPY app /app\n`, "skip");

  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return { count: s.length, minBytes: s[0], medianBytes: median(s), maxBytes: s.at(-1), totalBytes: s.reduce((a, b) => a + b, 0) };
  };
  const manifest = {
    generatorVersion: GENERATOR_VERSION,
    seed: SEED,
    expectedFiles: counts.dockerfiles + counts.compose + counts.vm,
    dockerfiles: stats(bytes.dockerfiles),
    compose: stats(bytes.compose),
    vm: stats(bytes.vm),
    otherFiles: counts.other,
    skippedLintableFiles: counts.skippedLintable,
    fingerprint: hash.digest("hex").slice(0, 16),
    generatedInMs: Date.now() - t0,
  };
  writeFileSync(join(BENCH_DIR, "monorepo.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

function ensureMonorepo(regen) {
  const manifestFile = join(BENCH_DIR, "monorepo.json");
  // isolint reads the .gitignore files above a scanned directory up to the nearest parent that
  // holds .git, starting at the *parent* of the directory. The repository's .gitignore lists
  // .bench/, so without a .git marker in .bench/ every file of the monorepo would be skipped.
  mkdirSync(join(BENCH_DIR, ".git"), { recursive: true });
  if (!regen && existsSync(manifestFile) && existsSync(MONOREPO_DIR)) {
    const m = JSON.parse(readFileSync(manifestFile, "utf8"));
    if (m.generatorVersion === GENERATOR_VERSION && m.seed === SEED) return { manifest: m, generated: false };
  }
  log(`  generating ${relative(ROOT, MONOREPO_DIR)} (seed ${SEED}) ...`);
  return { manifest: generateMonorepo(MONOREPO_DIR), generated: true };
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const want = (id) => !o.only || o.only.has(id);
  mkdirSync(BENCH_DIR, { recursive: true });
  TMP = mkdtempSync(join(os.tmpdir(), "isolint-bench-"));
  process.on("exit", () => rmSync(TMP, { recursive: true, force: true }));

  if (o.generateOnly) {
    const { manifest, generated } = ensureMonorepo(o.regen);
    log(`${generated ? "generated" : "up to date"}: ${relative(ROOT, MONOREPO_DIR)} ${JSON.stringify(manifest)}`);
    return 0;
  }

  WAIT_QUIET = o.waitQuiet;
  const machine = machineInfo();
  log(`isolint benchmark`);
  log(`  machine:  ${machine.cpuModel}, ${machine.cores} cores (os.availableParallelism), ${machine.memoryGiB} GiB RAM, ${machine.platform}`);
  log(`  node:     ${machine.node}; load average ${machine.loadAverage.join(" ")} (other work on the machine adds noise)`);

  if (o.build) {
    log(`  building: npm run build`);
    const b = sh("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
    if (!b.ok) { log(`bench: npm run build failed`); return 2; }
  }
  if (!existsSync(ISOLINT_BUILT)) {
    log(`bench: ${relative(ROOT, ISOLINT_BUILT)} is missing: run \`npm run build\` first (or pass --build)`);
    return 2;
  }
  const iso = isolintInfo(snapshotDist());
  log(`  isolint:  ${iso.version} (dist/ built ${iso.distBuilt}${iso.commit ? `, HEAD ${iso.commit}${iso.dirty ? " + uncommitted changes in src/dist" : ""}` : ""}; run from a copy in ${relative(ROOT, SNAPSHOT)}/)`);

  RSS_METHOD = detectRssMethod();
  log(`  peak RSS: ${RSS_METHOD === "gnu-time" ? "/usr/bin/time -f %M (maximum resident set size of the child)" : RSS_METHOD === "proc-poll" ? "polling /proc/<pid>/status VmHWM every 2 ms (approximate: install GNU time, `apt-get install -y time`, for exact numbers)" : "unavailable"}`);
  const taskset = machine.cores > 2 && which("taskset") ? ["taskset", "-c", "0,1"] : null;
  log(`  runs:     ${o.runs} timed runs per measurement after one warm-up; peers ${o.quick ? "once, no warm-up (--quick)" : `${o.runs}×`}; single file ${o.singleRuns}×${o.waitQuiet ? `; waiting up to ${o.waitQuiet} s for a quiet machine before each run` : ""}`);

  // Peers
  const peers = {};
  const peerNeeded = { dockerfilelint: want("dockerfile"), dclint: want("compose") };
  if (o.peers) {
    for (const name of Object.keys(PEERS)) {
      if (!peerNeeded[name]) continue;
      const r = ensurePeer(name);
      peers[name] = r;
      log(`  peer:     ${r.peer ? `${name} ${r.peer.version} (${relative(ROOT, r.peer.script)})` : `${name} SKIPPED: ${r.skipped}`}`);
    }
  } else {
    for (const name of Object.keys(PEERS)) peers[name] = { skipped: "--no-peers" };
    log(`  peers:    skipped (--no-peers)`);
  }

  // Corpus
  let corpus = null;
  if (existsSync(o.corpus) && statSync(o.corpus).isDirectory()) {
    corpus = collectCorpus(o.corpus);
    log(`  corpus:   ${o.corpus}: ${corpus.dockerfiles.length} Dockerfiles (${(corpus.bytes.dockerfiles / 1024).toFixed(0)} KB), ${corpus.compose.length} Compose files (${(corpus.bytes.compose / 1024).toFixed(0)} KB)` +
      `${corpus.skippedEmpty.length ? `; left out ${corpus.skippedEmpty.length} empty file(s): ${corpus.skippedEmpty.join(", ")}` : ""}${corpus.skippedLinks.length ? `; left out ${corpus.skippedLinks.length} symlink(s)` : ""}`);
  } else {
    log(`  corpus:   ${o.corpus} not found: the corpus measurements are skipped`);
  }

  // Monorepo
  let mono = null;
  if (want("monorepo")) {
    const { manifest, generated } = ensureMonorepo(o.regen);
    mono = manifest;
    log(`  monorepo: ${relative(ROOT, MONOREPO_DIR)}${generated ? ` (generated in ${(manifest.generatedInMs / 1000).toFixed(1)} s)` : ""}: ${manifest.dockerfiles.count} Dockerfiles (median ${manifest.dockerfiles.medianBytes} B), ${manifest.compose.count} Compose (median ${manifest.compose.medianBytes} B), ${manifest.vm.count} VM specs; ${manifest.otherFiles} other files; ${manifest.skippedLintableFiles} lintable-looking files that must be skipped; fingerprint ${manifest.fingerprint}`);
  }
  log();

  const measurements = {};
  const skipped = {};
  const shown = (paths) => (paths.length > 3 ? `<${paths.length} files>` : paths.join(" "));
  const isolintCmd = (paths) => ({ cmd: NODE, args: [ISOLINT, "audit", ...paths, "--format", "json"], display: `node dist/isolint.js audit ${shown(paths)} --format json > /dev/null` });
  const header = (i, text) => log(`[${i}] ${text}`);

  // 1. Dockerfiles vs dockerfilelint
  if (want("dockerfile")) {
    header("dockerfile", `corpus Dockerfiles: isolint vs dockerfilelint`);
    if (!corpus) skipped.dockerfile = "no corpus";
    else {
      const files = corpus.dockerfiles;
      const specs = [{ id: "dockerfile.isolint", label: "isolint", tool: "isolint", ...isolintCmd(files), cwd: o.corpus, files: files.length, okExit: isolintOk, validate: isolintValidator(files.length) }];
      const p = peers.dockerfilelint?.peer;
      if (p) specs.push({ id: "dockerfile.dockerfilelint", label: `dockerfilelint`, tool: `dockerfilelint ${p.version}`, cmd: NODE, args: [p.script, "--json", ...files], display: `node ${relative(ROOT, p.script)} --json ${shown(files)} > /dev/null`, cwd: o.corpus, files: files.length, okExit: anyExit, validate: dockerfilelintValidator(files.length), maxRuns: o.quick ? 1 : undefined, warmup: !o.quick });
      else log(`    dockerfilelint skipped: ${peers.dockerfilelint?.skipped ?? "not requested"}`);
      const res = await measureGroup(specs, { runs: o.runs });
      for (const m of res) { measurements[m.id] = m; printRow(m); }
      ratioLine(measurements["dockerfile.dockerfilelint"], measurements["dockerfile.isolint"], "dockerfilelint", "≥ 3×");
    }
    log();
  }

  // 2. Compose vs DCLint
  if (want("compose")) {
    header("compose", `corpus Compose files: isolint vs DCLint`);
    if (!corpus) skipped.compose = "no corpus";
    else {
      const files = corpus.compose;
      const specs = [{ id: "compose.isolint", label: "isolint", tool: "isolint", ...isolintCmd(files), cwd: o.corpus, files: files.length, okExit: isolintOk, validate: isolintValidator(files.length) }];
      const p = peers.dclint?.peer;
      // DCLint lints every file named on its command line in one process; --formatter json.
      if (p) specs.push({ id: "compose.dclint", label: "dclint", tool: `dclint ${p.version}`, cmd: NODE, args: [p.script, "--formatter", "json", "--color", "false", ...files], display: `node ${relative(ROOT, p.script)} --formatter json --color false ${shown(files)} > /dev/null`, cwd: o.corpus, files: files.length, okExit: (c) => c === 0 || c === 1, validate: dclintValidator(files.length), maxRuns: o.quick ? 1 : undefined, warmup: !o.quick });
      else log(`    dclint skipped: ${peers.dclint?.skipped ?? "not requested"}`);
      const res = await measureGroup(specs, { runs: o.runs, warmup: true });
      for (const m of res) { measurements[m.id] = m; printRow(m); }
      ratioLine(measurements["compose.dclint"], measurements["compose.isolint"], "DCLint", "≥ 20×");
    }
    log();
  }

  // 3. Single file vs node -e 0
  let singleFile = null;
  if (want("single")) {
    header("single", `one Dockerfile (the pre-commit case): isolint vs \`node -e 0\``);
    let cwd;
    if (corpus && corpus.dockerfiles.length) {
      // The corpus Dockerfile of median size: a typical file.
      const sized = corpus.dockerfiles.map((f) => [f, statSync(join(o.corpus, f)).size]).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
      singleFile = sized[sized.length >> 1][0];
      cwd = o.corpus;
    } else if (mono || existsSync(join(BENCH_DIR, "monorepo.json"))) {
      // No corpus: the first Dockerfile of the synthetic monorepo.
      const find = (d) => {
        for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
          if (e.isFile() && e.name === "Dockerfile") return join(d, e.name);
          if (e.isDirectory() && e.name !== "node_modules" && e.name !== ".git") { const f = find(join(d, e.name)); if (f) return f; }
        }
        return null;
      };
      const f = existsSync(join(MONOREPO_DIR, "services")) ? find(join(MONOREPO_DIR, "services")) : null;
      if (f) { singleFile = relative(MONOREPO_DIR, f); cwd = MONOREPO_DIR; }
    }
    if (!singleFile || !existsSync(join(cwd, singleFile))) skipped.single = "no Dockerfile to lint";
    else {
      log(`    file: ${singleFile} (${statSync(join(cwd, singleFile)).size} B)`);
      const specs = [
        { id: "single.isolint", label: "isolint", tool: "isolint", ...isolintCmd([singleFile]), cwd, files: 1, okExit: isolintOk, validate: isolintValidator(1) },
        { id: "single.node", label: "node -e 0", tool: "node -e 0", cmd: NODE, args: ["-e", "0"], display: "node -e 0", cwd, files: null, okExit: (c) => c === 0 },
        // For reference: the first run on a machine (no code cache yet) or with the cache off.
        { id: "single.isolint-nocache", label: "isolint, no code cache", tool: "isolint (NODE_DISABLE_COMPILE_CACHE=1)", ...isolintCmd([singleFile]), env: { ...benchEnv(), NODE_DISABLE_COMPILE_CACHE: "1" }, cwd, files: 1, okExit: isolintOk, validate: isolintValidator(1) },
      ];
      const res = await measureGroup(specs, { runs: o.singleRuns });
      for (const m of res) { measurements[m.id] = m; printRow(m); }
      const a = measurements["single.isolint"], b = measurements["single.node"];
      if (a?.wallMs.median && b?.wallMs.median) log(`    → isolint takes ${fmtX(a.wallMs.median / b.wallMs.median)} the time of \`node -e 0\` (target ≤ 1.3×); ${fmtS(a.wallMs.median - b.wallMs.median)} above bare node`);
      const c = measurements["single.isolint-nocache"];
      if (c?.wallMs.median && b?.wallMs.median) log(`    → without its code cache (a first run): ${fmtX(c.wallMs.median / b.wallMs.median)}`);
    }
    log();
  }

  // 4. Whole corpus directory (discovery included): the RSS baseline of the monorepo target
  if (want("corpus") || want("monorepo")) {
    header("corpus", `whole corpus directory (discovery + all kinds), isolint`);
    if (!corpus) skipped.corpus = "no corpus";
    else {
      const specs = [{ id: "corpus.isolint", label: "isolint", tool: "isolint", ...isolintCmd(["."]), cwd: o.corpus, files: null, okExit: isolintOk, validate: isolintValidator(null) }];
      const res = await measureGroup(specs, { runs: o.runs });
      for (const m of res) {
        if (m.validation?.files) { m.files = m.validation.files; m.filesPerSecond = m.wallMs.median ? m.files / (m.wallMs.median / 1000) : null; }
        measurements[m.id] = m;
        printRow(m);
      }
    }
    log();
  }

  // 5. Synthetic monorepo
  if (want("monorepo")) {
    header("monorepo", `synthetic monorepo: isolint audit . (${mono.expectedFiles} files to lint)${taskset ? ", pinned to 2 cores with taskset -c 0,1" : ""}`);
    const cmd = isolintCmd(["."]);
    const spec = { id: "monorepo.isolint", label: "isolint", tool: "isolint", ...(taskset ? { cmd: taskset[0], args: [...taskset.slice(1), cmd.cmd, ...cmd.args], display: `${taskset.join(" ")} ${cmd.display}` } : cmd), cwd: MONOREPO_DIR, files: mono.expectedFiles, okExit: isolintOk, validate: isolintValidator(mono.expectedFiles) };
    const res = await measureGroup([spec], { runs: o.runs });
    for (const m of res) { measurements[m.id] = m; printRow(m); }
    if (res[0].error && /linted 0 files/.test(res[0].error)) log(`    isolint found no files: is ${relative(ROOT, MONOREPO_DIR)} ignored by a .gitignore above it?`);
    log();
  }

  // Targets
  const M = (id) => (measurements[id] && !measurements[id].error ? measurements[id] : null);
  const targets = [];
  const noisyIds = { dockerfile: ["dockerfile"], compose: ["compose"], single: ["single"], "monorepo-wall": ["monorepo"], "monorepo-rss": [] };
  const target = (id, name, value, display, target, pass, why) => {
    const noisy = value != null && Object.values(measurements).some((m) => noisyIds[id].some((k) => m.id.startsWith(`${k}.`)) && m.otherCores > NOISY);
    targets.push({ id, name, value, display, target, result: value == null ? "SKIP" : pass ? "PASS" : "FAIL", noisy, note: value == null ? why : undefined });
  };
  {
    const a = M("dockerfile.isolint"), b = M("dockerfile.dockerfilelint");
    const x = a && b ? b.wallMs.median / a.wallMs.median : null;
    target("dockerfile", `Dockerfile corpus (${corpus?.dockerfiles.length ?? "?"} files) vs dockerfilelint`, x, x != null ? `${fmtX(x)} (isolint ${fmtS(a.wallMs.median)}, peer ${fmtS(b.wallMs.median)})` : "—", "speed-up ≥ 3×", x >= 3, skipReason("dockerfile", a, b, peers.dockerfilelint, measurements, skipped, want));
  }
  {
    const a = M("compose.isolint"), b = M("compose.dclint");
    const x = a && b ? b.wallMs.median / a.wallMs.median : null;
    target("compose", `Compose corpus (${corpus?.compose.length ?? "?"} files) vs DCLint`, x, x != null ? `${fmtX(x)} (isolint ${fmtS(a.wallMs.median)}, peer ${fmtS(b.wallMs.median)})` : "—", "speed-up ≥ 20×", x >= 20, skipReason("compose", a, b, peers.dclint, measurements, skipped, want));
  }
  {
    const a = M("single.isolint"), b = M("single.node");
    const x = a && b ? a.wallMs.median / b.wallMs.median : null;
    target("single", "Single file vs `node -e 0`", x, x != null ? `${fmtX(x)} (isolint ${fmtS(a.wallMs.median)}, node ${fmtS(b.wallMs.median)})` : "—", "≤ 1.3×", x <= 1.3, skipReason("single", a, b, null, measurements, skipped, want));
  }
  {
    const a = M("monorepo.isolint");
    const v = a ? a.wallMs.median : null;
    const cores = taskset ? 2 : machine.cores;
    target("monorepo-wall", `Synthetic monorepo (${mono?.expectedFiles ?? "?"} files) wall time, ${cores} cores`, v, v != null ? `${fmtS(v)} (${fmtRate(a.filesPerSecond)} files/s)` : "—", `< 3 s on 2 cores${cores !== 2 ? ` (measured on ${cores})` : ""}`, v < 3000, skipReason("monorepo", a, null, null, measurements, skipped, want));
  }
  {
    const a = M("monorepo.isolint"), b = M("corpus.isolint");
    const x = a && b && a.rssKB.median && b.rssKB.median ? a.rssKB.median / b.rssKB.median : null;
    target("monorepo-rss", "Peak RSS: monorepo / whole corpus", x, x != null ? `${fmtX(x)} (${fmtMB(a.rssKB.median)} vs ${fmtMB(b.rssKB.median)})` : "—", "< 2×", x < 2, skipReason("monorepo-rss", a, b, null, measurements, skipped, want));
  }

  // Output
  const rows = Object.values(measurements);
  log("Measurements (median of the timed runs)");
  printTable(o.markdown,
    ["measurement", "tool", "files", "runs", "wall (median)", "min–max", "files/s", "peak RSS", "CPU (user+sys)", "other load"],
    rows.map((m) => [m.id.split(".")[0], m.tool, m.files ?? "—", m.runs, m.error ? `ERROR` : fmtS(m.wallMs.median), m.runs > 1 ? `${fmtS(m.wallMs.min)}–${fmtS(m.wallMs.max)}` : "—", fmtRate(m.filesPerSecond), fmtMB(m.rssKB.median), m.cpuS != null ? `${m.cpuS.toFixed(2)} s` : "—", m.otherCores != null ? `${m.otherCores.toFixed(2)}${m.otherCores > NOISY ? " (noisy)" : ""}` : "—"]));
  if (rows.some((m) => m.otherCores > NOISY)) log(`${o.markdown ? "\n" : ""}  (noisy) other processes kept more than ${NOISY} cores busy during the median run: rerun on a quiet machine for numbers to compare`);
  log();
  log("Targets");
  printTable(o.markdown, ["target", "measured", "goal", "result"], targets.map((t) => [t.name, t.result === "SKIP" ? `— ${t.note}` : t.display, t.target, (t.result === "SKIP" ? "SKIP" : o.markdown ? `**${t.result}**` : t.result) + (t.noisy ? " (noisy)" : "")]), 4);
  if (o.markdown) log(`\n_${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; isolint ${iso.version}${iso.commit ? ` (${iso.commit}${iso.dirty ? "+" : ""})` : ""}; median of ${o.runs} runs (single file: ${o.singleRuns}; peers: ${o.quick ? 1 : o.runs}); peak RSS by GNU time._`);

  const results = {
    date: new Date().toISOString(),
    machine: { ...machine, loadAverageEnd: os.loadavg().map((x) => +x.toFixed(2)) },
    isolint: iso,
    options: { runs: o.runs, singleRuns: o.singleRuns, quick: o.quick, corpus: o.corpus, rssMethod: RSS_METHOD, taskset: taskset ? "0,1" : null },
    peers: Object.fromEntries(Object.entries(peers).map(([k, v]) => [k, v.peer ? { version: v.peer.version } : { skipped: v.skipped }])),
    corpus: corpus ? { dockerfiles: corpus.dockerfiles.length, compose: corpus.compose.length, bytes: corpus.bytes, leftOut: { empty: corpus.skippedEmpty, symlinks: corpus.skippedLinks }, singleFile } : null,
    monorepo: mono,
    measurements,
    skipped,
    targets,
  };
  mkdirSync(dirname(o.json), { recursive: true });
  writeFileSync(o.json, JSON.stringify(results, null, 2) + "\n");
  log();
  const shownJson = relative(process.cwd(), o.json);
  log(`results: ${shownJson && !shownJson.startsWith("..") ? shownJson : o.json}`);
  return rows.some((m) => m.error) ? 1 : 0;
}

function ratioLine(peer, iso, name, goal) {
  if (!peer || !iso || peer.error || iso.error || !iso.wallMs.median) return;
  const x = peer.wallMs.median / iso.wallMs.median;
  log(`    → speed-up over ${name}: ${fmtX(x)} (${name} time / isolint time; target ${goal})${x < 1 ? ` — isolint is ${fmtX(1 / x)} slower` : ""}`);
}

/** Why a target has no value: not asked for, nothing to measure, a peer missing, or an error. */
function skipReason(id, a, b, peer, measurements, skipped, want) {
  const keys = id === "monorepo-rss" ? ["monorepo", "corpus"] : [id];
  if (!want(keys[0])) return "not run (--only)";
  for (const k of keys) if (skipped[k]) return `${k}: ${skipped[k]}`;
  if (peer && !peer.peer) return peer.skipped;
  const err = Object.values(measurements).find((m) => keys.some((k) => m.id.startsWith(`${k}.`)) && m.error);
  if (err) return `${err.tool}: ${err.error}`;
  return "not measured";
}

function printTable(markdown, head, rows, leftCols = 2) {
  if (markdown) {
    log(`| ${head.join(" | ")} |`);
    log(`|${head.map((_, i) => (i < leftCols ? "---" : "---:")).join("|")}|`);
    for (const r of rows) log(`| ${r.join(" | ")} |`);
    return;
  }
  const w = head.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  log("  " + head.map((h, i) => pad(h, w[i])).join("  "));
  log("  " + w.map((n) => "-".repeat(n)).join("  "));
  for (const r of rows) log("  " + r.map((c, i) => (i < leftCols ? pad(c, w[i]) : lpad(c, w[i]))).join("  "));
}

main().then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`bench: ${e?.stack ?? e}\n`); process.exitCode = 2; },
);
