import builtinRules from "virtual:builtin-rules";
import { CHECKS } from "../checks/index.js";
import type { Rule, RuleMeta } from "./types.js";

/** Rules the engine itself reports (no check of their own). */
export const META_RULES = new Set(["parse-error", "schema-violation", "unused-suppression"]);

let cache: Rule[] | null = null;

/** The built-in rules: metadata from `rules/*.yaml` (inlined at build time) with their checks. */
export function builtinRuleList(): Rule[] {
  if (cache) return cache;
  cache = (builtinRules as RuleMeta[]).map((meta) => {
    const check = meta.check ? CHECKS[meta.check] : undefined;
    if (!check && meta.check) throw new Error(`rule ${meta.id}: no check named "${meta.check}" in src/checks`);
    return { meta, check: check ?? {} };
  });
  return cache;
}

export class RuleSet {
  private readonly byId: Map<string, Rule>;
  constructor(readonly rules: readonly Rule[]) {
    this.byId = new Map(rules.map((r) => [r.meta.id, r]));
  }
  get(id: string): Rule | undefined {
    return this.byId.get(id);
  }
  has(id: string): boolean {
    return this.byId.has(id);
  }
  ids(): string[] {
    return [...this.byId.keys()].sort();
  }
}
