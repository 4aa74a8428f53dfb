/**
 * isolint parses its command line itself (commander cost ~16 ms of start-up); commander stays
 * as the oracle: the same command specs are given to both, and the same command lines must
 * give the same command, arguments and options — or both must refuse them.
 */
import { Command, CommanderError, Option } from "commander";
import { describe, expect, it } from "vitest";
import { ArgError, parseArgs, ShowText, type Parsed } from "../src/cli/args.js";
import { COMMANDS } from "../src/cli/commands.js";

const PROGRAM = { name: "isolint", version: "9.9.9", summary: "test" };

function viaCommander(argv: string[]): Parsed | "error" {
  const program = new Command("isolint").exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  let result: Parsed | null = null;
  for (const spec of COMMANDS) {
    const cmd = program.command(spec.name, { isDefault: spec.name === "audit" }).exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    for (const a of spec.args) cmd.argument(a.required ? `<${a.name}${a.variadic ? "..." : ""}>` : `[${a.name}${a.variadic ? "..." : ""}]`);
    for (const o of spec.options) {
      const opt = new Option(`${o.short ? `-${o.short}, ` : ""}--${o.long}${o.value ? ` ${o.value}` : ""}`, o.help);
      if (o.choices) opt.choices(o.choices);
      if (o.default !== undefined) opt.default(o.default);
      if (o.repeat) opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]).default([]);
      cmd.addOption(opt);
      if (o.negate) cmd.option(`--no-${o.long}`, "negate");
    }
    cmd.action((...xs: unknown[]) => {
      const c = xs[xs.length - 1] as Command;
      const args = spec.args.length === 0 ? [] : spec.args[0]!.variadic ? (xs[0] as string[]) : [xs[0] as string];
      result = { command: spec.name, args, opts: { ...c.opts() } };
    });
  }
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return "error";
    throw e;
  }
  return result ?? "error";
}

function viaOurs(argv: string[]): Parsed | "error" {
  try {
    return parseArgs(argv, COMMANDS, "audit", PROGRAM);
  } catch (e) {
    if (e instanceof ArgError) return "error";
    throw e;
  }
}

/** Options that are unset are absent in commander and undefined in ours. */
function normalize(p: Parsed | "error"): unknown {
  if (p === "error") return p;
  const opts = Object.fromEntries(Object.entries(p.opts).filter(([, v]) => v !== undefined));
  return { command: p.command, args: p.args, opts };
}

const LINES = [
  [],
  ["."],
  ["audit"],
  ["audit", "a", "b/c", "--format", "json"],
  ["a", "-f", "json", "-q", "b"],
  ["--format=sarif", "--output", "x.sarif", "."],
  ["-qfjson", "."],
  ["--fail-on", "warning", "--no-config"],
  ["--config", "ci/isolint.yml", "--policy", "p1.yaml", "--policy", "p2.yaml", "dir"],
  ["--kind", "dockerfile", "-"],
  ["--format", "xml"],
  ["--fail-on", "sometimes"],
  ["--bogus"],
  ["-z"],
  ["--format"],
  ["--", "--not-an-option"],
  ["--baseline", "b.json", "--write-baseline", "c.json"],
  ["map", "--format", "mermaid", "infra"],
  ["map", "-f", "yaml"],
  ["capacity", "--host-memory", "64GiB", "--host-cpus", "16", "--set", "a=1", "--set", "b=2", "."],
  ["capacity", "--format", "markdown", "--no-config"],
  ["rules", "--format", "json"],
  ["rules", "extra"],
  ["explain", "no-root-user"],
  ["explain"],
  ["explain", "a", "b"],
  ["init", "--force", "-o", "conf.yaml"],
  ["init", "--force=yes"],
];

describe("command-line parsing matches commander's", () => {
  it.each(LINES.map((l) => [l.join(" ") || "(nothing)", l]))("%s", (_label, argv) => {
    expect(normalize(viaOurs(argv as string[]))).toEqual(normalize(viaCommander(argv as string[])));
  });
});

describe("help and version", () => {
  it("prints the version", () => {
    expect(() => parseArgs(["--version"], COMMANDS, "audit", PROGRAM)).toThrow(ShowText);
    try {
      parseArgs(["-v"], COMMANDS, "audit", PROGRAM);
    } catch (e) {
      expect((e as ShowText).text).toBe("9.9.9\n");
    }
  });
  it("prints program and command help", () => {
    for (const argv of [["--help"], ["audit", "--help"], ["help", "capacity"], ["map", "-h"]]) {
      try {
        parseArgs(argv, COMMANDS, "audit", PROGRAM);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ShowText);
        expect((e as ShowText).text).toMatch(/^Usage: isolint /);
      }
    }
  });
  it("suggests the nearest option", () => {
    expect(() => parseArgs(["--fail-no", "x"], COMMANDS, "audit", PROGRAM)).toThrow(/unknown option '--fail-no'\n\(Did you mean --fail-on\?\)/);
  });
});
