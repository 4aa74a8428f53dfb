import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { defaultConfig, type Config } from "./config.js";
import { ConfigError } from "./errors.js";
import { builtinRuleList, RuleSet } from "./registry.js";

export { ConfigError };

export interface LoadConfigOptions {
  cwd: string;
  /** `--config <file>`. */
  explicit: string | null;
  /** `--no-config`. */
  disabled: boolean;
  /** `--policy <file>` (repeatable): policy files on top of the config's `policies:`. */
  policyFiles?: string[];
}

export const CONFIG_NAMES = [".isolint.yaml", ".isolint.yml"];

/**
 * The effective config and the rules it enables (built-ins plus the config's policies).
 * Reading YAML, validating and compiling globs load only when there is a config or a policy:
 * a run without them starts with none of that code.
 */
export async function loadConfig(opts: LoadConfigOptions): Promise<{ config: Config; rules: RuleSet }> {
  const file = opts.disabled ? null : opts.explicit ? resolve(opts.cwd, opts.explicit) : findConfig(opts.cwd);
  if (opts.explicit && !opts.disabled && (!existsSync(file!) || !statSync(file!).isFile())) {
    throw new ConfigError(`${opts.explicit}: config file not found`);
  }
  const config = defaultConfig(file ? dirname(file) : opts.cwd);
  const builtins = builtinRuleList();
  const policyFiles = opts.policyFiles ?? [];
  if (!file && policyFiles.length === 0) return { config, rules: new RuleSet(builtins) };

  const { readConfigFile, checkRuleSettings } = await import("./config-file.js");
  const display = file ? relative(opts.cwd, file) || file : "";
  const root = file ? readConfigFile(config, file, display) : null;
  let policies: RuleSet["rules"] = [];
  if (config.policies.length > 0 || policyFiles.length > 0) {
    const { loadPolicies } = await import("./policies.js");
    policies = loadPolicies({
      globs: config.policies,
      files: policyFiles.map((f) => resolve(opts.cwd, f)),
      baseDir: config.baseDir,
      cwd: opts.cwd,
      builtinIds: new Set(builtins.map((r) => r.meta.id)),
    });
  }
  const rules = new RuleSet([...builtins, ...policies]);
  if (root) checkRuleSettings(config, rules, root, display);
  // `capacity:` overrides are checked whatever the command (audit too), with their line.
  if (root && Object.keys(config.capacity).length > 0) {
    // A CapacityError is a ConfigError: exit 2 with the file, line and key.
    const [{ resolveConstants }, { lineOfPath }] = await Promise.all([import("../capacity/constants.js"), import("../model/ynode.js")]);
    resolveConstants(config.capacity, [], display, (name) => lineOfPath(root, ["capacity", name]));
  }
  if (config.ignore.length || config.overrides.length || Object.keys(config.tenants).length) {
    const { compileGlobs } = await import("../util/globs.js");
    config.matchers = {
      ignore: config.ignore.length ? compileGlobs(config.ignore) : null,
      overrides: config.overrides.map((o) => compileGlobs(o.files)),
      tenants: Object.entries(config.tenants).map(([tenant, globs]) => ({ tenant, match: compileGlobs(globs) })),
    };
  }
  return { config, rules };
}

/** `.isolint.yaml` in the cwd or the nearest parent, up to the repository root. */
export function findConfig(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const f = join(dir, name);
      if (existsSync(f)) return f;
    }
    if (existsSync(join(dir, ".git"))) return null;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

