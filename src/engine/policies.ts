import validatePolicy from "virtual:policy-validator";
import micromatch from "micromatch";
import { readdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { isMapNode, lineOfPath, toPlain, type YNode } from "../model/ynode.js";
import { nearest } from "../util/suggest.js";
import { formatAt, MatchError } from "./language/compile.js";
import { ConfigError } from "./errors.js";
import { readSettingsYaml } from "./read-settings-yaml.js";
import { toRule } from "./registry.js";
import type { Rule, RuleMeta } from "./types.js";

export interface PolicyLoadOptions {
  /** Config `policies:` globs, relative to `baseDir`. */
  globs: string[];
  /** `--policy` files (absolute). */
  files: string[];
  baseDir: string;
  cwd: string;
  builtinIds: ReadonlySet<string>;
}

const RULE_KEYS = ["id", "severity", "principle", "kinds", "title", "why", "triggers", "fix", "example", "references", "options", "match"];

/**
 * Users' policies: rule files in the built-in format, each checked when loaded — schema, ids,
 * and every field path of `match:` — so a misspelled field is an error with its line, never
 * a policy that silently matches nothing.
 */
export function loadPolicies(opts: PolicyLoadOptions): Rule[] {
  const files = [...new Set([...expandGlobs(opts.globs, opts.baseDir), ...opts.files])];
  const rules: Rule[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const display = relative(opts.cwd, file).split(sep).join("/") || file;
    const roots = readSettingsYaml(file, display, "policy");
    // An empty file (or one of comments) is most likely a mistake: it would load nothing, silently.
    if (!roots.some((r) => r)) throw new ConfigError(`${display}:1: the policy file is empty: write a rule (id, severity, principle, kinds, title, why, triggers, fix, match; docs/rule-language.md)`);
    for (const root of roots) {
      if (!root) continue;
      const rule = loadOne(root, display, opts.builtinIds);
      const before = seen.get(rule.meta.id);
      if (before) throw new ConfigError(`${display}:${lineOfPath(root, ["id"])}: id: "${rule.meta.id}" is already defined in ${before}`);
      seen.set(rule.meta.id, display);
      rules.push(rule);
    }
  }
  return rules;
}

function loadOne(root: YNode, display: string, builtinIds: ReadonlySet<string>): Rule {
  if (!isMapNode(root)) throw new ConfigError(`${display}:${root.range.line}: a policy must be a map (id, severity, principle, kinds, title, why, triggers, fix, match)`);
  const data = toPlain(root) as Record<string, unknown>;
  if (data.check !== undefined) {
    throw new ConfigError(`${display}:${lineOfPath(root, ["check"])}: check: policies are declarative; write a match: block (see docs/rule-language.md)`);
  }
  if (!validatePolicy(data)) {
    const errors = validatePolicy.errors ?? [];
    const e = errors.find((x) => x.keyword === "additionalProperties") ?? errors.find((x) => x.keyword === "required") ?? errors[0]!;
    const segs = e.instancePath.split("/").slice(1);
    let path = segs.join(".");
    let reason = e.message ?? "is invalid";
    if (e.keyword === "additionalProperties") {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const near = nearest(key, RULE_KEYS);
      path = path ? `${path}.${key}` : key;
      segs.push(key);
      reason = `unknown key${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}`;
    } else if (e.keyword === "required") {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      reason = missing === "check" || missing === "match" ? "a policy needs a match: block" : `needs "${missing}"`;
    } else if (e.keyword === "enum") {
      reason = `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(", ")}`;
    }
    throw new ConfigError(`${display}:${lineOfPath(root, segs)}: ${path || "(top level)"}: ${reason}`);
  }
  const meta = { ...(data as unknown as RuleMeta), source: display };
  if (builtinIds.has(meta.id)) throw new ConfigError(`${display}:${lineOfPath(root, ["id"])}: id: "${meta.id}" is a built-in rule; give the policy its own id`);
  try {
    return toRule(meta);
  } catch (e) {
    if (e instanceof MatchError) throw new ConfigError(`${display}:${lineOfPath(root, [...e.at])}: ${formatAt(e.at)}: ${e.reason}`);
    throw e;
  }
}


/** Files matching the globs, walked from each glob's static base (so `policies/*.yaml` reads one folder). */
function expandGlobs(globs: readonly string[], baseDir: string): string[] {
  const out = new Set<string>();
  for (const g of globs) {
    const { base, isGlob } = micromatch.scan(g);
    const root = resolve(baseDir, base || ".");
    if (!isGlob) {
      out.add(resolve(baseDir, g));
      continue;
    }
    const match = micromatch.matcher(g, { dot: false });
    for (const f of walkFiles(root, 8)) {
      const rel = relative(baseDir, f).split(sep).join("/");
      if (match(rel)) out.add(f);
    }
  }
  return [...out].sort();
}

function walkFiles(dir: string, depth: number): string[] {
  if (depth < 0) return [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.name === "node_modules" || e.name === ".git") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walkFiles(p, depth - 1));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
