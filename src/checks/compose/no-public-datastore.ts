import type { Check } from "../../engine/types.js";
import { DATASTORE_PORTS, datastoreImagePorts } from "../../data/datastores.js";
import { overlaps } from "../../parse/ports.js";
import { bindsAllInterfaces } from "../helpers/compose-ports.js";

export const noPublicDatastoreCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    // The image it runs: `image:`, or what its build starts from (`FROM neo4j:5.20`).
    const built = s.build?.dockerfilePath ? ctx.project.images.get(s.build.dockerfilePath) : undefined;
    const name = built?.baseName ?? (s.image && !s.image.unresolved ? s.image.ref.name : null);
    const imagePorts = name ? datastoreImagePorts(name) : null;
    const datastoreImage = imagePorts ? name : null;
    for (const p of s.ports) {
      if (!p.target.ok || !bindsAllInterfaces(p)) continue;
      const target = p.target.port;
      const known = DATASTORE_PORTS.find((d) => overlaps(target, d.start, d.end));
      // A datastore image's own port that the list above lacks (neo4j 7687, clickhouse 8123…).
      if (!known && !imagePorts?.some((d) => overlaps(target, d.start, d.end))) continue;
      const what = known ? `the ${known.name} port` : `a port of the datastore image ${datastoreImage}`;
      ctx.report({
        range: p.range,
        message: `Service ${s.name} publishes ${what} (${p.text}) on every host interface.`,
        fix: "Keep datastores on an internal network (`expose:` or no ports at all); bind to 127.0.0.1 if the host itself needs it.",
      });
    }
  }
};
