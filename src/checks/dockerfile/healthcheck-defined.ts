import type { Check } from "../../engine/types.js";
import { finalStage, lastOf } from "../helpers/final-image.js";
import { instructionRange } from "../helpers/ranges.js";
import { effectiveSetting } from "../helpers/service-settings.js";

export const healthcheckDockerfile: Check["dockerfile"] = (df, ctx) => {
  const stage = finalStage(df);
  if (!stage) return;
  // Compose services that build this Dockerfile and define `healthcheck:` (or get one from
  // compose.override.yaml) satisfy the rule: the Compose side judges theirs.
  const services = ctx.project.servicesByDockerfile.get(df.path) ?? [];
  if (services.length > 0 && services.every((s) => effectiveSetting(s, "healthcheck") !== null)) return;
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
