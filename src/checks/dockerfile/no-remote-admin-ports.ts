import type { Check } from "../../engine/types.js";
import { adminPortsIn } from "../../parse/ports.js";
import { exposedPorts } from "../helpers/expose.js";
import { instructionRange } from "../helpers/ranges.js";

export const noRemoteAdminPortsDockerfile: Check["dockerfile"] = (df, ctx) => {
  for (const p of exposedPorts(df)) {
    if (!p.parsed.ok) continue;
    const admin = adminPortsIn(p.parsed.port);
    if (admin.length === 0) continue;
    ctx.report({
      range: instructionRange(p.instruction, p.word),
      message: `EXPOSE ${p.text} exposes a remote administration port: ${admin.join(", ")}.`,
      snippet: `EXPOSE ${p.text}`,
    });
  }
};
