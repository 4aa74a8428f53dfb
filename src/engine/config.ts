import type { Severity, SeverityLevel } from "../model/finding.js";

export type RuleSetting = SeverityLevel | [SeverityLevel, Record<string, unknown>];

export interface Override {
  files: string[];
  rules: Record<string, RuleSetting>;
}

/** The effective configuration (CONTRACT.md `.isolint.yaml`), defaults filled in. */
export interface Config {
  /** Directory globs in the config are relative to (the config file's folder, or the cwd). */
  baseDir: string;
  /** Path of the config file, or null when none was used. */
  file: string | null;
  failOn: Severity | "never";
  ignore: string[];
  rules: Record<string, RuleSetting>;
  overrides: Override[];
  tenants: Record<string, string[]>;
  policies: string[];
  capacity: Record<string, unknown>;
  /** Strict CI: inline `isolint-ignore` comments are not honoured. */
  noInlineIgnores: boolean;
  /** Files larger than this are skipped with a finding (bytes). */
  maxFileSize: number;
  /** The globs above, compiled once (only when the config has any). */
  matchers: {
    ignore: GlobMatcher | null;
    overrides: GlobMatcher[];
    tenants: { tenant: string; match: GlobMatcher }[];
  } | null;
}

/** A path (relative to the config's folder, `/` separators) → whether the globs match it. */
export type GlobMatcher = (relPath: string) => boolean;

export function defaultConfig(baseDir: string): Config {
  return {
    baseDir,
    file: null,
    failOn: "error",
    ignore: [],
    rules: {},
    overrides: [],
    tenants: {},
    policies: [],
    capacity: {},
    noInlineIgnores: false,
    maxFileSize: 5 * 1024 * 1024,
    matchers: null,
  };
}
