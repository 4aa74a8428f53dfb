import type { Check } from "../../engine/types.js";
import type { Service } from "../../model/compose.js";
import type { BuiltImage } from "../../model/built-image.js";
import { expandWord } from "../../parse/dockerfile/expand.js";
import { effectiveSetting } from "../helpers/service-settings.js";
import { isRootUser } from "../helpers/users.js";

export const noRootUserCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    const image = s.build?.dockerfilePath ? ctx.project.images.get(s.build.dockerfilePath) : undefined;
    if (s.user) {
      if (s.user.unresolved ? !rootWhateverTheGroup(s) : !isRootUser(s.user.value)) continue;
      // compose.override.yaml beside it sets a non-root user: that is the user the container runs as.
      const effective = effectiveSetting(s, "user");
      // `user: !reset null` there: the image's own user runs (judged with the Dockerfile).
      if (effective === null) continue;
      if (effective && effective !== s.user && !effective.unresolved && !isRootUser(effective.value)) continue;
      const imageUser = image?.user;
      const overrides =
        image && imageUser && imageUser.value !== null && !imageUser.unresolved && !isRootUser(imageUser.value)
          ? `, overriding USER ${imageUser.value} at ${image.path}:${imageUser.line}`
          : "";
      ctx.report({
        range: s.user.range,
        message: `Service ${s.name} runs as root: user: ${s.user.value.trim()}${overrides}.`,
        fix: overrides ? `Remove \`user:\` so the image's USER ${imageUser!.value} applies, or set a non-root UID.` : "Set `user:` to a non-root UID, e.g. \"10001:10001\".",
      });
      continue;
    }
    // A non-root `user:` from compose.override.yaml wins over whatever the build makes of USER.
    if (image && effectiveSetting(s, "user") === null) buildArgMakesRoot(s, image, ctx.report);
  }
};

/** `user: "0:${GID}"`: the group is unknown, the user is root all the same. */
function rootWhateverTheGroup(s: Service): boolean {
  const node = s.node.entries.get("user");
  const raw = node && node.kind === "scalar" && typeof node.raw === "string" ? node.raw : null;
  if (raw === null || !raw.includes(":")) return false;
  const user = raw.slice(0, raw.indexOf(":")).trim();
  return !user.includes("$") && isRootUser(user);
}

/**
 * `build.args` replace the Dockerfile's ARG defaults: `USER ${APP_UID}` with `ARG APP_UID=10001`
 * is root when the Compose file passes `APP_UID: 0`. Only the Compose file shows that.
 */
function buildArgMakesRoot(s: Service, image: BuiltImage, report: Parameters<NonNullable<Check["compose"]>>[1]["report"]): void {
  const args = s.build?.args;
  if (!args || args.size === 0) return;
  const u = image.user;
  if (!u || u.value === null || u.unresolved || isRootUser(u.value)) return;
  const word = u.raw;
  if (!word.includes("$")) return;
  const scope = new Map(u.scope);
  const used: string[] = [];
  for (const [name, v] of args) {
    if (!scope.has(name) || v.unresolved) continue;
    scope.set(name, v.value);
    if (word.includes(name)) used.push(name);
  }
  const withArgs = expandWord(word, scope, u.escape);
  if (withArgs.unresolved || !isRootUser(withArgs.value) || used.length === 0) return;
  const arg = args.get(used[0]!)!;
  report({
    range: arg.range,
    message: `Service ${s.name} runs as root: build arg ${used[0]}=${arg.value} turns USER ${word} at ${image.path}:${u.line} (${u.value} by default) into ${withArgs.value}.`,
    fix: `Pass a non-root UID in build.args.${used[0]}, or drop it so the Dockerfile's default applies.`,
  });
}
