import type { ComposeModel } from "../../model/compose.js";
import type { DockerfileModel } from "../../model/dockerfile.js";
import type { Check, CheckContext, RuleMeta } from "../types.js";
import { compileMatch, MatchError, renderMessage, type CompiledMatch } from "./compile.js";
import type { Item } from "./types.js";
import { composeItems, dockerfileItems } from "./views.js";

/**
 * A rule's `match:` as a check: select items, test each, report where the condition held.
 * `match:` may be a list of blocks (e.g. one for Compose services, one for Dockerfile FROMs).
 */
export function declarativeCheck(meta: RuleMeta, rawKeys: readonly string[]): Check {
  const blocks = Array.isArray(meta.match) ? meta.match : [meta.match];
  const checks = blocks.map((block, i) => {
    try {
      return oneBlock(compileMatch(block, rawKeys));
    } catch (e) {
      // Point errors in the i-th block at match[i].
      if (e instanceof MatchError && Array.isArray(meta.match)) throw new MatchError(["match", i, ...e.at.slice(1)], e.reason);
      throw e;
    }
  });
  const merged: Check = {};
  for (const kind of ["dockerfile", "compose", "vm", "project"] as const) {
    const fns = checks.map((c) => c[kind]).filter((f): f is NonNullable<typeof f> => f !== undefined);
    if (fns.length === 1) (merged as Record<string, unknown>)[kind] = fns[0];
    else if (fns.length > 1) (merged as Record<string, unknown>)[kind] = (m: never, ctx: CheckContext) => fns.forEach((f) => (f as (m: never, c: CheckContext) => void)(m, ctx));
  }
  return merged;
}

function oneBlock(match: CompiledMatch): Check {
  const run = (items: Item[], ctx: CheckContext) => {
    for (const item of items) {
      const hit = match.test(item);
      if (!hit) continue;
      // An override file's partial service reports only what it sets itself.
      if (item.partial && !hit.range) continue;
      const at = match.report ? item.get(match.report)?.range : undefined;
      for (const h of [hit, ...(at ? [] : hit.more ?? [])]) {
        ctx.report({ range: at ?? h.range ?? item.range, message: renderMessage(match.message, item.vars, h.value), file: item.file });
      }
    }
  };
  return checkFor(match, run);
}

function checkFor(match: CompiledMatch, run: (items: Item[], ctx: CheckContext) => void): Check {
  switch (match.kind) {
    case "compose":
      return { compose: (file: ComposeModel, ctx) => run(composeItems(match.select, file), ctx) };
    case "dockerfile":
      return { dockerfile: (df: DockerfileModel, ctx) => run(dockerfileItems(match.select, df), ctx) };
    default:
      return {};
  }
}
