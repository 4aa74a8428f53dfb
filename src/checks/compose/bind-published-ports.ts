import type { Check } from "../../engine/types.js";
import { bindsAllInterfaces, boundToLoopback } from "../helpers/compose-ports.js";
import { allowedInterfaces } from "../helpers/network.js";

/**
 * Fires on ports published on every interface. With `allowInterfaces`, the list is the set of
 * host IPs a port may be bound to: any other address fires too (loopback is always fine).
 */
export const bindPublishedPortsCompose: Check["compose"] = (file, ctx) => {
  const list = allowedInterfaces(ctx.options);
  const allowed = new Set(list);
  for (const s of file.services) {
    for (const p of s.ports) {
      if (p.hostIpUnknown || boundToLoopback(p)) continue;
      // A port Docker refuses publishes nothing: valid-port reports it.
      if (!p.target.ok || (p.publishedParsed && !p.publishedParsed.ok)) continue;
      const everywhere = bindsAllInterfaces(p);
      if ((p.hostIp !== null && allowed.has(p.hostIp)) || (!everywhere && allowed.size === 0)) continue;
      ctx.report({
        range: p.range,
        message: everywhere
          ? `Service ${s.name} publishes ${p.text} on every host interface${p.hostIp ? ` (${p.hostIp})` : ""}.`
          : `Service ${s.name} publishes ${p.text} on ${p.hostIp}, which is not among the allowed interfaces (${list.join(", ")}).`,
        fix: everywhere ? 'Bind it to one interface, e.g. "127.0.0.1:8080:80" (long syntax: host_ip: 127.0.0.1).' : `Bind it to one of: ${list.join(", ")}.`,
      });
    }
  }
};
