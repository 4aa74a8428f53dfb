import type { CommandSpec, OptionSpec } from "./args.js";

/** Formats of `isolint audit`: kept here (not in report/) so parsing loads no reporter code. */
export const AUDIT_FORMATS = ["stylish", "json", "sarif", "github", "markdown", "junit"] as const;
/** Formats of `isolint capacity`. */
export const CAPACITY_FORMATS = ["table", "json", "markdown"] as const;
export type CapacityFormat = (typeof CAPACITY_FORMATS)[number];
/** `--fail-on` levels (and the Action's `fail-on` input). */
export const FAIL_ON_LEVELS = ["error", "warning", "info", "never"] as const;

const config: OptionSpec = { long: "config", short: "c", value: "<file>", negate: true, help: "use this config file" };
const policy: OptionSpec = { long: "policy", value: "<file>", repeat: true, help: "load a policy file (repeatable), on top of the config's policies" };
const output: OptionSpec = { long: "output", short: "o", value: "<file>", help: "write to a file instead of stdout" };
const debug: OptionSpec = { long: "debug", help: "print stack traces of internal errors" };
const paths = { name: "paths", required: false, variadic: true, help: "files or directories (default: .)" };

/** Every command, its arguments and options: the parser, the help text and the tests read this. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "audit",
    summary: "lint Dockerfiles, Compose files and VM specs",
    args: [{ ...paths, help: "files or directories (default: .); - reads stdin (needs --kind)" }],
    options: [
      { long: "format", short: "f", value: "<name>", choices: AUDIT_FORMATS, help: "output format" },
      output,
      config,
      { long: "fail-on", value: "<level>", choices: FAIL_ON_LEVELS, help: "exit 1 when a finding is at or above this level (default: error)" },
      { long: "quiet", short: "q", help: "report errors only" },
      { long: "kind", value: "<kind>", choices: ["dockerfile", "compose", "vm"], help: "treat the named files as this kind" },
      policy,
      { long: "baseline", value: "<file>", help: "fail only on findings that are not in this baseline" },
      { long: "write-baseline", value: "<file>", help: "record the current findings as the baseline (exits 0)" },
      debug,
    ],
  },
  {
    name: "map",
    summary: "the isolation map: which workloads share a kernel, their tenants and trust",
    args: [paths],
    options: [{ long: "format", short: "f", value: "<name>", choices: ["text", "json", "mermaid"], default: "text", help: "output format" }, output, { ...config, help: "use this config file (for its tenants: globs)" }, debug],
  },
  {
    name: "capacity",
    summary: "footprint as containers, as one VM each, as microVMs; fit on a host",
    args: [paths],
    options: [
      { long: "format", short: "f", value: "<name>", choices: CAPACITY_FORMATS, default: "table", help: "output format" },
      output,
      { ...config, help: "use this config file (its capacity: overrides)" },
      { long: "host-memory", value: "<size>", help: "memory of the host to fit on, e.g. 64GiB" },
      { long: "host-cpus", value: "<n>", help: "CPUs of the host to fit on, e.g. 16" },
      { long: "host-disk", value: "<size>", help: "disk of the host to fit on, e.g. 500GiB" },
      { long: "set", value: "<name=value>", repeat: true, help: "override a constant, e.g. guestOsBytes=500MB or imageSizes.acme/api=120MB (repeatable)" },
      debug,
    ],
  },
  {
    name: "rules",
    summary: "the rule catalog",
    args: [],
    options: [{ long: "format", short: "f", value: "<name>", choices: ["text", "json"], default: "text", help: "output format" }, output, { ...config, help: "use this config file (its policies appear too)" }, policy],
  },
  {
    name: "explain",
    summary: "one rule: why, what triggers it, how to fix, examples",
    args: [{ name: "rule", required: true, variadic: false, help: "rule id" }],
    options: [output, { ...config, help: "use this config file (to explain its policies)" }, policy],
  },
  {
    name: "init",
    summary: "write a commented starter .isolint.yaml",
    args: [],
    options: [{ long: "force", help: "overwrite an existing file" }, { ...output, help: "where to write it", default: ".isolint.yaml" }],
  },
];
