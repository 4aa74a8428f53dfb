#!/usr/bin/env node
// Summarise V8 .cpuprofile files (from `node --cpu-prof`): the top functions by self time, with
// file:line:column, their total (inclusive) time, and the self time per file.
//
//   node --cpu-prof --cpu-prof-dir=.bench/prof dist/isolint.js audit .bench/monorepo --format json > /dev/null
//   node scripts/profile-summary.mjs .bench/prof/*.cpuprofile [--top 25] [--files 10] [--total] [--merge]
//
// --total  also list the top functions by total (inclusive) time: the phases.
// --merge  add up all the given profiles (e.g. 10 runs of a 100 ms command) into one summary.
//
// Self time: the samples whose top frame is the function. Total time: the samples with the
// function anywhere on the stack (counted once per sample, so recursion doesn't inflate it).
// Lines and columns are 1-based. "(program)" is time in V8/native code outside JS frames;
// "(garbage collector)" is GC. For a bundle built without minification, esbuild's
// `// src/...` module markers map each bundle line back to its source module: the functions
// are tagged [src/...] and the time per source module is listed too.
// Plain Node ESM, no dependencies.

import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

const USAGE = "usage: node scripts/profile-summary.mjs <file.cpuprofile>... [--top 25] [--files 10] [--total] [--merge]\n";
const args = process.argv.slice(2);
let top = 25;
let topFiles = 10;
let byTotal = false;
let merge = false;
const files = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--top") top = Number(args[++i]);
  else if (a === "--files") topFiles = Number(args[++i]);
  else if (a === "--total") byTotal = true;
  else if (a === "--merge") merge = true;
  else if (a === "-h" || a === "--help") {
    process.stdout.write(USAGE);
    process.exit(0);
  } else if (a.startsWith("--")) {
    process.stderr.write(`profile-summary: unknown option ${a}\n${USAGE}`);
    process.exit(2);
  } else files.push(a);
}
if (files.length === 0) {
  process.stderr.write(USAGE);
  process.exit(2);
}

const shortUrl = (url) => {
  if (!url) return "";
  if (!url.startsWith("file://")) return url;
  let p = url;
  try {
    p = fileURLToPath(url);
  } catch {
    return url;
  }
  const rel = relative(process.cwd(), p);
  return rel.startsWith("../../") ? p : rel;
};

// Module markers of an unminified esbuild bundle: `// src/engine/engine.ts` before each module.
const markerCache = new Map();
function moduleMarkers(url) {
  if (!url.startsWith("file://")) return null;
  if (markerCache.has(url)) return markerCache.get(url);
  let markers = null;
  try {
    const lines = readFileSync(fileURLToPath(url), "utf8").split("\n");
    if (lines.length > 50) {
      markers = [];
      lines.forEach((l, i) => {
        const m = /^\/\/ ((?:src|node_modules|schemas|rules|[\w-]+:)[^\s]*)$/.exec(l);
        if (m) markers.push([i + 1, m[1]]);
      });
      if (markers.length === 0) markers = null;
    }
  } catch {
    markers = null;
  }
  markerCache.set(url, markers);
  return markers;
}

function moduleOf(url, line) {
  const markers = url ? moduleMarkers(url) : null;
  if (!markers) return null;
  let lo = 0;
  let hi = markers.length - 1;
  let found = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid][0] <= line) {
      found = markers[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function newSummary(label) {
  return { label, profiles: 0, samples: 0, totalUs: 0, wallUs: 0, fns: new Map(), byFile: new Map(), byModule: new Map(), hasModules: false };
}

function add(acc, file) {
  const prof = JSON.parse(readFileSync(file, "utf8"));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Duration of sample i: the time until the next sample (V8 records the delta before each).
  const samples = prof.samples ?? [];
  const deltas = prof.timeDeltas ?? [];
  const dur = samples.map((_, i) => (i + 1 < deltas.length ? Math.max(0, deltas[i + 1]) : 0));
  acc.profiles++;
  acc.samples += samples.length;
  acc.totalUs += dur.reduce((a, b) => a + b, 0);
  acc.wallUs += prof.endTime - prof.startTime;

  const keyOf = (cf) => `${cf.functionName}\u0000${cf.url}\u0000${cf.lineNumber}\u0000${cf.columnNumber}`;
  const fn = (cf) => {
    const k = keyOf(cf);
    let e = acc.fns.get(k);
    if (!e) {
      e = { name: cf.functionName || (cf.url ? "(anonymous)" : "(unknown)"), url: cf.url, line: cf.lineNumber + 1, column: cf.columnNumber + 1, self: 0, total: 0, special: !cf.url && cf.functionName.startsWith("(") };
      acc.fns.set(k, e);
    }
    return e;
  };
  const mod = (name) => {
    let e = acc.byModule.get(name);
    if (!e) acc.byModule.set(name, (e = { self: 0, total: 0 }));
    return e;
  };
  samples.forEach((id, i) => {
    const d = dur[i];
    const leaf = nodes.get(id);
    if (!leaf) return;
    const cf = leaf.callFrame;
    fn(cf).self += d;
    const fileKey = cf.url ? shortUrl(cf.url) : cf.functionName || "(native)";
    acc.byFile.set(fileKey, (acc.byFile.get(fileKey) ?? 0) + d);
    const leafModule = moduleOf(cf.url, cf.lineNumber + 1);
    if (leafModule) acc.hasModules = true;
    const selfModule = leafModule ?? (cf.url ? shortUrl(cf.url) : cf.functionName);
    mod(selfModule).self += d;
    const seen = new Set();
    const seenModules = new Set();
    for (let cur = id; cur != null; cur = parent.get(cur)) {
      const c = nodes.get(cur).callFrame;
      const k = keyOf(c);
      const m = moduleOf(c.url, c.lineNumber + 1) ?? (c.url ? shortUrl(c.url) : cur === id ? c.functionName : null);
      if (m && !seenModules.has(m)) {
        seenModules.add(m);
        mod(m).total += d;
      }
      if (!seen.has(k)) {
        seen.add(k);
        fn(c).total += d;
      }
    }
  });
}

function print(acc) {
  const out = (s) => process.stdout.write(`${s}\n`);
  const ms = (us) => (us / 1000).toFixed(1).padStart(8);
  const pct = (us) => `${((100 * us) / (acc.totalUs || 1)).toFixed(1).padStart(5)}%`;
  const where = (e) => {
    if (!e.url) return "";
    const m = moduleOf(e.url, e.line);
    return `${shortUrl(e.url)}:${e.line}:${e.column}${m ? ` [${m}]` : ""}`;
  };
  const head = `  ${"self ms".padStart(8)} ${"self".padStart(6)} ${"total ms".padStart(8)} ${"total".padStart(6)}`;
  out(acc.label);
  out(`  ${acc.profiles > 1 ? `${acc.profiles} profiles, ` : ""}${acc.samples} samples, ${(acc.totalUs / 1000).toFixed(1)} ms profiled${acc.profiles > 1 ? ` in all (${(acc.totalUs / 1000 / acc.profiles).toFixed(1)} ms each)` : ""}`);
  out("");
  out(`  top ${top} functions by self time`);
  out(`${head}  function  (file:line:column)`);
  for (const e of [...acc.fns.values()].filter((e) => e.name !== "(root)").sort((a, b) => b.self - a.self).slice(0, top)) {
    out(`  ${ms(e.self)} ${pct(e.self)} ${ms(e.total)} ${pct(e.total)}  ${e.name}  ${where(e)}`);
  }
  if (byTotal) {
    out("");
    out(`  top ${top} functions by total time`);
    out(`${head}  function  (file:line:column)`);
    for (const e of [...acc.fns.values()].filter((e) => !e.special).sort((a, b) => b.total - a.total).slice(0, top)) {
      out(`  ${ms(e.self)} ${pct(e.self)} ${ms(e.total)} ${pct(e.total)}  ${e.name}  ${where(e)}`);
    }
  }
  if (acc.hasModules) {
    out("");
    out(`  time by source module (top ${topFiles} by self time)`);
    out(`${head}  module`);
    for (const [m, v] of [...acc.byModule.entries()].sort((a, b) => b[1].self - a[1].self).slice(0, topFiles)) {
      out(`  ${ms(v.self)} ${pct(v.self)} ${ms(v.total)} ${pct(v.total)}  ${m}`);
    }
  }
  out("");
  out(`  self time by file (top ${topFiles})`);
  for (const [f, us] of [...acc.byFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, topFiles)) {
    out(`  ${ms(us)} ${pct(us)}  ${f}`);
  }
  out("");
}

if (merge) {
  const acc = newSummary(`${files.length} profile(s): ${files[0]}${files.length > 1 ? " …" : ""}`);
  for (const f of files) add(acc, f);
  print(acc);
} else {
  for (const f of files) {
    const acc = newSummary(f);
    add(acc, f);
    print(acc);
  }
}
