/**
 * The GitHub Action's logic. action.yml at the repository root runs dist/action.js (built from
 * src/action/main.ts, which calls runAction) with the runner's node.
 *
 * Inputs come from INPUT_<NAME> environment variables (the name upper-cased, spaces as `_`,
 * hyphens kept: `INPUT_FAIL-ON`). It runs the same audit as `isolint audit`, prints the chosen
 * format to the log, emits annotations (workflow commands), writes the SARIF file, appends the
 * Markdown report to the job summary ($GITHUB_STEP_SUMMARY, kept under GitHub's 1 MiB) and sets
 * the outputs ($GITHUB_OUTPUT). Exit status as the CLI's: 1 when a finding reaches fail-on, 2 on a
 * usage error (bad input, bad config, missing path) or an internal error.
 *
 * Nothing from the environment is ever echoed: messages name inputs, never their values
 * (apart from paths the user gave), and never other variables.
 */
import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { audit, exitCodeFor } from "../app/audit.js";
import { applyBaseline } from "../app/baseline.js";
import { BaselineError } from "../app/baseline-error.js";
import { PathError } from "../discover/discover.js";
import { ConfigError, loadConfig } from "../engine/load-config.js";
import type { Severity } from "../model/finding.js";
import { colorEnabled } from "../report/color.js";
import { escapeData, escapeProperty, githubReporter } from "../report/github.js";
import { FAIL_ON_LEVELS } from "../cli/commands.js";
import { AUDIT_FORMATS, loadReporter } from "../report/index.js";
import { GITHUB_SUMMARY_LIMIT, MARKDOWN_MAX_BYTES, renderMarkdown } from "../report/markdown.js";
import { sarifReporter } from "../report/sarif.js";
import { reportText } from "../report/types.js";

class InputError extends Error {}

export interface ActionIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** `INPUT_` + the name upper-cased with spaces as `_` (GitHub's convention), trimmed; "" when unset. */
export function getInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

/** One path per line when the input has several lines, else whitespace-separated. */
export function parsePaths(value: string, exists: (path: string) => boolean = () => false): string[] {
  const lines = value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  // One line: space-separated paths, unless the line as a whole names a path (`dir with space`).
  const paths = lines.length > 1 ? lines : lines.length === 1 && exists(lines[0]!) ? lines : (lines[0] ?? "").split(/\s+/).filter(Boolean);
  return paths.length ? paths : ["."];
}

function parseSwitch(name: string, value: string, dflt: boolean): boolean {
  if (value === "") return dflt;
  const v = value.toLowerCase();
  if (["on", "true", "yes", "1"].includes(v)) return true;
  if (["off", "false", "no", "0"].includes(v)) return false;
  throw new InputError(`input "${name}" must be on or off`);
}


/** `name=value`, or GitHub's heredoc form with a delimiter the value doesn't contain. */
export function outputLine(name: string, value: string): string {
  if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

function errorCommand(message: string): string {
  return `::error title=${escapeProperty("isolint")}::${escapeData(message)}\n`;
}

export async function runAction(io: ActionIo): Promise<number> {
  const { env } = io;
  const cwd = env.GITHUB_WORKSPACE ? resolve(env.GITHUB_WORKSPACE) : io.cwd;
  try {
    const paths = parsePaths(getInput(env, "paths"), (p) => existsSync(resolve(cwd, p)));
    const configInput = getInput(env, "config");
    const failOnInput = getInput(env, "fail-on");
    if (failOnInput && !(FAIL_ON_LEVELS as readonly string[]).includes(failOnInput)) {
      throw new InputError(`input "fail-on" must be one of ${FAIL_ON_LEVELS.join(", ")}`);
    }
    const format = getInput(env, "format") || "stylish";
    if (!(AUDIT_FORMATS as readonly string[]).includes(format)) {
      throw new InputError(`input "format" must be one of ${AUDIT_FORMATS.join(", ")}`);
    }
    const sarifFile = getInput(env, "sarif-file");
    const baseline = getInput(env, "baseline");
    const annotations = parseSwitch("annotations", getInput(env, "annotations"), true);

    const { config, rules } = await loadConfig({ cwd, explicit: configInput || null, disabled: false });
    const failOn = (failOnInput || config.failOn) as Severity | "never";
    const run = await audit({ cwd, paths, config, rules, forceKind: null, quiet: false });
    if (baseline) {
      const { stale } = applyBaseline(run, baseline);
      if (stale > 0) io.stdout(`::notice title=isolint::${escapeData(`${stale} baseline entries no longer match (fixed or changed): refresh the baseline with --write-baseline.`)}\n`);
    }

    // The report for the log. Other formats than `github` may carry text from the linted files
    // (messages quote them): print them with workflow commands turned off, so nothing in a
    // Dockerfile can inject a command into the runner.
    const reporter = await loadReporter(format);
    const text = reportText(reporter(run, { color: colorEnabled(false, env) }));
    const rawAnnotations = format === "github" && annotations;
    if (rawAnnotations) {
      io.stdout(text);
    } else {
      const token = randomUUID();
      io.stdout(`::stop-commands::${token}\n${text}${text.endsWith("\n") || text === "" ? "" : "\n"}::${token}::\n`);
      if (annotations) io.stdout(githubReporter(run, { color: false }));
    }

    let sarifPath = "";
    if (sarifFile) {
      const abs = resolve(cwd, sarifFile);
      try {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, sarifReporter(run, { color: false }));
      } catch (e) {
        throw new InputError(`cannot write the SARIF file ${sarifFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      sarifPath = sarifFile;
    }

    if (env.GITHUB_STEP_SUMMARY) writeSummary(env.GITHUB_STEP_SUMMARY, run, io);

    if (env.GITHUB_OUTPUT) {
      appendFileSync(
        env.GITHUB_OUTPUT,
        outputLine("errors", String(run.summary.errors)) + outputLine("warnings", String(run.summary.warnings)) + outputLine("sarif-file", sarifPath),
      );
    }

    for (const e of run.engine.internalErrors) {
      io.stderr(`isolint: internal error in rule ${e.ruleId} on ${e.file}: ${(e.error as Error)?.message ?? String(e.error)}\n`);
    }
    if (run.engine.internalErrors.length > 0) return 2;
    return exitCodeFor(run.summary, failOn);
  } catch (e) {
    if (e instanceof InputError || e instanceof PathError || e instanceof ConfigError || e instanceof BaselineError) {
      io.stdout(errorCommand(e.message));
      io.stderr(`isolint: ${e.message}\n`);
      return 2;
    }
    const message = `internal error: ${(e as Error)?.message ?? String(e)}`;
    io.stdout(errorCommand(message));
    io.stderr(`isolint: ${message}\n${env.RUNNER_DEBUG === "1" ? `${(e as Error)?.stack ?? ""}\n` : ""}`);
    return 2;
  }
}

/** Appends the Markdown report, sized to what is left of the step's 1 MiB. */
function writeSummary(file: string, run: Parameters<typeof renderMarkdown>[0], io: ActionIo): void {
  const used = existsSync(file) ? statSync(file).size : 0;
  const room = Math.min(MARKDOWN_MAX_BYTES, GITHUB_SUMMARY_LIMIT - used - 1024);
  if (room < 4096) {
    io.stdout(`::warning title=isolint::${escapeData("The job summary is nearly full; the isolint report was not added to it.")}\n`);
    return;
  }
  const md = renderMarkdown(run, room);
  appendFileSync(file, used > 0 ? `\n${md}` : md);
}
