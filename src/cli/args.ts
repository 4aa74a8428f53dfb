/**
 * Command-line parsing for isolint's few commands. commander did this first; it cost ~16 ms of
 * start-up (its code and node:child_process), a fifth of a pre-commit run's budget, so this
 * small parser took over. commander stays as a devDependency: test/cli-args.test.ts parses the
 * same command lines with both and compares.
 */
import { nearest } from "../util/suggest.js";

export interface OptionSpec {
  /** Long name without dashes: `fail-on`. The parsed key is its camelCase: `failOn`. */
  long: string;
  short?: string;
  /** Placeholder of the value (`<level>`); absent for a boolean flag. */
  value?: string;
  choices?: readonly string[];
  /** May be given several times; the values collect in a list. */
  repeat?: boolean;
  /** `--no-<long>` sets the key to false. */
  negate?: boolean;
  default?: string;
  help: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Positional arguments: `[paths...]` (optional, variadic) or `<rule>` (required). */
  args: { name: string; required: boolean; variadic: boolean; help: string }[];
  options: OptionSpec[];
}

export interface Parsed {
  command: string;
  args: string[];
  opts: Record<string, string | boolean | string[] | undefined>;
}

/** Help or version was asked for: print this and exit 0. */
export class ShowText {
  constructor(readonly text: string) {}
}

/** A usage mistake: one line, exit 2. */
export class ArgError extends Error {}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Parses argv (without `node` and the script): an optional command (the default command when
 * the first word is not one), its options (`--x v`, `--x=v`, `-x v`, `-q`, `--no-x`, `--`),
 * and positional arguments anywhere between them.
 */
export function parseArgs(argv: readonly string[], commands: readonly CommandSpec[], defaultCommand: string, program: { name: string; version: string; summary: string }): Parsed {
  if (argv[0] === "-v" || argv[0] === "--version") throw new ShowText(`${program.version}\n`);
  if (argv[0] === "-h" || argv[0] === "--help" || argv[0] === "help") {
    const named = argv[0] === "help" ? commands.find((c) => c.name === argv[1]) : undefined;
    throw new ShowText(named ? commandHelp(program.name, named) : programHelp(program, commands, defaultCommand));
  }
  let rest = [...argv];
  let cmd = commands.find((c) => c.name === rest[0]);
  if (cmd) rest = rest.slice(1);
  else cmd = commands.find((c) => c.name === defaultCommand)!;

  const opts: Parsed["opts"] = {};
  const args: string[] = [];
  for (const o of cmd.options) {
    const key = camel(o.long);
    if (o.default !== undefined) opts[key] = o.default;
    else if (o.repeat) opts[key] = [];
  }
  const byLong = new Map(cmd.options.map((o) => [o.long, o]));
  const byShort = new Map(cmd.options.filter((o) => o.short).map((o) => [o.short!, o]));
  const set = (o: OptionSpec, value: string | boolean, shown: string) => {
    const key = camel(o.long);
    if (typeof value === "string" && o.choices && !o.choices.includes(value)) {
      throw new ArgError(`option '${shown}' argument '${value}' is invalid. Allowed choices are ${o.choices.join(", ")}.`);
    }
    if (o.repeat) (opts[key] as string[]).push(value as string);
    else opts[key] = value;
  };

  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word === "--") {
      args.push(...rest.slice(i + 1));
      break;
    }
    if (word === "-h" || word === "--help") throw new ShowText(commandHelp(program.name, cmd));
    if (word.startsWith("--")) {
      const eq = word.indexOf("=");
      const name = word.slice(2, eq < 0 ? undefined : eq);
      const inline = eq < 0 ? null : word.slice(eq + 1);
      let o = byLong.get(name);
      if (!o && name.startsWith("no-")) {
        const positive = byLong.get(name.slice(3));
        if (positive?.negate) {
          if (inline !== null) throw new ArgError(`option '--${name}' doesn't take a value`);
          opts[camel(positive.long)] = false;
          continue;
        }
      }
      if (!o) throw unknownOption(`--${name}`, cmd);
      if (o.value) {
        const value = inline ?? rest[++i];
        if (value === undefined) throw new ArgError(`option '--${o.long} ${o.value}' argument missing`);
        set(o, value, `--${o.long} ${o.value}`);
      } else {
        if (inline !== null) throw new ArgError(`option '--${o.long}' doesn't take a value`);
        set(o, true, `--${o.long}`);
      }
      continue;
    }
    if (word.startsWith("-") && word.length > 1) {
      // -q, -qf json, -fjson
      for (let k = 1; k < word.length; k++) {
        const o = byShort.get(word[k]!);
        if (!o) throw unknownOption(`-${word[k]}`, cmd);
        if (!o.value) {
          set(o, true, `-${o.short}`);
          continue;
        }
        const attached = word.slice(k + 1);
        const value = attached !== "" ? attached : rest[++i];
        if (value === undefined) throw new ArgError(`option '-${o.short}, --${o.long} ${o.value}' argument missing`);
        set(o, value, `-${o.short}, --${o.long} ${o.value}`);
        break;
      }
      continue;
    }
    args.push(word);
  }

  const variadic = cmd.args.some((a) => a.variadic);
  const required = cmd.args.filter((a) => a.required);
  if (args.length < required.length) throw new ArgError(`missing required argument '${required[args.length]!.name}'`);
  if (!variadic && args.length > cmd.args.length) {
    throw new ArgError(`too many arguments${cmd.name === defaultCommand ? "" : ` for '${cmd.name}'`}. Expected ${cmd.args.length} argument${cmd.args.length === 1 ? "" : "s"} but got ${args.length}.`);
  }
  return { command: cmd.name, args, opts };
}

function unknownOption(flag: string, cmd: CommandSpec): ArgError {
  const names = cmd.options.flatMap((o) => [`--${o.long}`, ...(o.negate ? [`--no-${o.long}`] : [])]);
  const near = flag.startsWith("--") ? nearest(flag, names) : [];
  return new ArgError(`unknown option '${flag}'${near.length ? `\n(Did you mean ${near[0]}?)` : ""}`);
}

function optionLabel(o: OptionSpec): string {
  const flags = `${o.short ? `-${o.short}, ` : "    "}--${o.long}${o.value ? ` ${o.value}` : ""}`;
  return flags;
}

export function commandHelp(program: string, cmd: CommandSpec): string {
  const usage = `Usage: ${program} ${cmd.name} [options]${cmd.args.map((a) => ` ${a.required ? "<" : "["}${a.name}${a.variadic ? "..." : ""}${a.required ? ">" : "]"}`).join("")}`;
  const lines = [usage, "", cmd.summary, ""];
  if (cmd.args.length) {
    lines.push("Arguments:");
    for (const a of cmd.args) lines.push(`  ${a.name.padEnd(30)} ${a.help}`);
    lines.push("");
  }
  lines.push("Options:");
  const opts = [...cmd.options, { long: "help", short: "h", help: "show this help" } as OptionSpec];
  for (const o of opts) {
    const extra = [o.choices ? `(choices: ${o.choices.join(", ")})` : "", o.default !== undefined ? `(default: ${o.default})` : ""].filter(Boolean).join(" ");
    lines.push(`  ${optionLabel(o).padEnd(30)} ${o.help}${extra ? ` ${extra}` : ""}`);
    if (o.negate) lines.push(`  ${`    --no-${o.long}`.padEnd(30)} ${negHelp(o)}`);
  }
  return lines.join("\n") + "\n";
}

function negHelp(o: OptionSpec): string {
  return o.long === "config" ? "ignore .isolint.yaml files" : `turn --${o.long} off`;
}

export function programHelp(program: { name: string; summary: string }, commands: readonly CommandSpec[], defaultCommand: string): string {
  const lines = [`Usage: ${program.name} [command] [options] [paths...]`, "", program.summary, "", "Commands:"];
  for (const c of commands) {
    const sig = `${c.name}${c.args.map((a) => ` ${a.required ? "<" : "["}${a.name}${a.variadic ? "..." : ""}${a.required ? ">" : "]"}`).join("")}`;
    lines.push(`  ${sig.padEnd(28)} ${c.summary}${c.name === defaultCommand ? " (default)" : ""}`);
  }
  lines.push("", "Options:", `  ${"-v, --version".padEnd(28)} print the version`, `  ${"-h, --help".padEnd(28)} show help (\`${program.name} <command> --help\` for a command)`);
  return lines.join("\n") + "\n";
}
