import { relative } from "node:path";
import type { DockerfileModel } from "../model/dockerfile.js";
import type { ComposeModel } from "../model/compose.js";
import type { VmSpecModel } from "../model/vmspec.js";
import type { ProjectModel } from "../model/project.js";
import { SEVERITY_RANK, type Finding, type Report, type Severity, type SeverityLevel } from "../model/finding.js";
import type { Range } from "../model/range.js";
import type { Config, RuleSetting } from "./config.js";
import type { RuleSet } from "./registry.js";
import type { CheckContext, Rule } from "./types.js";
import { forgetItems } from "./language/views.js";

export type FileModel = DockerfileModel | ComposeModel | VmSpecModel;

/** A check that threw: a bug in isolint, reported on stderr and as exit 2, never as a stack trace. */
export interface InternalError {
  ruleId: string;
  file: string;
  error: unknown;
}

interface Resolved {
  severity: SeverityLevel;
  options: Record<string, unknown>;
}

/** Runs the rules' checks on models and turns their reports into findings, honouring the config. */
export class Engine {
  readonly internalErrors: InternalError[] = [];
  /** Resolved settings by the overrides that match (see matchingOverrides), then by rule. */
  private readonly resolvedCache = new Map<string, Map<string, Resolved>>();
  private readonly overridesByFile = new Map<string, string>();

  constructor(
    readonly rules: RuleSet,
    readonly config: Config,
    readonly cwd: string,
  ) {}

  /** Severity and options of a rule for one file: defaults, then `rules:`, then matching `overrides:`. */
  resolve(ruleId: string, file: string): Resolved {
    // Files that match the same overrides share one table: most match none.
    const matching = this.matchingOverrides(file);
    let table = this.resolvedCache.get(matching);
    if (!table) this.resolvedCache.set(matching, (table = new Map()));
    const hit = table.get(ruleId);
    if (hit) return hit;
    const rule = this.rules.get(ruleId);
    let resolved: Resolved = { severity: rule?.meta.severity ?? "error", options: defaultOptions(rule) };
    const apply = (setting: RuleSetting | undefined) => {
      if (setting === undefined) return;
      resolved = Array.isArray(setting)
        ? { severity: setting[0], options: { ...resolved.options, ...setting[1] } }
        : { severity: setting, options: resolved.options };
    };
    apply(this.config.rules[ruleId]);
    if (matching !== "") for (const i of matching.split(",")) apply(this.config.overrides[Number(i)]!.rules[ruleId]);
    table.set(ruleId, resolved);
    return resolved;
  }

  /** The indexes of the `overrides:` blocks whose globs match the file, as "0,3" ("" for none). */
  private matchingOverrides(file: string): string {
    const matchers = this.config.matchers?.overrides ?? [];
    if (matchers.length === 0) return "";
    let key = this.overridesByFile.get(file);
    if (key === undefined) {
      const rel = relative(this.config.baseDir, `${this.cwd}/${file}`).split("\\").join("/");
      key = matchers.flatMap((m, i) => (m(rel) ? [i] : [])).join(",");
      this.overridesByFile.set(file, key);
    }
    return key;
  }

  /** Findings of every per-file check for one model. */
  runFile(model: FileModel, project: ProjectModel): Finding[] {
    const out: Finding[] = [];
    if ("problem" in model && model.problem) {
      const f = this.finding("parse-error", model.path, { range: model.problem.range, message: model.problem.message });
      if (f) out.push(f);
    }
    for (const rule of this.rules.rules) {
      const run = model.kind === "dockerfile" ? rule.check.dockerfile : model.kind === "compose" ? rule.check.compose : rule.check.vm;
      if (!run) continue;
      const { severity, options } = this.resolve(rule.meta.id, model.path);
      if (severity === "off") continue;
      const ctx = this.context(rule, model.path, options, project, out);
      try {
        (run as (m: FileModel, c: CheckContext) => void)(model, ctx);
      } catch (error) {
        this.internalErrors.push({ ruleId: rule.meta.id, file: model.path, error });
      }
    }
    forgetItems(model);
    return out;
  }

  /** Findings of the checks that look across files (kernels, tenants). */
  runProject(project: ProjectModel): Finding[] {
    const out: Finding[] = [];
    for (const rule of this.rules.rules) {
      if (!rule.check.project) continue;
      const ctx = this.context(rule, null, {}, project, out);
      try {
        rule.check.project(project, ctx);
      } catch (error) {
        this.internalErrors.push({ ruleId: rule.meta.id, file: "(project)", error });
      }
    }
    return out;
  }

  private context(rule: Rule, file: string | null, options: Record<string, unknown>, project: ProjectModel, out: Finding[]): CheckContext {
    return {
      options,
      project,
      report: (r: Report) => {
        const target = r.file ?? file;
        if (!target) throw new Error(`rule ${rule.meta.id} reported without a file`);
        const f = this.finding(rule.meta.id, target, r);
        if (f) out.push(f);
      },
    };
  }

  private readonly fixTexts = new Map<string, string>();

  /** The rule's fix on one line, made once per rule (a large tree has tens of thousands of findings). */
  private fixText(rule: Rule): string {
    let text = this.fixTexts.get(rule.meta.id);
    if (text === undefined) this.fixTexts.set(rule.meta.id, (text = oneLine(rule.meta.fix)));
    return text;
  }

  /** A finding for `ruleId` in `file`, or null when the rule is off there. */
  finding(ruleId: string, file: string, r: Report | { range: Range; message: string }): Finding | null {
    const rule = this.rules.get(ruleId);
    if (!rule) throw new Error(`unknown rule ${ruleId}`);
    const { severity } = this.resolve(ruleId, file);
    if (severity === "off") return null;
    const report = r as Report;
    const capped: Severity = report.maxSeverity && SEVERITY_RANK[report.maxSeverity] < SEVERITY_RANK[severity] ? report.maxSeverity : severity;
    return {
      ruleId,
      severity: capped,
      file,
      line: r.range.line,
      column: r.range.column,
      endLine: r.range.endLine,
      endColumn: r.range.endColumn,
      message: r.message,
      principle: rule.meta.principle,
      fix: report.fix ?? this.fixText(rule),
    };
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function defaultOptions(rule: Rule | undefined): Record<string, unknown> {
  const props = (rule?.meta.options as { properties?: Record<string, { default?: unknown }> } | undefined)?.properties;
  const out: Record<string, unknown> = {};
  if (props) for (const [k, v] of Object.entries(props)) if (v.default !== undefined) out[k] = v.default;
  return out;
}
