import type { Check } from "../../engine/types.js";
import { instructionRange } from "../helpers/ranges.js";

export const pinnedBaseImageDockerfile: Check["dockerfile"] = (df, ctx) => {
  for (const stage of df.stages) {
    const b = stage.base;
    const word = stage.from.words[0];
    const raw = word?.raw ?? "";
    // `${REGISTRY}/node:latest`: the registry is unknown, the name and tag are not. (Unresolved
    // without a `$`: a name a Compose service defines as a build context.)
    const tagKnown = raw.includes("$") && !raw.slice(raw.lastIndexOf("/") + 1).includes("$");
    if (stage.parent || (b.unresolved && !tagKnown) || b.digest || b.name === "scratch") continue;
    if (b.tag && b.tag !== "latest") continue;
    const shown = b.unresolved ? raw : b.ref;
    ctx.report({
      range: instructionRange(stage.from, word),
      message: b.tag === "latest" ? `FROM ${shown} uses the moving "latest" tag.` : `FROM ${shown} has no tag or digest: it means "latest".`,
    });
  }
};
