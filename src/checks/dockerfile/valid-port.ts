import type { Check } from "../../engine/types.js";
import { exposedPorts } from "../helpers/expose.js";
import { instructionRange } from "../helpers/ranges.js";

export const validPortDockerfile: Check["dockerfile"] = (df, ctx) => {
  for (const p of exposedPorts(df)) {
    if (p.parsed.ok) continue;
    ctx.report({
      range: instructionRange(p.instruction, p.word),
      message: `EXPOSE: ${p.parsed.reason}.`,
    });
  }
};
