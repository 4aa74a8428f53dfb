import type { Check } from "../../engine/types.js";
import { adminPortsIn, overlaps, type PortRange } from "../../parse/ports.js";
import type { Service } from "../../model/compose.js";
import { exposedPorts } from "../helpers/expose.js";
import { finalChain } from "../helpers/final-image.js";
import { instructionRange } from "../helpers/ranges.js";

export const noRemoteAdminPortsDockerfile: Check["dockerfile"] = (df, ctx) => {
  // Only the image that ships: an EXPOSE in a build stage the final one doesn't build on exposes nothing.
  const final = new Set(finalChain(df).map((s) => s.index));
  for (const p of exposedPorts(df)) {
    if (!p.parsed.ok || !final.has(p.instruction.stage)) continue;
    const admin = adminPortsIn(p.parsed.port);
    if (admin.length === 0) continue;
    // EXPOSE and a Compose service's ports/expose of the same port are one fact: the service
    // decides how it is published, and Compose reports it — or, bound to loopback, doesn't
    // (RULES.md: not when bound to 127.0.0.1/::1), and then neither does this.
    const services = ctx.project.servicesByDockerfile.get(df.path) ?? [];
    if (services.some((s) => mentions(s, p.parsed.ok ? p.parsed.port : null))) continue;
    ctx.report({
      range: instructionRange(p.instruction, p.word),
      message: `EXPOSE ${p.text} exposes a remote administration port: ${admin.join(", ")}.`,
    });
  }
};

function mentions(s: Service, port: PortRange | null): boolean {
  if (!port) return false;
  return s.ports.some((p) => p.target.ok && overlaps(p.target.port, port.start, port.end)) || s.expose.some((e) => e.parsed.ok && overlaps(e.parsed.port, port.start, port.end));
}
