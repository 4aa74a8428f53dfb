import type { Check } from "../../engine/types.js";
import { isIpAddress, type PortRange } from "../../parse/ports.js";

const rangeLength = (r: PortRange) => r.end - r.start + 1;

export const validPortCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    for (const p of s.ports) {
      if (p.unresolved) continue;
      if (!p.target.ok) ctx.report({ range: p.range, message: `Service ${s.name}, ports: ${p.target.reason}.` });
      else if (p.publishedParsed && !p.publishedParsed.ok) ctx.report({ range: p.range, message: `Service ${s.name}, ports (host side): ${p.publishedParsed.reason}.` });
      // `8086-8087:86-88`: Docker refuses ranges of different lengths ("invalid ranges specified").
      else if (p.publishedParsed && rangeLength(p.publishedParsed.port) > 1 && rangeLength(p.target.port) > 1 && rangeLength(p.publishedParsed.port) !== rangeLength(p.target.port)) {
        ctx.report({ range: p.range, message: `Service ${s.name}, ports: ${p.text} maps ${rangeLength(p.publishedParsed.port)} host ports to ${rangeLength(p.target.port)} container ports; Docker refuses ranges of different lengths.` });
      }
      // `8080:80:90:100` reads as host IP `8080:80`: Docker refuses it.
      else if (p.hostIp !== null && !p.hostIpUnknown && !isIpAddress(p.hostIp)) ctx.report({ range: p.range, message: `Service ${s.name}, ports: ${p.text} has host IP ${p.hostIp}, which is not an IP address.` });
    }
    for (const e of s.expose) {
      if (e.unresolved || e.parsed.ok) continue;
      ctx.report({ range: e.range, message: `Service ${s.name}, expose: ${e.parsed.reason}.` });
    }
  }
};
