import validateCompose from "virtual:compose-validator";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { reportPath } from "../../discover/discover.js";
import type { BuildSpec, ComposeModel, Located, SchemaProblemAt, Service } from "../../model/compose.js";
import type { Range } from "../../model/range.js";
import { isMapNode, isScalarNode, isSeqNode, located, locateProblem, scalarString, toPlain, toSchemaData, type YMap, type YNode, type YScalar, type YSeq } from "../../model/ynode.js";
import { parseImageRef } from "../dockerfile/image-ref.js";
import { parseYamlFile } from "../yaml/document.js";
import { parseYamlFast } from "../yaml/fast.js";
import { plainOf } from "../yaml/resolve.js";
import { extendService } from "../yaml/merge.js";
import { interpolate } from "./interpolate.js";
import {
  normalizeCaps,
  normalizeEnvironment,
  normalizeExpose,
  normalizeKeyValues,
  normalizePorts,
  normalizeSecurityOpts,
  normalizeStart,
  normalizeVolumes,
} from "./normalize.js";
import { describeSchemaErrors } from "./schema-messages.js";

/** Where a service's `extends: { file, service }` comes from; the app layer reads the file. */
export type LoadExtended = (file: string, service: string, written: string, env: ReadonlyMap<string, string>) => { node: YMap } | { error: string };

export interface ComposeInput {
  /** Path as reported (relative to the cwd). */
  path: string;
  abs: string;
  text: string;
  /** Variables from the `.env` file beside the Compose file. */
  env: ReadonlyMap<string, string>;
  /** The cwd, to report Dockerfile paths of `build:` the way discovery reports them. */
  cwd: string;
  /** Reads a base service from another file (`extends: { file }`); absent: other files aren't followed. */
  loadExtended?: LoadExtended;
  /**
   * false: leave `schemaProblems` empty — another thread finds them with composeTextSchemaProblems
   * on the same text, and the caller fills them in.
   */
  validate?: boolean;
}

const LINE1: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** One parse of a Compose file into services with positions; schema problems located at their keys. */
export function parseCompose(input: ComposeInput): ComposeModel {
  const yaml = parseYamlFile(input.text, (t) => interpolate(t, input.env));
  const model: ComposeModel = {
    kind: "compose",
    path: input.path,
    abs: input.abs,
    services: [],
    problem: yaml.problem,
    schemaProblems: [],
    comments: yaml.comments,
    root: null,
    referenceProblems: [],
    includes: [],
  };
  if (yaml.problem) return model;
  const roots = yaml.roots.filter((r): r is YNode => r !== null);
  if (roots.length === 0) {
    model.problem = { range: LINE1, message: "the Compose file is empty" };
    return model;
  }
  if (input.validate !== false) model.schemaProblems = composeSchemaProblems(roots);
  for (const root of roots) {
    if (!isMapNode(root)) continue;
    model.root ??= root;
    if (isLegacyV1(root)) continue;
    // A file of only `include:` entries is a project too: the included files' services join it.
    model.includes.push(...includesOf(root, input));
    const services = root.entries.get("services");
    if (!isMapNode(services)) continue;
    const resolved = new Map<string, YMap>();
    for (const [name, node] of services.entries) {
      if (!isMapNode(node)) continue;
      // `provider:` hands the service to a plugin (Docker Model Runner…): no container runs.
      if (node.entries.has("provider")) continue;
      const merged = resolveExtends(name, node, services, input, model.referenceProblems, resolved, new Set());
      model.services.push(buildService(name, merged, node.range, input));
    }
  }
  return model;
}

/**
 * A base service from another file builds relative to that file's folder (Compose resolves its
 * relative paths there): its build context, rewritten relative to the extending file's folder.
 */
function rebaseBuild(service: YMap, from: string, to: string): YMap {
  const build = service.entries.get("build");
  if (!build || from === to) return service;
  const moved = (n: YScalar | undefined, range: YScalar["range"]): YScalar | null => {
    const v = n ? scalarString(n) : ".";
    if (v === null || v.includes("$") || isAbsolute(v) || /^[a-z][a-z0-9+.-]*:\/\/|^git@|\.git(#.*)?$/i.test(v)) return null;
    const rel = relative(to, resolve(from, v)) || ".";
    return { kind: "scalar", value: rel, raw: rel, unresolved: false, range: n?.range ?? range };
  };
  let next: YNode = build;
  if (isScalarNode(build)) {
    const m = moved(build, build.range);
    if (m) next = m;
  } else if (isMapNode(build)) {
    const ctx = build.entries.get("context");
    const m = moved(isScalarNode(ctx) ? ctx : undefined, build.range);
    if (m && (ctx === undefined || isScalarNode(ctx))) next = { ...build, entries: new Map([...build.entries, ["context", m]]) };
  }
  if (next === build) return service;
  return { ...service, entries: new Map([...service.entries, ["build", next]]) };
}

/** A service with `extends:` starts from its base service (same file, or another file read by the app). */
function resolveExtends(
  name: string,
  node: YMap,
  services: YMap,
  input: ComposeInput,
  problems: ComposeModel["referenceProblems"],
  done: Map<string, YMap>,
  visiting: Set<string>,
): YMap {
  const cached = done.get(name);
  if (cached) return cached;
  const ext = node.entries.get("extends");
  if (!ext) return node;
  const at = ext.range; // the `extends:` key's line
  const baseName = isScalarNode(ext) ? scalarString(ext) : isMapNode(ext) ? scalarString(ext.entries.get("service")) : null;
  const file = isMapNode(ext) ? scalarString(ext.entries.get("file")) : null;
  if (!baseName) return node;
  let base: YMap | null = null;
  if (file) {
    // Remote bases (oci://, git URLs, custom loaders' `name:ref`) are not followed.
    if (!input.loadExtended || /^[a-z][a-z0-9+.-]+:/i.test(file)) return node;
    const baseAbs = resolve(dirname(input.abs), file);
    // Interpolated with this project's variables (its .env), as Compose does.
    const r = input.loadExtended(baseAbs, baseName, file, input.env);
    if ("error" in r) {
      problems.push({ range: at, message: `extends: ${r.error}` });
      return node;
    }
    base = rebaseBuild(r.node, dirname(baseAbs), dirname(input.abs));
  } else {
    const b = services.entries.get(baseName);
    if (!isMapNode(b)) {
      problems.push({ range: at, message: `extends: no service "${baseName}" in this file` });
      return node;
    }
    if (visiting.has(name)) {
      problems.push({ range: at, message: `extends: a cycle through service "${baseName}"` });
      return node;
    }
    visiting.add(name);
    base = resolveExtends(baseName, b, services, input, problems, done, visiting);
  }
  const merged = extendService(node, base, at);
  done.set(name, merged);
  return merged;
}

/** Top-level `include:` entries (string, or `{ path }` with a string or list). */
function includesOf(root: YMap, input: ComposeInput): ComposeModel["includes"] {
  const inc = root.entries.get("include");
  if (!isSeqNode(inc)) return [];
  const out: ComposeModel["includes"] = [];
  for (const item of inc.items) {
    const paths = isScalarNode(item) ? [item] : isMapNode(item) ? (isSeqNode(item.entries.get("path")) ? (item.entries.get("path") as YSeq).items : [item.entries.get("path")]) : [];
    let first: string | null = null;
    for (const p of paths) {
      const text = scalarString(p);
      if (!text || !p || text.includes("$") || /^[a-z][a-z0-9+.-]+:/i.test(text)) continue;
      const abs = isAbsolute(text) ? text : resolve(dirname(input.abs), text);
      out.push({ path: text, abs, reportPath: reportPath(input.cwd, abs), range: p.range, ...(first !== null ? { overlays: first } : {}) });
      first ??= abs;
    }
  }
  return out;
}

/**
 * The schema problems of a Compose file's documents, in document order: a document that is not
 * a map, the legacy v1 layout, and what the schema says of the rest.
 */
function composeSchemaProblems(roots: readonly YNode[]): SchemaProblemAt[] {
  const out: SchemaProblemAt[] = [];
  for (const root of roots) {
    if (!isMapNode(root)) {
      out.push({ range: root.range, message: "a Compose file must be a map with a top-level `services:` key" });
    } else if (isLegacyV1(root)) {
      const first = [...root.entries.keys()].find((k) => !k.startsWith("x-") && k !== "version");
      out.push({
        range: (first && root.entries.get(first)?.range) || LINE1,
        message: "services are at the top level (the legacy Compose v1 format, which Docker Compose v2 no longer reads): put them under `services:`",
      });
    } else out.push(...schemaProblems(root));
  }
  return out;
}

/**
 * What parseCompose would put in `schemaProblems` for this text (the worker thread's share of
 * the YAML phase: validation is a third of it). Interpolation can't change them: the schema
 * is checked on the values as written.
 */
export function composeTextSchemaProblems(text: string): SchemaProblemAt[] {
  if (validAsPlainData(text)) return [];
  // A problem to locate (or a file the shortcut doesn't take): the whole parse, as the main thread's.
  const yaml = parseYamlFile(text, null);
  if (yaml.problem) return [];
  return composeSchemaProblems(yaml.roots.filter((r): r is YNode => r !== null));
}

/**
 * The common case on the worker, without YNodes or ranges: every document is a map with
 * `services:` whose plain data (plainOf, equal to toPlain of the resolved root) the schema
 * accepts. Anything else — the fast parser giving up, an alias bomb, a problem — is false, and
 * the caller does the full parse (which finds and words the same problems as the main thread).
 */
function validAsPlainData(text: string): boolean {
  const docs = parseYamlFast(text);
  if (!docs) return false;
  try {
    for (const doc of docs) {
      const data = plainOf(doc);
      if (data === null && doc.root === null) continue; // an empty document
      if (data === null || typeof data !== "object" || Array.isArray(data) || !Object.hasOwn(data, "services")) return false;
      if (!validateCompose(data)) return false;
    }
  } catch {
    return false;
  }
  // Only empty documents: "the Compose file is empty" is the main thread's, not a schema problem.
  return true;
}

function isLegacyV1(root: YMap): boolean {
  return !root.entries.has("services") && looksLikeV1(root);
}

function looksLikeV1(root: YMap): boolean {
  return [...root.entries].some(([k, v]) => !k.startsWith("x-") && isMapNode(v) && (v.entries.has("image") || v.entries.has("build")));
}

function schemaProblems(root: YMap): SchemaProblemAt[] {
  // Most files are valid: checked on null-prototype data (fast, see toSchemaData). A problem
  // is described from ordinary data, whose values its messages may quote.
  if (validateCompose(toSchemaData(root))) return [];
  const data = toPlain(root);
  validateCompose(data);
  const problems = describeSchemaErrors(validateCompose.errors ?? [], data);
  return problems.map((p) => ({ range: locateProblem(root, p.path, p.key), message: p.message }));
}

function buildService(name: string, node: YMap, range: Range, input: ComposeInput): Service {
  const get = (k: string) => node.entries.get(k);
  const image = located(get("image"));
  return {
    name,
    file: input.path,
    range,
    node,
    image: image ? { ...image, ref: parseImageRef(image.value, image.unresolved) } : null,
    build: buildSpec(get("build"), input),
    user: located(get("user")),
    ports: normalizePorts(get("ports")),
    expose: normalizeExpose(get("expose")),
    volumes: normalizeVolumes(get("volumes")),
    labels: normalizeKeyValues(get("labels")),
    environment: normalizeEnvironment(get("environment")),
    securityOpt: normalizeSecurityOpts(get("security_opt")),
    capAdd: normalizeCaps(get("cap_add")),
    capDrop: normalizeCaps(get("cap_drop")),
    command: normalizeStart("command", get("command")),
    entrypoint: normalizeStart("entrypoint", get("entrypoint")),
    healthcheck: get("healthcheck") ?? null,
    runtime: located(get("runtime")),
    get,
    partial: false,
    overrides: [],
  };
}

const REMOTE_CONTEXT = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/|github\.com\/)|\.git(#.*)?$/;

/** `build: ./dir` or `build: { context, dockerfile, dockerfile_inline, additional_contexts }`. */
function buildSpec(n: YNode | undefined, input: ComposeInput): BuildSpec | null {
  if (!n) return null;
  let context: string | null = ".";
  let dockerfile = "Dockerfile";
  let inline: string | null = null;
  const additionalContexts: string[] = [];
  let args = new Map<string, Located<string>>();
  if (isScalarNode(n)) {
    context = scalarString(n) ?? ".";
  } else if (isMapNode(n)) {
    context = scalarString(n.entries.get("context")) ?? ".";
    dockerfile = scalarString(n.entries.get("dockerfile")) ?? "Dockerfile";
    inline = scalarString(n.entries.get("dockerfile_inline"));
    const ac = n.entries.get("additional_contexts");
    if (isMapNode(ac)) additionalContexts.push(...ac.entries.keys());
    else if (isSeqNode(ac)) for (const i of ac.items) additionalContexts.push((scalarString(i) ?? "").split("=")[0]!);
    args = normalizeKeyValues(n.entries.get("args"));
  } else return null;
  const remote = context === null || REMOTE_CONTEXT.test(context) || context.includes("$");
  let dockerfileAbs: string | null = null;
  let dockerfilePath: string | null = null;
  if (!remote && inline === null && !dockerfile.includes("$")) {
    const ctx = resolve(dirname(input.abs), context!);
    dockerfileAbs = isAbsolute(dockerfile) ? dockerfile : join(ctx, dockerfile);
    dockerfilePath = reportPath(input.cwd, dockerfileAbs);
  }
  return { range: n.range, context: remote ? null : context, dockerfilePath, dockerfileAbs, inline, additionalContexts, args };
}
