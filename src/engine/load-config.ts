import { builtinRuleList, RuleSet } from "./registry.js";
import { defaultConfig, type Config } from "./config.js";

/** An invalid config or policy: exit 2 with the file, key path and reason. */
export class ConfigError extends Error {}

export interface LoadConfigOptions {
  cwd: string;
  explicit: string | null;
  disabled: boolean;
}

/** The effective config and the rules it enables (built-ins plus the config's policies). */
export function loadConfig(opts: LoadConfigOptions): { config: Config; rules: RuleSet } {
  const config = defaultConfig(opts.cwd);
  return { config, rules: new RuleSet(builtinRuleList()) };
}
