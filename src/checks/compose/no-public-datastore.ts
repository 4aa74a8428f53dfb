import type { Check } from "../../engine/types.js";
import { DATASTORE_PORTS, isDatastoreImage } from "../../data/datastores.js";
import { overlaps } from "../../parse/ports.js";
import { bindsAllInterfaces } from "../helpers/compose-ports.js";

export const noPublicDatastoreCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    const datastoreImage = s.image && !s.image.unresolved && isDatastoreImage(s.image.ref.name) ? s.image.ref.name : null;
    for (const p of s.ports) {
      if (!p.target.ok || !bindsAllInterfaces(p)) continue;
      const known = DATASTORE_PORTS.find((d) => overlaps(p.target.ok ? p.target.port : { start: 0, end: 0, protocol: "" }, d.start, d.end));
      if (!known && !datastoreImage) continue;
      const what = known ? `the ${known.name} port` : `a port of the datastore image ${datastoreImage}`;
      ctx.report({
        range: p.range,
        message: `Service ${s.name} publishes ${what} (${p.text}) on every host interface.`,
        fix: "Keep datastores on an internal network (`expose:` or no ports at all); bind to 127.0.0.1 if the host itself needs it.",
      });
    }
  }
};
