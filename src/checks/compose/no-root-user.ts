import type { Check } from "../../engine/types.js";
import type { Service } from "../../model/compose.js";
import type { DockerfileModel } from "../../model/dockerfile.js";
import { expandWord } from "../../parse/dockerfile/expand.js";
import { effectiveSetting } from "../helpers/service-settings.js";
import { effectiveUser, isRootUser } from "../helpers/users.js";

export const noRootUserCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    const df = s.build?.dockerfilePath ? ctx.project.dockerfiles.get(s.build.dockerfilePath) : undefined;
    if (s.user) {
      if (s.user.unresolved || !isRootUser(s.user.value)) continue;
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
      continue;
    }
    // A non-root `user:` from compose.override.yaml wins over whatever the build makes of USER.
    if (df && effectiveSetting(s, "user") === null) buildArgMakesRoot(s, df, ctx.report);
  }
};

/**
 * `build.args` replace the Dockerfile's ARG defaults: `USER ${APP_UID}` with `ARG APP_UID=10001`
 * is root when the Compose file passes `APP_UID: 0`. Only the Compose file shows that.
 */
function buildArgMakesRoot(s: Service, df: DockerfileModel, report: Parameters<NonNullable<Check["compose"]>>[1]["report"]): void {
  const args = s.build?.args;
  if (!args || args.size === 0) return;
  const u = effectiveUser(df);
  if (!u.instruction || u.user === null || u.unresolved || isRootUser(u.user)) return;
  const word = u.instruction.words[0]?.raw ?? "";
  if (!word.includes("$")) return;
  const scope = new Map(u.instruction.scope);
  const used: string[] = [];
  for (const [name, v] of args) {
    if (!scope.has(name) || v.unresolved) continue;
    scope.set(name, v.value);
    if (word.includes(name)) used.push(name);
  }
  const withArgs = expandWord(word, scope, df.escape);
  if (withArgs.unresolved || !isRootUser(withArgs.value) || used.length === 0) return;
  const arg = args.get(used[0]!)!;
  report({
    range: arg.range,
    message: `Service ${s.name} runs as root: build arg ${used[0]}=${arg.value} turns USER ${word} at ${df.path}:${u.instruction.range.line} (${u.user} by default) into ${withArgs.value}.`,
    fix: `Pass a non-root UID in build.args.${used[0]}, or drop it so the Dockerfile's default applies.`,
  });
}
