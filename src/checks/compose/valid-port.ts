import type { Check } from "../../engine/types.js";
import { isIpAddress } from "../../parse/ports.js";

export const validPortCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    for (const p of s.ports) {
      if (p.unresolved) continue;
      if (!p.target.ok) ctx.report({ range: p.range, message: `Service ${s.name}, ports: ${p.target.reason}.` });
      else if (p.publishedParsed && !p.publishedParsed.ok) ctx.report({ range: p.range, message: `Service ${s.name}, ports (host side): ${p.publishedParsed.reason}.` });
      // `8080:80:90:100` reads as host IP `8080:80`: Docker refuses it.
      else if (p.hostIp !== null && !p.hostIpUnknown && !isIpAddress(p.hostIp)) ctx.report({ range: p.range, message: `Service ${s.name}, ports: ${p.text} has host IP ${p.hostIp}, which is not an IP address.` });
    }
    for (const e of s.expose) {
      if (e.unresolved || e.parsed.ok) continue;
      ctx.report({ range: e.range, message: `Service ${s.name}, expose: ${e.parsed.reason}.` });
    }
  }
};
