import type { Check } from "../../engine/types.js";
import { instructionRange } from "../helpers/ranges.js";
import { secretLooking } from "../helpers/secrets.js";

export const noSecretsDockerfile: Check["dockerfile"] = (df, ctx) => {
  for (const instr of df.instructions) {
    if (instr.keyword !== "ENV" && instr.keyword !== "ARG") continue;
    for (const pair of instr.pairs) {
      // 'Pa$sw0rd' and Pa\$sw0rd expand to themselves: their `$` is text, not a reference.
      const literal = pair.value !== null && pair.value.includes("$") && pair.expanded !== null && !pair.expanded.unresolved && (pair.expanded.value === pair.value || pair.expanded.value === pair.value.replaceAll("\\$", "$"));
      if (!secretLooking(pair.key, literal ? pair.expanded!.value : pair.value, literal ? "literal" : null)) continue;
      ctx.report({
        range: instructionRange(instr, pair),
        message: `${instr.keyword} ${pair.key} holds a literal secret: it is stored in the image's configuration and history.`,
      });
    }
  }
};
