import type { Check } from "../../engine/types.js";

export const validPortCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    for (const p of s.ports) {
      if (p.unresolved) continue;
      if (!p.target.ok) ctx.report({ range: p.range, message: `Service ${s.name}, ports: ${p.target.reason}.` });
      else if (p.publishedParsed && !p.publishedParsed.ok) ctx.report({ range: p.range, message: `Service ${s.name}, ports (host side): ${p.publishedParsed.reason}.` });
    }
    for (const e of s.expose) {
      if (e.unresolved || e.parsed.ok) continue;
      ctx.report({ range: e.range, message: `Service ${s.name}, expose: ${e.parsed.reason}.` });
    }
  }
};
