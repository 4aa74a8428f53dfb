import type { DockerfileModel } from "../model/dockerfile.js";
import type { FileKind, Principle, Report, Severity } from "../model/finding.js";
import type { ComposeModel } from "../model/compose.js";
import type { VmSpecModel } from "../model/vmspec.js";
import type { ProjectModel } from "../model/project.js";

/** A rule's metadata, as written in `rules/<id>.yaml` and validated by `schemas/policy.schema.json`. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  principle: Principle;
  kinds: FileKind[];
  title: string;
  why: string;
  triggers: string;
  fix: string;
  example?: { bad?: string; good?: string };
  references?: string[];
  /** JSON Schema of the rule's options (`rules: { id: [severity, options] }`). */
  options?: Record<string, unknown>;
  /** Name of the TypeScript check in `src/checks/`, when the rule is not declarative. */
  check?: string;
  /** A declarative predicate (the rule language); see docs/rule-language.md. */
  match?: unknown;
  /** Where a user policy was loaded from; absent for built-ins. */
  source?: string;
}

export interface CheckContext {
  report(r: Report): void;
  /** The rule's options from the config, defaults applied. */
  options: Record<string, unknown>;
  project: ProjectModel;
}

/** What a rule does, per kind of model. A check reads the model and reports; nothing else. */
export interface Check {
  dockerfile?(df: DockerfileModel, ctx: CheckContext): void;
  compose?(file: ComposeModel, ctx: CheckContext): void;
  vm?(file: VmSpecModel, ctx: CheckContext): void;
  /** Runs once over everything parsed, for facts that span files (kernels, tenants). */
  project?(project: ProjectModel, ctx: CheckContext): void;
}

export interface Rule {
  meta: RuleMeta;
  check: Check;
}
