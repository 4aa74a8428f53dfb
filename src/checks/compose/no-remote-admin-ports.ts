import type { Check } from "../../engine/types.js";
import { adminPortsIn, overlaps } from "../../parse/ports.js";
import { boundToLoopback } from "../helpers/compose-ports.js";
import { exposedPorts } from "../helpers/expose.js";
import type { DockerfileModel } from "../../model/dockerfile.js";
import type { PortRange } from "../../parse/ports.js";

export const noRemoteAdminPortsCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    for (const p of s.ports) {
      if (!p.target.ok || boundToLoopback(p) || p.hostIpUnknown) continue;
      const admin = adminPortsIn(p.target.port);
      if (admin.length === 0) continue;
      const df = s.build?.dockerfilePath ? ctx.project.dockerfiles.get(s.build.dockerfilePath) : undefined;
      const exposedAt = df ? exposeLine(df, p.target.port) : null;
      ctx.report({
        range: p.range,
        message: `Service ${s.name} publishes a remote administration port: ${admin.join(", ")} (${p.text})${exposedAt ? `, which ${df!.path}:${exposedAt} EXPOSEs` : ""}.`,
      });
    }
    for (const e of s.expose) {
      if (!e.parsed.ok) continue;
      const admin = adminPortsIn(e.parsed.port);
      if (admin.length === 0) continue;
      ctx.report({ range: e.range, message: `Service ${s.name} exposes a remote administration port to its networks: ${admin.join(", ")}.` });
    }
  }
};

/** The line of the Dockerfile's EXPOSE of this port, if any: the same fact, named in the message. */
function exposeLine(df: DockerfileModel, port: PortRange): number | null {
  const hit = exposedPorts(df).find((e) => e.parsed.ok && overlaps(e.parsed.port, port.start, port.end));
  return hit ? hit.instruction.range.line : null;
}
