import type { ComposeModel } from "../../model/compose.js";
import type { DockerfileModel } from "../../model/dockerfile.js";
import type { Check, CheckContext, RuleMeta } from "../types.js";
import { compileMatch, renderMessage, type CompiledMatch } from "./compile.js";
import type { Item } from "./types.js";
import { composeItems, dockerfileItems } from "./views.js";

/** A rule's `match:` as a check: select items, test each, report where the condition held. */
export function declarativeCheck(meta: RuleMeta, rawKeys: readonly string[]): Check {
  const match = compileMatch(meta.match, rawKeys);
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
