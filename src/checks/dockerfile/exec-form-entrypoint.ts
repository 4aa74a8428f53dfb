import type { Check } from "../../engine/types.js";
import type { Instruction } from "../../model/dockerfile.js";
import { lastOf } from "../helpers/final-image.js";
import { instructionRange } from "../helpers/ranges.js";

export const execFormDockerfile: Check["dockerfile"] = (df, ctx) => {
  const entrypoint = lastOf(df, "ENTRYPOINT");
  const cmd = lastOf(df, "CMD");
  // With an exec-form ENTRYPOINT, a shell-form CMD is only its arguments.
  const target = entrypoint ? (entrypoint.exec ? null : entrypoint) : cmd;
  if (!target || target.exec || startsWithExec(target) || target.args === "") return;
  ctx.report({
    range: instructionRange(target),
    message: `${target.keyword} uses shell form, so PID 1 is /bin/sh -c and SIGTERM never reaches the service.`,
    fix: `Write it as JSON: ${target.keyword} ${suggestExec(target)}`,
  });
};

function startsWithExec(instr: Instruction): boolean {
  return /^exec\s/.test(instr.args);
}

function suggestExec(instr: Instruction): string {
  const c = instr.commands;
  if (c.length === 1 && c[0]!.wrappers.length === 0) return JSON.stringify(c[0]!.argv).replace(/","/g, '", "');
  return `["/bin/sh", "-c", "exec …"] or a small entrypoint script that ends with exec`;
}
