import { readFileSync, statSync } from "node:fs";
import type { YNode } from "../model/ynode.js";
import { parseYamlFile } from "../parse/yaml/document.js";
import { ConfigError } from "./errors.js";

/** A config or policy file is small: anything bigger is a mistake, not settings. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Reads and parses a config or policy file (`what` names it in messages). Anything that keeps
 * it from being read or parsed is a ConfigError (exit 2) saying which file, and where.
 */
export function readSettingsYaml(file: string, display: string, what: "config" | "policy"): (YNode | null)[] {
  let text: string;
  try {
    // A regular file of a sensible size (not a FIFO, /dev/zero or a runaway file).
    const st = statSync(file);
    if (!st.isFile()) throw new ConfigError(`${display}: the ${what} is not a regular file`);
    if (st.size > MAX_BYTES) throw new ConfigError(`${display}: the ${what} is over ${MAX_BYTES / 1048576} MB`);
    text = readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${display}: cannot read the ${what} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const y = parseYamlFile(text, null);
  if (y.problem) throw new ConfigError(`${display}:${y.problem.range.line}: ${y.problem.message}`);
  return y.roots;
}
