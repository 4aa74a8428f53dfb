import type { Check } from "../../engine/types.js";
import { effectiveUser, isRootUser } from "../helpers/users.js";

export const noRootUserCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    if (!s.user || s.user.unresolved || !isRootUser(s.user.value)) continue;
    const df = s.build?.dockerfilePath ? ctx.project.dockerfiles.get(s.build.dockerfilePath) : undefined;
    const dfUser = df ? effectiveUser(df) : null;
    const overrides =
      df && dfUser?.instruction && dfUser.user !== null && !dfUser.unresolved && !isRootUser(dfUser.user)
        ? `, overriding USER ${dfUser.user} at ${df.path}:${dfUser.instruction.range.line}`
        : "";
    ctx.report({
      range: s.user.range,
      message: `Service ${s.name} runs as root: user: ${s.user.value}${overrides}.`,
      fix: overrides ? `Remove \`user:\` so the image's USER ${dfUser!.user} applies, or set a non-root UID.` : "Set `user:` to a non-root UID, e.g. \"10001:10001\".",
    });
  }
};
