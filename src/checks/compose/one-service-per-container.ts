import type { Check } from "../../engine/types.js";
import { judgeStartCommands } from "../dockerfile/one-service-per-container.js";
import { argvCommands, withoutMinimalInit } from "../helpers/start.js";

export const oneServiceCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    const spec = s.entrypoint ?? s.command;
    if (!spec) continue;
    // With both, the command's words are the entrypoint's arguments: one argv, as in a
    // Dockerfile's exec-form ENTRYPOINT + CMD (`["sh", "-c"]` + `["nginx & php-fpm -F"]`).
    const commands = s.entrypoint && s.command ? argvCommands([...s.entrypoint.words, ...s.command.words]) : withoutMinimalInit(spec.commands);
    const verdict = judgeStartCommands(commands);
    if (!verdict) continue;
    const at = s.command && s.command.text.includes(verdict.program) ? s.command : spec;
    ctx.report({ range: at.range, message: `Service ${s.name}: ${at.key} ${verdict.message}` });
  }
};
