import type { Check } from "../../engine/types.js";
import { shellIsPid1 } from "../../parse/compose/normalize.js";

export const execFormCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    // Compose runs command/entrypoint without a shell; PID 1 is a shell only with `sh -c`.
    // A list is exec form (as a Dockerfile's JSON array): judged only when a string is involved.
    // With both, the command's words are the entrypoint's arguments: `/bin/sh -c` + a script.
    const spec = s.entrypoint ?? s.command;
    if (!spec) continue;
    const specs = s.entrypoint && s.command ? [s.entrypoint, s.command] : [spec];
    if (specs.every((x) => x.list) || !shellIsPid1(specs.flatMap((x) => x.words))) continue;
    ctx.report({
      range: spec.range,
      message: `Service ${s.name}: ${spec.key} runs a shell script (sh -c) as PID 1, so SIGTERM doesn't reach the service.`,
      fix: `Run the program directly as a list (${spec.key}: ["program", "arg"]), or end the script with exec (\`… && exec program\`).`,
    });
  }
};
