import type { Check } from "../../engine/types.js";
import { adminPortsIn, overlaps } from "../../parse/ports.js";
import { boundToLoopback } from "../helpers/compose-ports.js";
import type { BuiltImage } from "../../model/built-image.js";
import type { PortRange } from "../../parse/ports.js";

export const noRemoteAdminPortsCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    for (const p of s.ports) {
      if (!p.target.ok || boundToLoopback(p) || p.hostIpUnknown) continue;
      const admin = adminPortsIn(p.target.port);
      if (admin.length === 0) continue;
      const image = s.build?.dockerfilePath ? ctx.project.images.get(s.build.dockerfilePath) : undefined;
      const exposedAt = image ? exposeLine(image, p.target.port) : null;
      ctx.report({
        range: p.range,
        message: `Service ${s.name} publishes a remote administration port: ${admin.join(", ")} (${p.text})${exposedAt ? `, which ${image!.path}:${exposedAt} EXPOSEs` : ""}.`,
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
function exposeLine(image: BuiltImage, port: PortRange): number | null {
  return image.exposes.find((e) => overlaps(e.port, port.start, port.end))?.line ?? null;
}
