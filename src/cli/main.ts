import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { makeParentDirs } from "../util/make-dirs.js";
import { phaseDone } from "../app/timing.js";
import { resolve } from "node:path";
import version from "virtual:package-version";
import { audit, exitCodeFor } from "../app/audit.js";
import { BaselineError } from "../app/baseline-error.js";
import { explainRule, rulesJson, rulesTable } from "../app/catalog.js";
import { STARTER_CONFIG } from "../app/init.js";
import { PathError } from "../discover/discover.js";
import { ConfigError, loadConfig } from "../engine/load-config.js";
import { parseOnlyRules } from "../engine/registry.js";
import type { FileKind, Severity } from "../model/finding.js";
import { colorEnabled } from "../report/color.js";
import { loadReporter } from "../report/index.js";
import { type Report } from "../report/types.js";
import { nearest } from "../util/suggest.js";
import { ArgError, parseArgs, ShowText, type Parsed } from "./args.js";
import { OutputError, stdoutIsTerminal, stdoutWriter, writeAll } from "./stdout.js";
import { COMMANDS, type CapacityFormat } from "./commands.js";

/** Thrown for anything that is the user's to fix: printed as one line, exit 2. */
export class UsageError extends Error {}


export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Text, or UTF-8 bytes (the JSON report's chunks). */
  stdout: (s: string | Uint8Array) => void;
  stderr: (s: string) => void;
  /** Read only when colour depends on it: finding out may cost a module load. */
  readonly stdoutIsTTY: boolean;
  readStdin: () => Uint8Array;
  /** The built worker script (dist/worker.js), for linting large trees on two threads. */
  workerScript?: string | URL;
}

type Opts = Parsed["opts"];
const str = (v: Opts[string]) => (typeof v === "string" ? v : undefined);
const configOf = (io: Io, opts: Opts) => ({
  cwd: io.cwd,
  explicit: str(opts.config) ?? null,
  disabled: opts.config === false,
  policyFiles: (opts.policy as string[] | undefined) ?? [],
});

/** Runs the CLI and returns the exit status (0, 1 or 2); never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  let debug = argv.includes("--debug");
  try {
    const { command, args, opts } = parseArgs(argv, COMMANDS, "audit", {
      name: "isolint",
      version,
      summary: "Policy-as-code isolation linter for Dockerfiles, Compose files and VM specs",
    });
    debug ||= opts.debug === true;
    // Only audit reads stdin (with --kind); the project views read files, which they relate.
    if ((command === "map" || command === "capacity") && args.includes("-")) throw new UsageError(`${command} reads files, not stdin: name the files or folders (only audit reads "-", with --kind)`);
    switch (command) {
      case "audit":
        return await runAudit(io, args, opts, debug);
      case "map":
        return await runMap(io, args, opts);
      case "capacity": {
        const { runCapacity } = await import("../capacity/index.js");
        const { config } = await loadConfig(configOf(io, opts));
        const text = await runCapacity({
          cwd: io.cwd,
          paths: args,
          config,
          format: opts.format as CapacityFormat,
          color: !opts.output && colorEnabled(() => io.stdoutIsTTY, io.env),
          sets: opts.set as string[],
          hostMemory: str(opts.hostMemory),
          hostCpus: str(opts.hostCpus),
          hostDisk: str(opts.hostDisk),
          warn: io.stderr,
        });
        emit(io, text, str(opts.output));
        return 0;
      }
      case "rules": {
        const { rules } = await loadConfig(configOf(io, opts));
        const output = str(opts.output);
        emit(io, opts.format === "json" ? rulesJson(rules) : rulesTable(rules, !output && colorEnabled(() => io.stdoutIsTTY, io.env)), output);
        return 0;
      }
      case "explain": {
        const { rules } = await loadConfig(configOf(io, opts));
        const id = args[0]!;
        const rule = rules.get(id);
        if (!rule) {
          const near = nearest(id, rules.ids());
          throw new UsageError(`unknown rule "${id}"${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}; \`isolint rules\` lists them`);
        }
        const output = str(opts.output);
        emit(io, explainRule(rule.meta, !output && colorEnabled(() => io.stdoutIsTTY, io.env)), output);
        return 0;
      }
      case "init": {
        const out = str(opts.output)!;
        const target = resolve(io.cwd, out);
        if (existsSync(target) && !opts.force) throw new UsageError(`${out} already exists (use --force to overwrite)`);
        writeOutput(target, STARTER_CONFIG, io.cwd);
        io.stdout(`wrote ${out}: every option is shown with a comment; edit and commit it.\n`);
        return 0;
      }
    }
    return 2;
  } catch (e) {
    if (e instanceof ShowText) {
      io.stdout(e.text);
      return 0;
    }
    if (e instanceof ArgError || e instanceof UsageError || e instanceof PathError || e instanceof ConfigError || e instanceof BaselineError || e instanceof OutputError) {
      io.stderr(`isolint: ${e.message}\n`);
      return 2;
    }
    io.stderr(`isolint: internal error: ${(e as Error)?.message ?? String(e)}${debug ? `\n${(e as Error)?.stack ?? ""}` : " (run with --debug for details)"}\n`);
    return 2;
  }
}

async function runAudit(io: Io, paths: string[], opts: Opts, debug: boolean): Promise<number> {
  if (paths.includes("-") && !opts.kind) throw new UsageError("reading stdin (-) needs --kind dockerfile|compose|vm");
  phaseDone("start");
  const { config, rules } = await loadConfig(configOf(io, opts));
  phaseDone("config");
  const run = await audit({
    cwd: io.cwd,
    paths,
    config,
    rules,
    forceKind: (str(opts.kind) as FileKind | undefined) ?? null,
    quiet: opts.quiet === true,
    readStdin: io.readStdin,
    ...(io.workerScript && io.env.ISOLINT_WORKERS !== "0" ? { parallel: { workerScript: io.workerScript, config: configOf(io, opts), cwd: io.cwd } } : {}),
    // How many findings are held before they go to disk (tests and benches; a positive integer).
    ...(/^[1-9][0-9]*$/.test(io.env.ISOLINT_SPILL_AFTER ?? "") ? { spillAfter: Number(io.env.ISOLINT_SPILL_AFTER) } : {}),
  });
  for (const note of run.notes) io.stderr(`isolint: ${note}\n`);
  const baseline = str(opts.baseline);
  if (baseline) {
    const { applyBaseline } = await import("../app/baseline.js");
    const { stale } = applyBaseline(run, baseline);
    if (stale > 0) io.stderr(`isolint: ${stale} baseline entr${stale === 1 ? "y no longer matches" : "ies no longer match"} (fixed or changed); refresh it with --write-baseline ${baseline}\n`);
  }
  const reporter = await loadReporter(str(opts.format) ?? "stylish");
  const output = str(opts.output);
  emit(io, reporter(run, { color: !output && colorEnabled(() => io.stdoutIsTTY, io.env) }), output);
  phaseDone("report");
  for (const e of run.engine.internalErrors) {
    io.stderr(`isolint: internal error in rule ${e.ruleId} on ${e.file}: ${(e.error as Error)?.message ?? e.error}\n`);
    if (debug) io.stderr(`${(e.error as Error)?.stack ?? ""}\n`);
  }
  let status: number = run.engine.internalErrors.length > 0 ? 2 : exitCodeFor(run.summary, (str(opts.failOn) as Severity | "never" | undefined) ?? config.failOn);
  const writeTo = str(opts.writeBaseline);
  if (writeTo) {
    const { writeBaseline } = await import("../app/baseline.js");
    const n = writeBaseline(run, writeTo);
    io.stderr(`isolint: wrote ${n} finding${n === 1 ? "" : "s"} to the baseline ${writeTo}\n`);
    if (status === 1) status = 0;
  }
  return status;
}

async function runMap(io: Io, paths: string[], opts: Opts): Promise<number> {
  const { config } = await loadConfig(configOf(io, opts));
  const run = await audit({ cwd: io.cwd, paths, config, rules: parseOnlyRules(), forceKind: null, quiet: false, context: false });
  // Files that don't parse are left out of the map; say which.
  for (const f of [...run.findings].filter((x) => x.ruleId === "parse-error" || x.ruleId === "invalid-reference")) {
    io.stderr(`isolint: ${f.file}:${f.line}: ${f.message} (left out of the map)\n`);
  }
  const { mapJson, mapMermaid, mapText } = await import("../app/isolation-map.js");
  const kernels = run.project.kernels;
  const output = str(opts.output);
  const text =
    opts.format === "json" ? JSON.stringify(mapJson(kernels), null, 2) + "\n" : opts.format === "mermaid" ? mapMermaid(kernels) : mapText(kernels, !output && colorEnabled(() => io.stdoutIsTTY, io.env));
  emit(io, text, output);
  return 0;
}

/** A report to stdout or `--output`, chunk by chunk as it is made. */
function emit(io: Io, report: Report, output: string | undefined): void {
  if (output) writeOutput(output, report, io.cwd);
  else if (typeof report === "string") io.stdout(report);
  else for (const chunk of report) io.stdout(chunk);
}

function writeOutput(file: string, report: Report, cwd: string): void {
  const path = file.startsWith("/") ? file : `${cwd}/${file}`;
  // Only the file system's failures are "cannot write"; one while making the report is an
  // internal error (reported as such by main()).
  const fsCall = <T>(call: () => T): T => {
    try {
      return call();
    } catch (e) {
      throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  // `--output reports/isolint.sarif`: the folder is made if it isn't there (as the Action does).
  fsCall(() => makeParentDirs(path));
  const fd = fsCall(() => openSync(path, "w"));
  try {
    for (const chunk of typeof report === "string" ? [report] : report) fsCall(() => writeAll(fd, chunk));
  } finally {
    closeSync(fd);
  }
}

export function processIo(): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: stdoutWriter(),
    stderr: (s) => process.stderr.write(s),
    // Asked only when colour depends on it (not with NO_COLOR, FORCE_COLOR or --format json).
    get stdoutIsTTY() {
      return stdoutIsTerminal();
    },
    readStdin: () => readFileSync(0),
  };
}
