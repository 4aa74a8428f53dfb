import type { Check } from "../../engine/types.js";
import { instructionRange } from "../helpers/ranges.js";

export const pinnedBaseImageDockerfile: Check["dockerfile"] = (df, ctx) => {
  for (const stage of df.stages) {
    const b = stage.base;
    if (stage.parent || b.unresolved || b.digest || b.name === "scratch") continue;
    if (b.tag && b.tag !== "latest") continue;
    const word = stage.from.words[0];
    ctx.report({
      range: instructionRange(stage.from, word),
      message: b.tag === "latest" ? `FROM ${b.ref} uses the moving "latest" tag.` : `FROM ${b.ref} has no tag or digest: it means "latest".`,
    });
  }
};
