import type { Check } from "../../engine/types.js";
import { finalStage } from "../helpers/final-image.js";
import { instructionRange } from "../helpers/ranges.js";
import { effectiveSetting } from "../helpers/service-settings.js";
import { effectiveUser, isRootUser } from "../helpers/users.js";

export const noRootUserDockerfile: Check["dockerfile"] = (df, ctx) => {
  const stage = finalStage(df);
  if (!stage) return;
  // When every Compose service that builds this Dockerfile sets a non-root `user:`, that is
  // the user the container runs as (a root `user:` is reported in the Compose file).
  const services = ctx.project.servicesByDockerfile.get(df.path) ?? [];
  const users = services.map((s) => effectiveSetting(s, "user"));
  if (users.length > 0 && users.every((u) => u !== null && !u.unresolved && !isRootUser(u.value))) return;
  const u = effectiveUser(df);
  if (u.instruction && u.user !== null) {
    if (u.unresolved || !isRootUser(u.user)) return;
    const inherited = u.instruction.stage !== stage.index;
    // Windows' administrator account: say so, and name Windows' unprivileged one.
    const windows = u.user.trim().toLowerCase() === "containeradministrator";
    const who = windows ? "as ContainerAdministrator" : "as root";
    ctx.report({
      range: inherited ? instructionRange(stage.from) : instructionRange(u.instruction, u.instruction.words[0]),
      message: inherited
        ? `The final stage runs ${who}: it builds on stage "${df.stages[u.instruction.stage]?.alias ?? u.instruction.stage}", whose last USER is ${u.user} (line ${u.instruction.range.line}).`
        : `The final stage runs ${who}: USER ${u.user}.`,
      ...(windows ? { fix: "Use Windows' unprivileged account: `USER ContainerUser`." } : {}),
    });
    return;
  }
  if (u.base === null || u.unresolved || u.baseDefaultsToNonRoot) return;
  const via = stage.parent ? ` (it builds on stage "${stage.base.ref}", which sets no USER either)` : "";
  const scratch = u.base.name === "scratch" ? " `FROM scratch` has no users at all; use a numeric UID." : "";
  ctx.report({
    range: instructionRange(stage.from),
    message: `The final stage runs as root: no USER after FROM ${stage.base.ref} (line ${stage.from.range.line})${via}.${scratch}`,
  });
};
