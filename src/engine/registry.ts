import builtinRules from "virtual:builtin-rules";
import composeServiceKeys from "virtual:compose-service-keys";
import { CHECKS } from "../checks/index.js";
import { declarativeCheck } from "./language/declarative.js";
import type { Rule, RuleMeta } from "./types.js";

/** Rules the engine itself reports (no check of their own). */
export const META_RULES = new Set(["parse-error", "schema-violation", "unused-suppression", "invalid-reference"]);

/** Only the rules the engine reports itself: for commands that parse without linting (map, capacity). */
export function parseOnlyRules(): RuleSet {
  return new RuleSet(builtinRuleList().filter((r) => META_RULES.has(r.meta.id)));
}

let cache: Rule[] | null = null;

/** The built-in rules: metadata from `rules/*.yaml` (inlined at build time) with their checks. */
export function builtinRuleList(): Rule[] {
  if (cache) return cache;
  cache = (builtinRules as RuleMeta[]).map((meta) => toRule(meta, true));
  return cache;
}

/** Metadata plus its check: the named TypeScript check, or the compiled `match:`. */
export function toRule(meta: RuleMeta, builtin = false): Rule {
  const declared = meta.match !== undefined ? declarativeCheck(meta, composeServiceKeys, builtin) : {};
  if (meta.check === undefined) return { meta, check: declared };
  const coded = CHECKS[meta.check];
  if (!coded) throw new Error(`rule ${meta.id}: no check named "${meta.check}" in src/checks`);
  // A rule may say one kind declaratively and another in TypeScript.
  return { meta, check: { ...coded, ...declared } };
}

export { composeServiceKeys };

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
