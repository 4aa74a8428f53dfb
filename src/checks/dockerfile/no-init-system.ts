import type { Check } from "../../engine/types.js";
import { basename } from "../../parse/shell/commands.js";
import { INIT_SYSTEMS } from "../../data/daemons.js";
import { instructionRange } from "../helpers/ranges.js";
import { instructionNaming, startProcess } from "../helpers/start.js";

export const noInitSystemDockerfile: Check["dockerfile"] = (df, ctx) => {
  const start = startProcess(df);
  const first = start?.commands[0]?.argv[0];
  if (!start || !first) return;
  if (!INIT_SYSTEMS.has(first) && basename(first) !== "systemd") return;
  const instr = instructionNaming(start, first);
  ctx.report({
    range: instructionRange(instr),
    message: `${instr.keyword} boots a full init system (${first}): a VM's job, inside a container.`,
    snippet: `${instr.keyword} ${first}`,
  });
};
