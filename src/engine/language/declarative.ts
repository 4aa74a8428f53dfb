import type { ComposeModel } from "../../model/compose.js";
import type { DockerfileModel } from "../../model/dockerfile.js";
import type { Check, CheckContext, RuleMeta } from "../types.js";
import { compileMatch, hitValue, MatchError, renderMessage, type CompiledMatch } from "./compile.js";
import type { Item } from "./types.js";
import { composeItems, dockerfileItems, SELECTABLES } from "./views.js";

/**
 * A rule's `match:` as a check: select items, test each, report where the condition held.
 * `match:` may be a list of blocks (e.g. one for Compose services, one for Dockerfile FROMs).
 */
export function declarativeCheck(meta: RuleMeta, rawKeys: readonly string[], builtin = false): Check {
  // Built-in rules compile on first use (a Dockerfile-only run never compiles the Compose ones);
  // policies compile now, so that their errors stop the run before any file is read.
  if (builtin) return lazyCheck(meta, rawKeys);
  return compileChecks(meta, rawKeys, false);
}

const KINDS = ["dockerfile", "compose", "vm", "project"] as const;

function lazyCheck(meta: RuleMeta, rawKeys: readonly string[]): Check {
  let compiled: Check | null = null;
  const get = () => (compiled ??= compileChecks(meta, rawKeys, true));
  const blocks = Array.isArray(meta.match) ? meta.match : [meta.match];
  const kinds = new Set(blocks.map((b) => SELECTABLES[(b as { select?: string })?.select ?? ""]?.kind));
  const check: Check = {};
  for (const kind of KINDS) {
    if (!kinds.has(kind)) continue;
    (check as Record<string, unknown>)[kind] = (m: never, ctx: CheckContext) => (get()[kind] as ((m: never, c: CheckContext) => void) | undefined)?.(m, ctx);
  }
  return check;
}

function compileChecks(meta: RuleMeta, rawKeys: readonly string[], trusted: boolean): Check {
  const blocks = Array.isArray(meta.match) ? meta.match : [meta.match];
  const checks = blocks.map((block, i) => {
    try {
      const compiled = compileMatch(block, rawKeys, trusted);
      // `select: instruction` in a rule for Compose files would never run: say so.
      if (Array.isArray(meta.kinds) && !meta.kinds.includes(compiled.kind as never)) {
        throw new MatchError(["match", "select"], `selects ${compiled.select}, which is in ${compiled.kind} files, but kinds is [${meta.kinds.join(", ")}]`);
      }
      return oneBlock(compiled);
    } catch (e) {
      // Point errors in the i-th block at match[i].
      if (e instanceof MatchError && Array.isArray(meta.match)) throw new MatchError(["match", i, ...e.at.slice(1)], e.reason);
      throw e;
    }
  });
  const merged: Check = {};
  for (const kind of KINDS) {
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
        ctx.report({ range: at ?? h.range ?? item.range, message: renderMessage(match.message, item.vars, () => hitValue(h)), file: item.file });
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
