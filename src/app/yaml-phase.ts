import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { kindFromContent, kindFromName } from "../discover/kinds.js";
import { insideAny, reportPath } from "../discover/discover.js";
import type { Config } from "../engine/config.js";
import type { Service } from "../model/compose.js";
import type { ProjectModel } from "../model/project.js";
import type { Range } from "../model/range.js";
import type { YMap } from "../model/ynode.js";
import { parseCompose } from "../parse/compose/parse.js";
import { parseDotenv } from "../parse/compose/dotenv.js";
import { parseVmSpec } from "../parse/vmspec/parse.js";
import type { Source } from "./audit.js";
import { buildKernels } from "./kernels.js";
import { buildFromBase, markPartialServices } from "./overrides.js";
import { readSource } from "./read.js";

export interface YamlPhase {
  project: ProjectModel;
  config: Config;
  cwd: string;
  /** Folders a reference may point into: the cwd and the folders given. */
  roots: readonly string[];
  /** Report paths of the files linted (YAML files are added here). */
  linted: string[];
  /** Files the walk found below the scanned folders (absolute paths): inside them by construction. */
  discovered?: ReadonlySet<string>;
  /** The Compose files among the sources are validated by the worker thread: leave their schema problems empty. */
  validatedElsewhere?: boolean;
  /** Folders the walk read, and whether each has a `.env` entry (discover's dotenvSeen). */
  dotenvSeen?: ReadonlyMap<string, boolean>;
  /** Compose files read for context only: their services build named Dockerfiles, or named overrides merge into them. */
  context?: readonly Source[];
  /**
   * A file that a Compose file includes, or a VM spec runs, whose name doesn't say Compose
   * (`include: [sub/db.yaml]`): linted too when it is inside a folder being scanned — a scan
   * would lint it if its name said — instead of read for context only.
   */
  lintReferenced?: (abs: string) => boolean;
}

/**
 * Compose files and VM specs: parsed once each, with the files they reference (extends,
 * include, a VM's compose:) read for context inside the scanned folders; services marked
 * partial in override files; every workload placed in a kernel; services connected to the
 * Dockerfiles they build. Returns the VM specs' reference problems, by file. This module (and
 * the YAML parser and schema validators it pulls in) loads only when there are YAML files.
 */
export function loadYamlFiles(yamlSources: readonly Source[], ctx: YamlPhase): Map<string, { range: Range; message: string }[]> {
  const { project, config, cwd, roots, linted } = ctx;
  const envCache = new Map<string, Map<string, string>>();
  // A discovered file is inside (the walk follows no link out); anything else: realpath and see.
  const insideRoots = (abs: string) => ctx.discovered?.has(abs) === true || insideAny(roots, abs);
  /** A file another one references (extends, include, a VM's compose:), read for context; `written` names the reference. */
  const readReferenced = (abs: string, written: string): { text: string } | { problem: string } => {
    if (!existsSync(abs)) return { problem: `${written} does not exist` };
    const src = readSource(abs, config.maxFileSize);
    return src.ok ? { text: src.text } : { problem: `${written} can't be read (${src.message})` };
  };
  // `extends: { file }`: the base file is read for context (cached), never outside the scanned folders.
  // Each file once per set of variables (it is interpolated with the extending project's .env,
  // as Compose does): its parse, or why it can't be used.
  const extendedFiles = new Map<string, ReturnType<typeof parseCompose> | string>();
  const envIds = new Map<ReadonlyMap<string, string>, number>();
  let extendsDepth = 0;
  const loadExtended = (abs: string, service: string, written: string, env: ReadonlyMap<string, string>): { node: YMap } | { error: string } => {
    const shown = reportPath(cwd, abs);
    if (!insideRoots(abs)) return { error: `${written} is outside the scanned folders: not followed` };
    if (!envIds.has(env)) envIds.set(env, envIds.size);
    const key = `${envIds.get(env)}\0${abs}`;
    if (!extendedFiles.has(key)) {
      const src = readReferenced(abs, written);
      if ("problem" in src) extendedFiles.set(key, src.problem);
      else if (extendsDepth >= 8) extendedFiles.set(key, `${written} can't be read: extends nested more than 8 deep`);
      else {
        // While it is parsed, a reference back to it is a cycle.
        extendedFiles.set(key, `${written} can't be read: it is part of an extends cycle`);
        extendsDepth++;
        extendedFiles.set(key, parseComposeAt(shown, abs, src.text, true, env));
        extendsDepth--;
      }
    }
    const file = extendedFiles.get(key)!;
    if (typeof file === "string") return { error: file };
    const svc = file.services.find((x) => x.name === service);
    return svc ? { node: svc.node } : { error: `no service "${service}" in ${written}` };
  };
  const parseComposeAt = (path: string, abs: string | null, text: string, validate = true, env?: ReadonlyMap<string, string>): ReturnType<typeof parseCompose> =>
    parseCompose({ path, abs: abs ?? join(cwd, "compose.yaml"), text, env: env ?? dotenvFor(abs, envCache, config.maxFileSize, ctx.dotenvSeen), cwd, loadExtended, validate });
  for (const src of yamlSources) {
    linted.push(src.path);
    if (src.kind === "compose") project.compose.push(parseComposeAt(src.path, src.abs, src.text, !ctx.validatedElsewhere));
    else project.vms.push(parseVmSpec({ path: src.path, abs: src.abs ?? join(cwd, "vm.yaml"), text: src.text, cwd, roots }));
  }
  const known = new Set(project.compose.map((c) => c.abs));
  for (const src of ctx.context ?? []) {
    if (src.abs === null || known.has(src.abs)) continue;
    known.add(src.abs);
    project.compose.push(parseComposeAt(src.path, src.abs, src.text, false));
  }
  // Compose files that VM specs run, read for context when they were not among the paths.
  const referenceProblems = new Map<string, { range: Range; message: string }[]>();
  for (const file of project.vms) {
    for (const vm of file.vms) {
      for (const w of vm.workloads) {
        if (!w.compose) continue;
        const problem = (message: string) => referenceProblems.set(file.path, [...(referenceProblems.get(file.path) ?? []), { range: w.compose!.range, message }]);
        if (w.compose.outsideRoot) {
          problem(`compose: ${w.compose.path} is outside the scanned folders: not followed (lint from a folder that contains it)`);
          continue;
        }
        if (known.has(w.compose.abs)) continue;
        const src = readReferenced(w.compose.abs, `compose: ${w.compose.path}`);
        if ("problem" in src) {
          problem(src.problem);
          continue;
        }
        // A VM spec (this one, or another) is not a stack to run: say so, rather than lint it as Compose.
        if (kindFromName(basename(w.compose.abs)) === "vm" || kindFromContent(src.text) === "vm") {
          problem(`compose: ${w.compose.path} is a VM spec, not a Compose file`);
          continue;
        }
        known.add(w.compose.abs);
        project.compose.push(parseComposeAt(w.compose.reportPath, w.compose.abs, src.text));
        if (ctx.lintReferenced?.(w.compose.abs)) linted.push(w.compose.reportPath);
        // `docker compose -f <it>` merges the compose.override.yaml beside it: read it too, or
        // naming the VM spec alone would judge the stack differently from a scan of the tree.
        for (const name of AUTO_OVERRIDE_NAMES) {
          const abs = join(dirname(w.compose.abs), name);
          if (known.has(abs) || !existsSync(abs)) continue;
          const o = readSource(abs, config.maxFileSize);
          if (!o.ok || o.invalidUtf8Line !== null) continue;
          known.add(abs);
          project.compose.push(parseComposeAt(reportPath(cwd, abs), abs, o.text));
        }
      }
    }
  }
  // Compose files that others include: read for context; their services join the includer's project.
  for (let i = 0; i < project.compose.length; i++) {
    const c = project.compose[i]!;
    for (const inc of c.includes) {
      if (!insideRoots(inc.abs)) {
        c.referenceProblems.push({ range: inc.range, message: `include: ${inc.path} is outside the scanned folders: not followed` });
        continue;
      }
      if (known.has(inc.abs)) continue;
      const src = readReferenced(inc.abs, `include: ${inc.path}`);
      if ("problem" in src) {
        c.referenceProblems.push({ range: inc.range, message: src.problem });
        continue;
      }
      known.add(inc.abs);
      project.compose.push(parseComposeAt(inc.reportPath, inc.abs, src.text));
      // A later path of a list (`path: [db.yaml, db-local.yaml]`) overrides the first: linted as an
      // override is (its partial services report only what they set).
      if (ctx.lintReferenced?.(inc.abs)) linted.push(inc.reportPath);
    }
  }
  markPartialServices(project.compose);
  project.kernels = buildKernels(project.compose, project.vms, { tenants: config.matchers?.tenants ?? [], baseDir: config.baseDir, cwd });
  const servicesByDockerfile = project.servicesByDockerfile as Map<string, Service[]>;
  for (const c of project.compose) {
    for (const s of c.services) {
      const df = s.build?.dockerfilePath;
      // An override that only adds build args builds the base's Dockerfile: the base links it, with
      // the override's user: and healthcheck: as layers (the partial alone has neither). One that
      // sets its own context or Dockerfile builds that one (Compose replaces the base's).
      if (!df || buildFromBase(s)) continue;
      // A Dockerfile outside the scanned folders is not read, not even for context (like every reference).
      if (!insideRoots(s.build!.dockerfileAbs!)) continue;
      const list = servicesByDockerfile.get(df);
      if (list) list.push(s);
      else servicesByDockerfile.set(df, [s]);
    }
  }

  return referenceProblems;
}

const AUTO_OVERRIDE_NAMES = ["compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml", "docker-compose.override.yml"];

/** The `.env` beside a Compose file (Compose's project directory), parsed once per folder. */
function dotenvFor(abs: string | null, cache: Map<string, Map<string, string>>, maxBytes: number, seen: ReadonlyMap<string, boolean> | undefined): Map<string, string> {
  if (!abs) return new Map();
  const dir = dirname(abs);
  let vars = cache.get(dir);
  if (!vars) {
    const file = join(dir, ".env");
    let text = "";
    // Only a regular file of the Compose file's folder: a .env that is a symlink leading out of it
    // (to /proc/self/environ, a home directory's credentials, /dev/zero…) is not read, or the
    // linter's own environment would end up in its findings. No .env: only defaults apply.
    // A folder the walk read and found no `.env` in needs no look (a file-system call each).
    if (seen?.get(dir) !== false && existsSync(file) && insideAny([dir], file)) {
      const src = readSource(file, maxBytes);
      if (src.ok) text = src.text;
    }
    vars = text ? parseDotenv(text) : new Map();
    cache.set(dir, vars);
  }
  return vars;
}

