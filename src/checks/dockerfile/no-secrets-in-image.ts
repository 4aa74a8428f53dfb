import type { Check } from "../../engine/types.js";
import { instructionRange } from "../helpers/ranges.js";
import { secretLooking } from "../helpers/secrets.js";

export const noSecretsDockerfile: Check["dockerfile"] = (df, ctx) => {
  for (const instr of df.instructions) {
    if (instr.keyword !== "ENV" && instr.keyword !== "ARG") continue;
    for (const pair of instr.pairs) {
      if (!secretLooking(pair.key, pair.value)) continue;
      ctx.report({
        range: instructionRange(instr, pair),
        message: `${instr.keyword} ${pair.key} holds a literal secret: it is stored in the image's configuration and history.`,
      });
    }
  }
};
