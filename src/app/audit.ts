import { statSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { discover, walkFilter, type DiscoveredFile } from "../discover/discover.js";
import { kindFromContent } from "../discover/kinds.js";
import type { Config } from "../engine/config.js";
import { Engine, type FileModel } from "../engine/engine.js";
import type { RuleSet } from "../engine/registry.js";
import { applySuppressions, parseSuppressions } from "../engine/suppressions.js";
import { builtImage } from "../checks/helpers/built-image.js";
import type { BuiltImage } from "../model/built-image.js";
import type { Service } from "../model/compose.js";
import type { Comment, DockerfileModel } from "../model/dockerfile.js";
import { SEVERITY_RANK, type FileKind, type Finding } from "../model/finding.js";
import type { ProjectModel } from "../model/project.js";
import type { Range } from "../model/range.js";
import { isolintLabelProblems } from "../parse/compose/isolint-labels.js";
import { parseDockerfile } from "../parse/dockerfile/parse.js";
import { decodeText } from "../parse/text.js";
import type { AuditResult, Counts, Summary } from "../report/types.js";
import { FindingStore } from "./finding-store.js";
import { SpillDir } from "./finding-runs.js";
import { markNamedBuildContexts } from "./build-contexts.js";
import { noteLinted } from "./coverage.js";
import { readSource } from "./read.js";
import type { ParallelOptions, WorkerDone, WorkerFileResult } from "./parallel.js";
import { WorkQueue } from "./work-queue.js";
import { loadConfig, type LoadConfigOptions } from "../engine/load-config.js";
import { availableParallelism } from "node:os";
import { phaseDone } from "./timing.js";
import { forgetItems } from "../engine/language/views.js";

export interface AuditOptions {
  cwd: string;
  paths: string[];
  config: Config;
  rules: RuleSet;
  forceKind: FileKind | null;
  /** `--quiet`: only errors are reported and counted. */
  quiet: boolean;
  /** Bytes of stdin when `-` is among the paths. */
  readStdin?: () => Uint8Array;
  /** Keep every parsed Dockerfile in `project.dockerfiles` (capacity, map), not only those services build. */
  keepDockerfiles?: boolean;
  /** Lint a share of the Dockerfiles on a worker thread when the tree is large (the built CLI sets this). */
  parallel?: ParallelOptions;
  /**
   * Read the Compose files around files named explicitly, for context (default true). The
   * commands that show the project rather than judge files (capacity, map) leave it off: a
   * named Dockerfile is then one workload, not the stack beside it.
   */
  context?: boolean;
  /** Findings held in memory before they go to disk in sorted runs (default SPILL_AFTER; tests set it low). */
  spillAfter?: number;
}

export interface AuditRun extends AuditResult {
  engine: Engine;
  project: ProjectModel;
  /** Things the user should know that are not findings (folders that could not be read). */
  notes: string[];
}

const STDIN_PATH = "<stdin>";
const LINE1: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export interface Source {
  path: string;
  abs: string | null;
  kind: FileKind;
  text: string;
}

/**
 * discover → read → parse → rules → suppressions. YAML files (few) are parsed first so that
 * Dockerfiles, which stream through one at a time, can be judged with the Compose services
 * that build them; of a Dockerfile that a service builds, what the Compose checks read is kept.
 */
export async function audit(opts: AuditOptions): Promise<AuditRun> {
  const { config, cwd } = opts;
  const engine = new Engine(opts.rules, config, cwd);
  const notes: string[] = [];
  const paths = opts.paths.filter((p) => p !== "-");
  const useStdin = opts.paths.includes("-");
  const dotenvSeen = new Map<string, boolean>();
  let ignoredNamed = false;
  const discovered: DiscoveredFile[] =
    paths.length > 0 || !useStdin
      ? discover(paths, { cwd, forceKind: opts.forceKind, ignore: config.matchers?.ignore ?? null, ignoreBase: config.baseDir, onSkip: (p, why) => notes.push(`cannot read the folder ${p}/ (${why}): skipped`), onIgnored: (p) => {
            ignoredNamed = true;
            notes.push(`${p} is ignored by the config's ignore globs: not linted`);
          }, dotenvSeen })
      : [];

  // Said at the end: a folder of only files that a Compose file above it includes is linted after all.
  const nothingFound = discovered.length === 0 && !useStdin && !ignoredNamed;
  phaseDone("discover");
  const servicesByDockerfile = new Map<string, Service[]>();
  const images = new Map<string, BuiltImage>();
  const dockerfiles = new Map<string, DockerfileModel>();
  const project: ProjectModel = { cwd, compose: [], vms: [], servicesByDockerfile, images, dockerfiles, kernels: [] };
  // A VM spec's compose: reference must stay inside what was scanned (the cwd and the folders given).
  // A file named explicitly makes its folder part of what was scanned too.
  const named = paths.map((p) => resolve(cwd, p));
  const namedDirs = new Set(named.filter(isDirectory));
  const roots = [...new Set([cwd, ...named.map((p) => (namedDirs.has(p) ? p : dirname(p)))])];
  // Findings go to a store that spills sorted runs to disk past a limit: memory stays bounded.
  const spillDir = new SpillDir();
  const keep = opts.quiet ? (f: Finding) => f.severity === "error" : null;
  const findings = new FindingStore(spillDir, opts.spillAfter, keep);
  const linted: string[] = [];
  const unreadable = (path: string, r: { range: Range; message: string }) => {
    linted.push(path);
    const f = engine.finding("parse-error", path, r);
    if (f) findings.add([f]);
  };

  // Sort files into kinds; a file named explicitly whose name doesn't say is judged by content.
  const yamlSources: Source[] = [];
  const dockerfileEntries: { path: string; abs: string | null; text?: string }[] = [];
  const take = (path: string, abs: string | null, kind: FileKind | null, text: string, invalidUtf8Line: number | null) => {
    const k = kind ?? kindFromContent(text);
    if (!k) {
      unreadable(path, { range: LINE1, message: "not a Dockerfile, Compose file or VM spec: the name doesn't say and the content doesn't tell (use --kind)" });
    } else if (k === "dockerfile") dockerfileEntries.push({ path, abs, text });
    // A Dockerfile is bytes to Docker; YAML must be Unicode (however the kind was known).
    else if (invalidUtf8Line !== null) unreadable(path, { range: { line: invalidUtf8Line, column: 1, endLine: invalidUtf8Line, endColumn: 1 }, message: "invalid UTF-8: YAML must be Unicode text" });
    else yamlSources.push({ path, abs, kind: k, text });
  };
  for (const f of discovered) {
    if (f.kind === "dockerfile") {
      dockerfileEntries.push({ path: f.path, abs: f.abs });
      continue;
    }
    const src = readSource(f.abs, config.maxFileSize);
    if (!src.ok) unreadable(f.path, src);
    else take(f.path, f.abs, f.kind, src.text, src.invalidUtf8Line);
  }
  if (useStdin && opts.readStdin) {
    const decoded = decodeText(opts.readStdin());
    if (decoded.ok) take(STDIN_PATH, null, opts.forceKind, decoded.text, decoded.invalidUtf8Line);
    else unreadable(STDIN_PATH, { range: { line: decoded.line, column: 1, endLine: decoded.line, endColumn: 1 }, message: decoded.message });
  }

  // Dockerfiles read from disk go through a queue that a worker thread shares on large trees:
  // it starts now, while this thread reads the YAML files (cross-file facts only come from
  // those), and each thread takes the next file until none is left.
  const textEntries = dockerfileEntries.filter((e) => e.text !== undefined);
  const composeSources = yamlSources.filter((y) => y.kind === "compose");
  // Those beside a Compose file go last: a service likely builds them, and once the YAML phase
  // has reserved them the worker leaves them alone (a standalone lint of them is wasted).
  const composeDirs = new Set(composeSources.map((y) => dirname(y.path)));
  const besideCompose = (e: { path: string }) => composeDirs.has(dirname(e.path));
  const fromDisk = dockerfileEntries.filter((e) => e.text === undefined);
  const fileEntries = [...fromDisk.filter((e) => !besideCompose(e)), ...fromDisk.filter(besideCompose)];
  const queue = new WorkQueue(fileEntries.length);
  // The worker also checks the Compose files against the schema (a third of the YAML phase).
  const workerRun = useWorker(fileEntries.length, opts)
    ? (await import("./parallel.js")).startWorker(opts.parallel!, composeSources.map((c) => ({ path: c.path, text: c.text })), fileEntries, queue.buffer)
    : null;

  // A failure from here on stops the worker: the process would otherwise wait for its queue.
  try {
    // 1. YAML files (loaded only when there are any): parse, resolve references, place workloads
    // in kernels, connect services to the Dockerfiles they build.
    let referenceProblems = new Map<string, { range: Range; message: string }[]>();
    // Files named on the command line (pre-commit's changed files) are judged with the Compose
    // files around them, read for context: a Dockerfile with the services that build it.
    const context: Source[] = [];
    // Would a scan of the tree read this file (not ignored, no link out)? Made once, when first asked.
    let walkFilterMade: ((abs: string) => boolean) | undefined;
    const walkWouldTake = (abs: string) => (walkFilterMade ??= walkFilter({ cwd, ignore: config.matchers?.ignore ?? null, ignoreBase: config.baseDir }))(abs);
    // Folders named below the working directory (`isolint services/`): the folders above them too.
    const namedFolders = opts.context === false ? [] : [...namedDirs].filter((p) => p !== resolve(cwd));
    if (opts.context !== false && (discovered.some((f) => f.explicit) || namedFolders.length > 0)) {
      const { contextComposeFiles } = await import("./context.js");
      for (const c of contextComposeFiles(discovered, cwd, walkWouldTake, namedFolders)) {
        const src = readSource(c.abs, config.maxFileSize);
        if (src.ok && src.invalidUtf8Line === null) context.push({ path: c.path, abs: c.abs, kind: "compose", text: src.text });
      }
    }
    if (yamlSources.length > 0 || context.length > 0) {
      const { loadYamlFiles } = await import("./yaml-phase.js");
      // Files named on the command line are not in it: a link named there may point anywhere.
      const discoveredAbs = new Set(discovered.filter((f) => !f.explicit).map((f) => f.abs));
      // The folders a directory scan walks (named ones, or the working directory).
      const walked = paths.length === 0 ? (useStdin ? [] : [resolve(cwd)]) : [...namedDirs];
      const lintReferenced = (abs: string) => walked.some((d) => abs.startsWith(d.endsWith(sep) ? d : d + sep)) && walkWouldTake(abs);
      referenceProblems = loadYamlFiles(yamlSources, { project, config, cwd, roots, linted, discovered: discoveredAbs, validatedElsewhere: workerRun !== null, dotenvSeen, context, lintReferenced });
      phaseDone(`yaml phase (${yamlSources.length} files)`);
    }

    // 2. Dockerfiles that a Compose service builds are judged here, with the service (reserved:
    // the worker skips them, or its standalone result is dropped); the rest come from the queue.
    // The worker's results are taken between this thread's files, so that they don't pile up in
    // the port while this thread is busy — once every reservation is made: a file this thread
    // lints itself (reserved) is left out of them.
    let reservationsMade = false;
    let fromWorker = 0;
    let sinceTake = 0;
    const takeWorkerResults = () => {
      if (!workerRun || !reservationsMade) return;
      sinceTake = 0;
      for (const r of workerRun.take()) {
        if (queue.reserved(r.index)) continue;
        fromWorker++;
        linted.push(r.path);
        findings.add(r.findings);
      }
    };
    const lintOne = (entry: (typeof dockerfileEntries)[number]) => {
      const services = servicesByDockerfile.get(entry.path);
      const r = lintDockerfile(engine, project, entry, services);
      linted.push(entry.path);
      findings.add(r.findings);
      if (r.model && services) images.set(entry.path, builtImage(r.model));
      if (r.model && opts.keepDockerfiles) dockerfiles.set(entry.path, r.model);
      if (++sinceTake >= 32) takeWorkerResults();
    };
    for (const entry of textEntries) lintOne(entry);
    const builtByServices = servicesByDockerfile.size > 0 ? fileEntries.flatMap((e, i) => (servicesByDockerfile.has(e.path) ? [i] : [])) : [];
    // All reserved before the first is linted: from now on the worker leaves every one alone.
    for (const i of builtByServices) queue.reserve(i);
    reservationsMade = true;
    for (const i of builtByServices) lintOne(fileEntries[i]!);
    phaseDone(`dockerfiles services build (${images.size})`);
    // Dockerfiles that services of linted Compose files build, not among the paths: read for
    // context only (those of context-only Compose files are not: no check of theirs runs).
    const lintedYaml = new Set(linted);
    for (const [path, services] of servicesByDockerfile) {
      if (images.has(path) || !services.some((s) => lintedYaml.has(s.file))) continue;
      const abs = services[0]!.build!.dockerfileAbs!;
      // Inside what was scanned: the YAML phase links no Dockerfile outside it.
      const src = readSource(abs, config.maxFileSize);
      if (!src.ok) continue;
      const model = parseDockerfile(path, src.text);
      markNamedBuildContexts(model, services);
      images.set(path, builtImage(model));
      if (opts.keepDockerfiles) dockerfiles.set(path, model);
    }

    // 3. Compose checks (they may read the Dockerfiles above), then checks across files — before
    // the queue's Dockerfiles, so that the worker keeps linting those meanwhile.
    const yamlFindings = new Map<string, Finding[]>();
    const perFile = (path: string) => {
      let list = yamlFindings.get(path);
      if (!list) yamlFindings.set(path, (list = []));
      return list;
    };
    const lintedSet = new Set([...linted, ...dockerfileEntries.map((e) => e.path)]);
    const schemaFromWorker = workerRun && composeSources.length > 0 ? await workerRun.schema : null;
    for (const c of project.compose) {
      if (!lintedSet.has(c.path)) continue; // read for context only
      if (schemaFromWorker) c.schemaProblems = schemaFromWorker.get(c.path) ?? c.schemaProblems;
      const own = perFile(c.path);
      for (const f of engine.runFile(c, project)) own.push(f); // not push(...): 125 000 findings overflow the stack
      for (const p of c.schemaProblems) push(own, engine.finding("schema-violation", c.path, p));
      for (const p of isolintLabelProblems(c)) push(own, engine.finding("schema-violation", c.path, p));
      for (const p of c.referenceProblems) push(own, engine.finding("invalid-reference", c.path, p));
      if (++sinceTake >= 32) takeWorkerResults();
    }
    for (const v of project.vms) {
      const own = perFile(v.path);
      for (const f of engine.runFile(v, project)) own.push(f);
      for (const p of v.schemaProblems) push(own, engine.finding("schema-violation", v.path, p));
      for (const p of referenceProblems.get(v.path) ?? []) push(own, engine.finding("invalid-reference", v.path, p));
    }
    project.linted = lintedSet;
    for (const f of engine.runProject(project)) if (lintedSet.has(f.file)) perFile(f.file).push(f);
    const models = new Map<string, FileModel>([...project.compose.map((c) => [c.path, c] as const), ...project.vms.map((v) => [v.path, v] as const)]);
    for (const [path, list] of yamlFindings) {
      const model = models.get(path);
      findings.add(model ? finishFile(engine, model, list) : list);
    }

    forgetItems(); // items the checks across files built
    phaseDone("compose and project checks");

    // 4. The rest of the Dockerfiles, from the queue (the worker has been at it all along).
    for (let i = queue.take(); i >= 0; i = queue.take()) if (!queue.reserved(i)) lintOne(fileEntries[i]!);
    phaseDone("dockerfiles here");
    if (workerRun) {
      const done = await workerRun.done;
      takeWorkerResults();
      // As for findings: a reserved file's errors are the main thread's own run of it.
      for (const e of done.internalErrors) if (!queue.reserved(e.index)) engine.internalErrors.push({ ruleId: e.ruleId, file: e.file, error: new Error(e.message) });
      phaseDone(`worker results (${fromWorker} used)`);
    }
    if (nothingFound && linted.length === 0) {
      notes.push(`nothing to lint in ${paths.length ? paths.join(", ") : "."}: no Dockerfile, Compose file or VM spec there (they are found by name; VM specs also by content)`);
    }
    if (dockerfileEntries.length > 0) noteLinted("dockerfile");
    if (project.compose.length > 0) noteLinted("compose");
    if (project.vms.length > 0) noteLinted("vm");
    const shown = findings.sorted();
    linted.sort();
    const summary: Summary = { files: linted.length, ...findings.counts };
    phaseDone(`findings sorted (${summary.errors + summary.warnings + summary.infos + summary.suppressed}${findings.spilled ? ", spilled" : ""})`);
    const result: AuditRun = { findings: shown, summary, files: linted, rules: opts.rules, cwd, engine, project, notes };
    // The markdown report (job summaries, PR comments) shows the isolation map when there is one.
    // Made when a report asks for it: 50 ms on a monorepo that the other formats don't need.
    if (project.kernels.length > 0) {
      const { mapMermaid } = await import("./isolation-map.js");
      let map: string | undefined;
      Object.defineProperty(result, "isolationMap", { get: () => (map ??= mapMermaid(project.kernels)), enumerable: true, configurable: true });
    }
    return result;
  } catch (e) {
    workerRun?.stop();
    throw e;
  }
}

/** Below this many Dockerfiles a worker's start-up (~40 ms) costs more than it saves. */
const PARALLEL_MIN_DOCKERFILES = 800;

function useWorker(count: number, opts: AuditOptions): boolean {
  return Boolean(opts.parallel) && !opts.keepDockerfiles && count >= PARALLEL_MIN_DOCKERFILES && availableParallelism() >= 2;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function push(out: Finding[], f: Finding | null): void {
  if (f) out.push(f);
}

/** Line → first line of the continued Dockerfile instruction it is part of (itself otherwise). */
function instructionStarts(df: DockerfileModel): (line: number) => number {
  const starts = new Map<number, number>();
  for (const i of df.instructions) for (let l = i.range.line + 1; l <= i.range.endLine; l++) starts.set(l, i.range.line);
  return (line) => starts.get(line) ?? line;
}

/** Inline suppressions of one file, and `unused-suppression` for the comments that matched nothing. */
function finishFile(engine: Engine, model: FileModel, own: Finding[]): Finding[] {
  const comments: readonly Comment[] = "comments" in model ? model.comments : [];
  if (engine.config.noInlineIgnores || comments.length === 0) return own;
  const suppressions = parseSuppressions(comments);
  if (suppressions.length === 0) return own;
  const unused = applySuppressions(own, suppressions, model.kind === "dockerfile" ? instructionStarts(model) : undefined);
  for (const { suppression, id } of unused) {
    // CONTRACT.md: a comment that suppresses nothing is reported. One that suppressed something
    // is not, for the other rules it names (an id that is no rule at all still is: a typo).
    if (id !== "" && suppression.used.size > 0 && engine.rules.has(id)) continue;
    const directive = `isolint-ignore${suppression.scope === "file" ? "-file" : ""}`;
    let message: string;
    if (id === "") message = `"${directive}" names no rule, so it suppresses nothing: write the rule ids, e.g. "${directive} no-root-user -- reason".`;
    else if (engine.rules.has(id)) message = `"${directive} ${id}" suppresses nothing${suppression.scope === "line" ? ` on line ${suppression.target}` : " in this file"}.`;
    else message = `"${directive} ${id}": no rule has the id "${id}".`;
    push(own, engine.finding("unused-suppression", model.path, { range: suppression.comment.range, message }));
  }
  return own;
}

/**
 * One Dockerfile: read (unless its text is already in hand), parsed, linted, suppressions
 * applied — the same on the main thread and on the worker. `services` are the Compose services
 * that build it (their named build contexts are its bases). An unreadable file is one
 * parse-error finding and no model.
 */
function lintDockerfile(
  engine: Engine,
  project: ProjectModel,
  entry: { path: string; abs: string | null; text?: string },
  services: readonly Service[] | undefined,
): { findings: Finding[]; model: DockerfileModel | null } {
  let text = entry.text;
  if (text === undefined) {
    const src = readSource(entry.abs!, engine.config.maxFileSize);
    if (!src.ok) {
      const f = engine.finding("parse-error", entry.path, src);
      return { findings: f ? [f] : [], model: null };
    }
    text = src.text;
  }
  const model = parseDockerfile(entry.path, text);
  if (services) markNamedBuildContexts(model, services);
  return { findings: finishFile(engine, model, engine.runFile(model, project)), model };
}

/** Exit status per CONTRACT.md: 1 when a finding (not suppressed) reaches the fail-on level. */
export function exitCodeFor(summary: Counts, failOn: Config["failOn"]): 0 | 1 {
  if (failOn === "never") return 0;
  const threshold = SEVERITY_RANK[failOn];
  const reached = summary.errors > 0 || (threshold <= SEVERITY_RANK.warning && summary.warnings > 0) || (threshold <= SEVERITY_RANK.info && summary.infos > 0);
  return reached ? 1 : 0;
}


/**
 * The worker's half of `audit`: Dockerfiles taken from the shared queue and linted on their own
 * (Compose context is the main thread's), with the same config, rules, suppressions.
 */
export async function lintDockerfilesStandalone(
  cwd: string,
  configOptions: LoadConfigOptions,
  entries: readonly { path: string; abs: string }[],
  queueBuffer: SharedArrayBuffer,
  send: (batch: WorkerFileResult[]) => void,
): Promise<WorkerDone> {
  const { config, rules } = await loadConfig(configOptions);
  const engine = new Engine(rules, config, cwd);
  const project: ProjectModel = { cwd, compose: [], vms: [], servicesByDockerfile: new Map(), images: new Map(), dockerfiles: new Map(), kernels: [] };
  const queue = new WorkQueue(queueBuffer);
  // Results go out in batches as they are made (the main thread takes them between its own
  // files): neither thread holds them all.
  let batch: WorkerFileResult[] = [];
  const internalErrors: WorkerDone["internalErrors"] = [];
  let count = 0;
  for (let i = queue.take(); i >= 0; i = queue.take()) {
    if (queue.reserved(i)) continue;
    const e = entries[i]!;
    const errorsBefore = engine.internalErrors.length;
    batch.push({ index: i, path: e.path, findings: lintDockerfile(engine, project, e, undefined).findings });
    for (const x of engine.internalErrors.slice(errorsBefore)) internalErrors.push({ ruleId: x.ruleId, file: x.file, message: (x.error as Error)?.message ?? String(x.error), index: i });
    count++;
    if (batch.length >= 64) {
      send(batch);
      batch = [];
    }
  }
  send(batch);
  phaseDone(`worker linted ${count}`);
  return { internalErrors };
}
