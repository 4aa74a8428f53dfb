import type { Check } from "../../engine/types.js";
import { basename } from "../../parse/shell/commands.js";
import { daemonOf } from "../../data/daemons.js";
import { finalInstructions } from "../helpers/final-image.js";
import { instructionRange } from "../helpers/ranges.js";
import { instructionNaming, startProcess } from "../helpers/start.js";

export const noSshServerDockerfile: Check["dockerfile"] = (df, ctx) => {
  for (const instr of finalInstructions(df)) {
    if (instr.keyword !== "RUN") continue;
    const pkgs = instr.installs.flatMap((i) => i.packages.filter((p) => daemonOf(p, i.manager) === "sshd"));
    if (pkgs.length === 0) continue;
    ctx.report({ range: instructionRange(instr), message: `RUN installs an SSH server (${pkgs.join(", ")}).`, snippet: `install ${pkgs.join(" ")}` });
  }
  const start = startProcess(df);
  const sshd = start?.commands.find((c) => /^(sshd|dropbear)$/.test(basename(c.argv[0] ?? "")) || isSshServiceStart(c.argv));
  if (start && sshd) {
    const instr = instructionNaming(start, sshd.argv[0] === "service" ? "ssh" : basename(sshd.argv[0]!));
    ctx.report({ range: instructionRange(instr), message: `${instr.keyword} starts an SSH server (${sshd.argv.join(" ")}).`, snippet: `${instr.keyword} sshd` });
  }
};

function isSshServiceStart(argv: readonly string[]): boolean {
  return basename(argv[0] ?? "") === "service" && /^(ssh|sshd)$/.test(argv[1] ?? "") && argv[2] === "start";
}
