import validateConfig from "virtual:config-validator";
import ruleOptionValidators from "virtual:rule-options-validators";
import type { ErrorObject } from "ajv";
import type { Severity } from "../model/finding.js";
import { isMapNode, lineOfPath, toPlain, type YNode } from "../model/ynode.js";
import { unsafeGlobReason } from "../util/globs.js";
import { nearest } from "../util/suggest.js";
import type { Config, Override, RuleSetting } from "./config.js";
import { ConfigError } from "./errors.js";
import { readSettingsYaml } from "./read-settings-yaml.js";
import type { RuleSet } from "./registry.js";

/** Reads, validates and applies `.isolint.yaml`; returns its YAML for locating later errors. */
export function readConfigFile(config: Config, file: string, display: string): YNode {
  const root = readConfigYaml(file, display);
  applyConfig(config, root, display);
  config.file = file;
  return root;
}

function readConfigYaml(file: string, display: string): YNode {
  const root = readSettingsYaml(file, display, "config")[0];
  if (!root) return { kind: "map", entries: new Map(), range: { line: 1, column: 1, endLine: 1, endColumn: 1 } };
  if (!isMapNode(root)) throw new ConfigError(`${display}:1: the config must be a map of settings (failOn, rules, …)`);
  return root;
}

function applyConfig(config: Config, root: YNode, display: string): void {
  const data = toPlain(root) as Record<string, unknown>;
  if (!validateConfig(data)) {
    const e = pickError(validateConfig.errors ?? []);
    throw new ConfigError(describeConfigError(e, root, display));
  }
  if (data.failOn !== undefined) config.failOn = data.failOn as Severity | "never";
  if (data.ignore) config.ignore = data.ignore as string[];
  if (data.rules) config.rules = data.rules as Record<string, RuleSetting>;
  if (data.overrides) config.overrides = data.overrides as Override[];
  if (data.tenants) config.tenants = data.tenants as Record<string, string[]>;
  if (data.policies) config.policies = data.policies as string[];
  if (data.capacity) config.capacity = data.capacity as Record<string, unknown>;
  if (data.noInlineIgnores !== undefined) config.noInlineIgnores = data.noInlineIgnores as boolean;
  if (data.maxFileSize !== undefined) config.maxFileSize = parseByteSize(data.maxFileSize as number | string);
  checkGlobs(config, root, display);
}

/** Globs that could take minutes to match a crafted path are refused, like unsafe policy regexes. */
function checkGlobs(config: Config, root: YNode, display: string): void {
  const lists: [(string | number)[], string[]][] = [
    [["ignore"], config.ignore],
    [["policies"], config.policies],
    ...config.overrides.map((o, i): [(string | number)[], string[]] => [["overrides", i, "files"], o.files]),
    ...Object.entries(config.tenants).map(([t, globs]): [(string | number)[], string[]] => [["tenants", t], globs]),
  ];
  for (const [path, globs] of lists) {
    globs.forEach((glob, i) => {
      const why = unsafeGlobReason(glob);
      const where = [...path, i].map((s, k) => (typeof s === "number" ? `[${s}]` : k ? `.${s}` : s)).join("");
      if (why) throw new ConfigError(`${display}:${lineOfPath(root, [...path, i])}: ${where}: glob refused: ${why}`);
    });
  }
}

/** The most useful of ajv's errors: the deepest one, preferring unknown keys over oneOf noise. */
function pickError(errors: ErrorObject[]): ErrorObject {
  const ranked = [...errors].sort((a, b) => depth(b) - depth(a) || weight(a) - weight(b));
  return ranked[0]!;
}

function depth(e: ErrorObject): number {
  return e.instancePath.split("/").length;
}

function weight(e: ErrorObject): number {
  return e.keyword === "additionalProperties" ? 0 : e.keyword === "enum" ? 1 : e.keyword === "oneOf" ? 3 : 2;
}

const SEVERITY_WORDS = "off, info, warning or error";

function describeConfigError(e: ErrorObject, root: YNode, display: string): string {
  const segments = e.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let path = segments.map((s, i) => (/^\d+$/.test(s) && i > 0 ? `[${s}]` : s)).join(".").replace(/\.\[/g, "[");
  let reason: string;
  let nodePath: (string | number)[] = segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const inRules = segments[0] === "rules" || (segments[0] === "overrides" && segments[2] === "rules");
  switch (e.keyword) {
    case "additionalProperties": {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = segments.length === 0 ? ["failOn", "ignore", "rules", "overrides", "tenants", "policies", "capacity", "noInlineIgnores", "maxFileSize"] : segments[0] === "overrides" ? ["files", "rules"] : [];
      const near = nearest(key, allowed);
      path = path ? `${path}.${key}` : key;
      nodePath = [...nodePath, key];
      reason = `unknown key${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}`;
      break;
    }
    case "enum":
      reason = inRules ? `must be a severity (${SEVERITY_WORDS}) or [severity, { options }]` : `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(", ")}`;
      break;
    case "oneOf":
    case "anyOf":
      reason = inRules ? `must be a severity (${SEVERITY_WORDS}) or [severity, { options }]` : `has the wrong form`;
      break;
    case "required":
      reason = `needs "${(e.params as { missingProperty: string }).missingProperty}"`;
      break;
    case "type":
      reason = `must be ${article((e.params as { type: string }).type)}`;
      break;
    case "minItems":
      reason = "must not be empty";
      break;
    default:
      reason = e.message ?? "is invalid";
  }
  if (segments[0] === "maxFileSize" && e.keyword !== "additionalProperties") reason = "must be a number of bytes or a size such as 5MiB";
  return `${display}:${lineOfPath(root, nodePath)}: ${path || "(top level)"}: ${reason}`;
}

function article(type: string): string {
  return type === "array" ? "a list" : type === "object" ? "a map" : type === "integer" ? "a whole number" : `a ${type}`;
}


/** Unknown rule ids and invalid options in `rules:` and `overrides[].rules`. */
export function checkRuleSettings(config: Config, rules: RuleSet, root: YNode, display: string): void {
  const check = (settings: Record<string, RuleSetting>, at: (string | number)[]) => {
    for (const [id, setting] of Object.entries(settings)) {
      const line = lineOfPath(root, [...at, id]);
      const where = `${display}:${line}: ${[...at, id].map((s, i) => (typeof s === "number" ? `[${s}]` : i ? `.${s}` : s)).join("").replace(/\.\[/g, "[")}`;
      const rule = rules.get(id);
      if (!rule) {
        const near = nearest(id, rules.ids());
        throw new ConfigError(`${where}: unknown rule${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}`);
      }
      if (Array.isArray(setting) && setting[1] !== undefined) {
        const validate = ruleOptionValidators[id];
        if (!validate) throw new ConfigError(`${where}: the rule ${id} takes no options`);
        if (!validate(setting[1])) {
          const e = (validate.errors ?? [])[0];
          const key = e?.keyword === "additionalProperties" ? (e.params as { additionalProperty: string }).additionalProperty : null;
          const props = Object.keys(((rule.meta.options as { properties?: object } | undefined)?.properties ?? {}));
          const reason = key
            ? `unknown option "${key}"${nearest(key, props).length ? ` (did you mean ${nearest(key, props).join(", ")}?)` : ""}; options: ${props.join(", ")}`
            : `option ${(e?.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".") || "value"} ${e?.message ?? "is invalid"}`;
          throw new ConfigError(`${where}: ${reason}`);
        }
      }
    }
  };
  check(config.rules, ["rules"]);
  config.overrides.forEach((o, i) => check(o.rules, ["overrides", i, "rules"]));
}

const UNITS: Record<string, number> = { "": 1, B: 1, K: 1e3, KB: 1e3, KI: 1024, KIB: 1024, M: 1e6, MB: 1e6, MI: 1048576, MIB: 1048576, G: 1e9, GB: 1e9, GI: 1073741824, GIB: 1073741824, T: 1e12, TB: 1e12, TI: 1099511627776, TIB: 1099511627776 };

function parseByteSize(v: number | string): number {
  if (typeof v === "number") return v;
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)$/.exec(v.trim())!;
  return Math.round(Number(m[1]) * (UNITS[m[2]!.toUpperCase()] ?? 1));
}

