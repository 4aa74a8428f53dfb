import { audit } from "../../src/app/audit.js";
import { loadConfig } from "../../src/engine/load-config.js";
import type { Finding, FileKind } from "../../src/model/finding.js";

/** Lints paths in-process, as `isolint audit` does, with the config found from `cwd`. */
export async function lint(cwd: string, paths: string[] = ["."], opts: { kind?: FileKind; noConfig?: boolean } = {}): Promise<Finding[]> {
  const { config, rules } = await loadConfig({ cwd, explicit: null, disabled: opts.noConfig ?? false });
  return [...(await audit({ cwd, paths, config, rules, forceKind: opts.kind ?? null, quiet: false })).findings];
}
