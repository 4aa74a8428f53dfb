import type { Check } from "../../engine/types.js";
import { judgeStartCommands } from "../dockerfile/one-service-per-container.js";

export const oneServiceCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    // The entrypoint and command run together; judge what PID 1 runs.
    const spec = s.entrypoint && s.command ? { ...s.entrypoint, commands: [...s.entrypoint.commands, ...s.command.commands] } : (s.command ?? s.entrypoint);
    if (!spec) continue;
    const verdict = judgeStartCommands(spec.commands);
    if (!verdict) continue;
    const at = s.command && s.command.text.includes(verdict.program) ? s.command : spec;
    ctx.report({ range: at.range, message: `Service ${s.name}: ${at.key} ${verdict.message}` });
  }
};
