import { relative } from "node:path";
import { audit } from "../app/audit.js";
import type { Config } from "../engine/config.js";
import { parseOnlyRules } from "../engine/registry.js";
import type { CapacityFormat } from "../cli/commands.js";
import { CapacityError, resolveConstants } from "./constants.js";
import { capacityModel, type CapacityModel, type HostInput } from "./model.js";
import { renderJson } from "./report-json.js";
import { renderMarkdown } from "./report-markdown.js";
import { renderTable } from "./report-table.js";
import { parseCpus, parseSize } from "./units.js";


export interface CapacityCliOptions {
  cwd: string;
  paths: string[];
  config: Config;
  format: CapacityFormat;
  color: boolean;
  /** `--set name=value`, in order. */
  sets: string[];
  hostMemory?: string;
  hostCpus?: string;
  hostDisk?: string;
  /** Notes for stderr (files that could not be parsed). */
  warn: (s: string) => void;
}

/** `isolint capacity`: parse (no rules), model, render. Throws CapacityError for bad options. */
export async function runCapacity(o: CapacityCliOptions): Promise<string> {
  const host = parseHost(o);
  const where = o.config.file ? relative(o.cwd, o.config.file) || o.config.file : "config";
  const constants = resolveConstants(o.config.capacity, o.sets, where);
  // No checks run: only the rules the engine itself reports with (parse-error…), so that a file
  // that doesn't parse is a finding to mention rather than a crash.
  const parseOnly = parseOnlyRules();
  const run = await audit({ cwd: o.cwd, paths: o.paths, config: o.config, rules: parseOnly, forceKind: null, quiet: false, keepDockerfiles: true, context: false });
  const skipped = [...new Set([...run.findings].filter((f) => f.ruleId === "parse-error").map((f) => f.file))];
  if (skipped.length) o.warn(`isolint: left out ${skipped.length} file${skipped.length === 1 ? "" : "s"} that could not be parsed: ${skipped.join(", ")} (isolint audit says why)\n`);
  const model = capacityModel(run.project, constants, host);
  // A limit that can't be read is not a limit: say so rather than price the default silently.
  for (const w of model.workloads) {
    for (const u of w.unreadable ?? []) o.warn(`isolint: ${u.file}:${u.line}: ${u.key}: ${JSON.stringify(u.value)} is not ${u.expected}: ignored, as if it were not set\n`);
  }
  return renderCapacity(model, o.format, o.color);
}

export function renderCapacity(m: CapacityModel, format: CapacityFormat, color: boolean): string {
  switch (format) {
    case "json":
      return renderJson(m);
    case "markdown":
      return renderMarkdown(m);
    default:
      return renderTable(m, color);
  }
}

function parseHost(o: CapacityCliOptions): HostInput | null {
  const size = (v: string | undefined, flag: string) => {
    if (v === undefined) return null;
    const n = parseSize(v);
    if (n === null || n <= 0) throw new CapacityError(`${flag} ${v}: expected a size such as 64GiB or 500GB`);
    return n;
  };
  const memoryBytes = size(o.hostMemory, "--host-memory");
  const diskBytes = size(o.hostDisk, "--host-disk");
  let cpus: number | null = null;
  if (o.hostCpus !== undefined) {
    cpus = parseCpus(o.hostCpus);
    if (cpus === null || cpus <= 0) throw new CapacityError(`--host-cpus ${o.hostCpus}: expected a number of CPUs such as 16`);
  }
  if (memoryBytes === null && diskBytes === null && cpus === null) return null;
  return { memoryBytes, cpus, diskBytes };
}
