import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helpers without types
import { renderRulesDoc } from "../scripts/gen-rules-doc.mjs";
// @ts-expect-error plain ESM helpers without types
import { loadBuiltinRules } from "../scripts/virtual-modules.mjs";
import { CHECKS } from "../src/checks/index.js";
import { builtinRuleList, composeServiceKeys } from "../src/engine/registry.js";
import { declarativeCheck } from "../src/engine/language/declarative.js";

describe("built-in rule metadata", () => {
  const rules = loadBuiltinRules() as { id: string; check?: string; match?: unknown; kinds: string[] }[];

  it("every rules/*.yaml validates against schemas/policy.schema.json (loadBuiltinRules throws otherwise)", () => {
    expect(rules.length).toBeGreaterThanOrEqual(30);
  });
  it("every named check exists and every check is used", () => {
    for (const r of rules) if (r.check) expect(CHECKS[r.check], r.id).toBeDefined();
    const used = new Set(rules.map((r) => r.check).filter(Boolean));
    for (const name of Object.keys(CHECKS)) expect(used.has(name), `src/checks/index.ts has an unused check ${name}`).toBe(true);
  });
  it("every rule compiles, and each kind a rule names has a check for it", () => {
    const meta = new Set(["parse-error", "schema-violation", "unused-suppression", "invalid-reference"]);
    for (const r of builtinRuleList()) {
      if (meta.has(r.meta.id)) continue;
      const has = (k: string) => Boolean((r.check as Record<string, unknown>)[k]) || Boolean(r.check.project);
      for (const k of r.meta.kinds) expect(has(k), `${r.meta.id} names kind ${k} but has no check for it`).toBe(true);
    }
  });
  it("every built-in match compiles, and passes the checks a policy gets (regex safety included)", () => {
    for (const r of builtinRuleList()) {
      if (r.meta.match === undefined) continue;
      expect(() => declarativeCheck(r.meta, composeServiceKeys, false), r.meta.id).not.toThrow();
    }
  });
  it("at least 15 built-in rules are declarative", () => {
    expect(rules.filter((r) => r.match !== undefined).length).toBeGreaterThanOrEqual(15);
  });
  it("docs/rules.md is generated from rules/ and up to date", () => {
    expect(readFileSync(resolve(import.meta.dirname, "../docs/rules.md"), "utf8")).toBe(renderRulesDoc());
  });
});
