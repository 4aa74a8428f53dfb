import { Command, CommanderError, Option } from "commander";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { STARTER_CONFIG } from "../app/init.js";
import version from "virtual:package-version";
import { audit, exitCodeFor } from "../app/audit.js";
import { BaselineError } from "../app/baseline-error.js";
import { explainRule, rulesJson, rulesTable } from "../app/catalog.js";
import { mapJson, mapMermaid, mapText } from "../app/isolation-map.js";
import { PathError } from "../discover/discover.js";
import { ConfigError, loadConfig } from "../engine/load-config.js";
import { parseOnlyRules } from "../engine/registry.js";
import type { FileKind, Severity } from "../model/finding.js";
import { colorEnabled } from "../report/color.js";
import { loadReporter, AUDIT_FORMATS } from "../report/index.js";
import { nearest } from "../util/suggest.js";

/** Thrown for anything that is the user's to fix: printed as one line, exit 2. */
export class UsageError extends Error {}

interface CommonOptions {
  format?: string;
  output?: string;
  config?: string | false;
  failOn?: Severity | "never";
  quiet?: boolean;
  kind?: FileKind;
  debug?: boolean;
  sarifIncludeSuppressed?: boolean;
  baseline?: string;
  writeBaseline?: string;
  policy?: string[];
}

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutIsTTY: boolean;
  readStdin: () => Uint8Array;
}

/** Runs the CLI and returns the exit status (0, 1 or 2); never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  let status = 0;
  let debug = argv.includes("--debug");
  const program = new Command("isolint");
  program
    .description("Policy-as-code isolation linter for Dockerfiles, Compose files and VM specs")
    .version(version, "-v, --version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, write) => write(`isolint: ${s.replace(/^error: /, "")}`) })
    .showSuggestionAfterError(true);

  const common = (cmd: Command, formats: readonly string[]) =>
    cmd
      .addOption(new Option("-f, --format <name>", "output format").choices(formats))
      .option("-o, --output <file>", "write the report to a file instead of stdout")
      .option("-c, --config <file>", "use this config file")
      .option("--no-config", "ignore .isolint.yaml files")
      .addOption(new Option("--fail-on <level>", "exit 1 when a finding is at or above this level (default: error)").choices(["error", "warning", "info", "never"]))
      .option("-q, --quiet", "report errors only")
      .addOption(new Option("--kind <kind>", "treat the named files as this kind").choices(["dockerfile", "compose", "vm"]))
      .option("--policy <file...>", "load a policy file (repeatable), on top of the config's policies")
      .option("--debug", "print stack traces of internal errors");

  const runAudit = async (paths: string[], opts: CommonOptions) => {
    debug ||= Boolean(opts.debug);
    if (paths.includes("-") && !opts.kind) throw new UsageError("reading stdin (-) needs --kind dockerfile|compose|vm");
    const { config, rules } = await loadConfig({ cwd: io.cwd, explicit: typeof opts.config === "string" ? opts.config : null, disabled: opts.config === false, policyFiles: opts.policy ?? [] });
    const run = await audit({
      cwd: io.cwd,
      paths,
      config,
      rules,
      forceKind: opts.kind ?? null,
      quiet: Boolean(opts.quiet),
      readStdin: io.readStdin,
    });
    if (opts.baseline) {
      const { applyBaseline } = await import("../app/baseline.js");
      const { stale } = applyBaseline(run, opts.baseline);
      if (stale > 0) io.stderr(`isolint: ${stale} baseline entr${stale === 1 ? "y no longer matches" : "ies no longer match"} (fixed or changed); refresh it with --write-baseline ${opts.baseline}\n`);
    }
    const reporter = await loadReporter(opts.format ?? "stylish");
    const toFile = Boolean(opts.output);
    const text = reporter(run, { color: !toFile && colorEnabled(io.stdoutIsTTY, io.env), includeSuppressed: Boolean(opts.sarifIncludeSuppressed) });
    if (opts.output) writeOutput(opts.output, text, io.cwd);
    else io.stdout(text);
    for (const e of run.engine.internalErrors) {
      io.stderr(`isolint: internal error in rule ${e.ruleId} on ${e.file}: ${(e.error as Error)?.message ?? e.error}\n`);
      if (debug) io.stderr(`${(e.error as Error)?.stack ?? ""}\n`);
    }
    status = run.engine.internalErrors.length > 0 ? 2 : exitCodeFor(run.findings, opts.failOn ?? config.failOn);
    if (opts.writeBaseline) {
      const { writeBaseline } = await import("../app/baseline.js");
      const n = writeBaseline(run, opts.writeBaseline);
      io.stderr(`isolint: wrote ${n} finding${n === 1 ? "" : "s"} to the baseline ${opts.writeBaseline}\n`);
      if (status === 1) status = 0;
    }
  };

  common(program.command("audit", { isDefault: true }).description("lint Dockerfiles, Compose files and VM specs (default command)"), AUDIT_FORMATS)
    .argument("[paths...]", "files or directories (default: .); - reads stdin")
    .option("--sarif-include-suppressed", "sarif: keep suppressed findings, with a suppressions entry")
    .option("--baseline <file>", "fail only on findings that are not in this baseline")
    .option("--write-baseline <file>", "record the current findings as the baseline (exits 0)")
    .action(runAudit);

  program
    .command("init")
    .description("write a commented starter .isolint.yaml")
    .option("--force", "overwrite an existing file")
    .option("-o, --output <file>", "where to write it", ".isolint.yaml")
    .action((opts: { force?: boolean; output: string }) => {
      const target = resolve(io.cwd, opts.output);
      if (existsSync(target) && !opts.force) throw new UsageError(`${opts.output} already exists (use --force to overwrite)`);
      writeOutput(target, STARTER_CONFIG, io.cwd);
      io.stdout(`wrote ${opts.output}: every option is shown with a comment; edit and commit it.\n`);
    });

  program
    .command("map")
    .description("the isolation map: which workloads share a kernel, their tenants and trust, what they publish")
    .argument("[paths...]", "files or directories (default: .)")
    .addOption(new Option("-f, --format <name>", "output format").choices(["text", "json", "mermaid"]).default("text"))
    .option("-o, --output <file>", "write the map to a file instead of stdout")
    .option("-c, --config <file>", "use this config file (for its tenants: globs)")
    .option("--no-config", "ignore .isolint.yaml files")
    .action(async (paths: string[], opts: { format: string; output?: string; config?: string | false }) => {
      const { config } = await loadConfig({ cwd: io.cwd, explicit: typeof opts.config === "string" ? opts.config : null, disabled: opts.config === false });
      const run = await audit({ cwd: io.cwd, paths, config, rules: parseOnlyRules(), forceKind: null, quiet: false });
      // Files that don't parse are left out of the map; say which.
      for (const f of run.findings.filter((x) => x.ruleId === "parse-error" || x.ruleId === "invalid-reference")) {
        io.stderr(`isolint: ${f.file}:${f.line}: ${f.message} (left out of the map)\n`);
      }
      const kernels = run.project.kernels;
      const text =
        opts.format === "json" ? JSON.stringify(mapJson(kernels), null, 2) + "\n" : opts.format === "mermaid" ? mapMermaid(kernels) : mapText(kernels, !opts.output && colorEnabled(io.stdoutIsTTY, io.env));
      if (opts.output) writeOutput(opts.output, text, io.cwd);
      else io.stdout(text);
    });

  program
    .command("capacity")
    .description("footprint of the workloads found: as containers, as one VM each, as microVMs; fit on a host")
    .argument("[paths...]", "files or directories (default: .)")
    .addOption(new Option("-f, --format <name>", "output format").choices(["table", "json", "markdown"]).default("table"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("-c, --config <file>", "use this config file (its capacity: overrides)")
    .option("--no-config", "ignore .isolint.yaml files")
    .option("--host-memory <size>", "memory of the host to fit on, e.g. 64GiB")
    .option("--host-cpus <n>", "CPUs of the host to fit on, e.g. 16")
    .option("--host-disk <size>", "disk of the host to fit on, e.g. 500GiB")
    .option("--set <name=value>", "override a constant, e.g. guestOsBytes=500MB or imageSizes.acme/api=120MB (repeatable)", (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option("--debug", "print stack traces of internal errors")
    .action(async (paths: string[], opts: { format: "table" | "json" | "markdown"; output?: string; config?: string | false; hostMemory?: string; hostCpus?: string; hostDisk?: string; set: string[]; debug?: boolean }) => {
      debug ||= Boolean(opts.debug);
      const { runCapacity } = await import("../capacity/index.js");
      const { config } = await loadConfig({ cwd: io.cwd, explicit: typeof opts.config === "string" ? opts.config : null, disabled: opts.config === false });
      const text = await runCapacity({ cwd: io.cwd, paths, config, format: opts.format, color: !opts.output && colorEnabled(io.stdoutIsTTY, io.env), sets: opts.set, hostMemory: opts.hostMemory, hostCpus: opts.hostCpus, hostDisk: opts.hostDisk, warn: io.stderr });
      if (opts.output) writeOutput(opts.output, text, io.cwd);
      else io.stdout(text);
    });

  program
    .command("rules")
    .description("list the rule catalog")
    .addOption(new Option("-f, --format <name>", "output format").choices(["text", "json"]).default("text"))
    .option("-c, --config <file>", "use this config file (its policies appear too)")
    .option("--no-config", "ignore .isolint.yaml files")
    .option("--policy <file...>", "load a policy file (repeatable)")
    .action(async (opts: { format: string; config?: string | false; policy?: string[] }) => {
      const { rules } = await loadConfig({ cwd: io.cwd, explicit: typeof opts.config === "string" ? opts.config : null, disabled: opts.config === false, policyFiles: opts.policy ?? [] });
      io.stdout(opts.format === "json" ? rulesJson(rules) : rulesTable(rules, colorEnabled(io.stdoutIsTTY, io.env)));
    });

  program
    .command("explain")
    .description("explain one rule: why, what triggers it, how to fix, examples")
    .argument("<rule>", "rule id")
    .option("-c, --config <file>", "use this config file (to explain its policies)")
    .option("--no-config", "ignore .isolint.yaml files")
    .option("--policy <file...>", "load a policy file (repeatable)")
    .action(async (id: string, opts: { config?: string | false; policy?: string[] }) => {
      const { rules } = await loadConfig({ cwd: io.cwd, explicit: typeof opts.config === "string" ? opts.config : null, disabled: opts.config === false, policyFiles: opts.policy ?? [] });
      const rule = rules.get(id);
      if (!rule) {
        const near = nearest(id, rules.ids());
        throw new UsageError(`unknown rule "${id}"${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}; \`isolint rules\` lists them`);
      }
      io.stdout(explainRule(rule.meta, colorEnabled(io.stdoutIsTTY, io.env)));
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return status;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2;
    }
    if (e instanceof UsageError || e instanceof PathError || e instanceof ConfigError || e instanceof BaselineError) {
      io.stderr(`isolint: ${e.message}\n`);
      return 2;
    }
    io.stderr(`isolint: internal error: ${(e as Error)?.message ?? String(e)}${debug ? `\n${(e as Error)?.stack ?? ""}` : " (run with --debug for details)"}\n`);
    return 2;
  }
}

function writeOutput(file: string, text: string, cwd: string): void {
  try {
    writeFileSync(file.startsWith("/") ? file : `${cwd}/${file}`, text);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function processIo(): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    readStdin: () => readFileSync(0),
  };
}
