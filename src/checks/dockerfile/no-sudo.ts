import type { Check } from "../../engine/types.js";
import { basename } from "../../parse/shell/commands.js";
import { instructionRange } from "../helpers/ranges.js";

export const noSudoDockerfile: Check["dockerfile"] = (df, ctx) => {
  for (const instr of df.instructions) {
    if (instr.keyword !== "RUN") continue;
    const calls = instr.commands.some((c) => c.wrappers.includes("sudo") || basename(c.argv[0] ?? "") === "sudo");
    const installs = instr.installs.some((p) => p.packages.includes("sudo"));
    if (!calls && !installs) continue;
    ctx.report({
      range: instructionRange(instr),
      message: installs ? "RUN installs the sudo package." : "RUN calls sudo.",
      snippet: installs ? "install sudo" : "sudo",
    });
  }
};
