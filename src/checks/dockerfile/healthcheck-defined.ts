import type { Check } from "../../engine/types.js";
import { finalStage, lastOf } from "../helpers/final-image.js";
import { instructionRange } from "../helpers/ranges.js";

export const healthcheckDockerfile: Check["dockerfile"] = (df, ctx) => {
  const stage = finalStage(df);
  if (!stage) return;
  // A Compose service that builds this Dockerfile and defines `healthcheck:` satisfies the rule.
  const services = ctx.project.servicesByDockerfile.get(df.path) ?? [];
  if (services.length > 0 && services.every((s) => s.healthcheck !== null)) return;
  const hc = lastOf(df, "HEALTHCHECK");
  if (hc && hc.words[0]?.raw.toUpperCase() === "NONE") {
    ctx.report({
      range: instructionRange(hc),
      message: "HEALTHCHECK NONE switches the health check off: the runtime cannot tell whether the service answers.",
      maxSeverity: "info",
    });
    return;
  }
  if (hc) return;
  ctx.report({
    range: instructionRange(stage.from),
    message: `The final stage (FROM ${stage.base.ref}) defines no HEALTHCHECK.`,
  });
};
