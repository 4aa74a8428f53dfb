import type { Check } from "../../engine/types.js";

export const execFormCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    // Compose runs command/entrypoint without a shell; PID 1 is a shell only with `sh -c`.
    const spec = s.entrypoint ?? s.command;
    if (!spec?.shellForm) continue;
    ctx.report({
      range: spec.range,
      message: `Service ${s.name}: ${spec.key} runs a shell script (sh -c) as PID 1, so SIGTERM doesn't reach the service.`,
      fix: `Run the program directly as a list (${spec.key}: ["program", "arg"]), or start the script with exec.`,
    });
  }
};
