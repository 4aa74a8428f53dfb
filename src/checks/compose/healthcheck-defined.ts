import type { Check } from "../../engine/types.js";
import { isMapNode, isScalarNode, isSeqNode, nodeAt } from "../../model/ynode.js";
import { lastOf } from "../helpers/final-image.js";

export const healthcheckCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    if (s.partial) continue;
    const hc = s.healthcheck ?? s.overrides.find((o) => o.healthcheck)?.healthcheck ?? null;
    if (hc) {
      if (disabled(hc)) {
        ctx.report({ range: hc.range, message: `Service ${s.name} switches its health check off.`, maxSeverity: "info" });
      }
      continue;
    }
    // Satisfied by the Dockerfile the service builds.
    const df = s.build?.dockerfilePath ? ctx.project.dockerfiles.get(s.build.dockerfilePath) : undefined;
    if (df && lastOf(df, "HEALTHCHECK")) continue;
    ctx.report({ range: s.range, message: `Service ${s.name} defines no healthcheck${df ? ` (nor does ${df.path})` : ""}.` });
  }
};

function disabled(hc: import("../../model/ynode.js").YNode): boolean {
  if (!isMapNode(hc)) return false;
  const d = hc.entries.get("disable");
  if (isScalarNode(d) && (d.value === true || d.value === "true")) return true;
  const test = nodeAt(hc, ["test"]);
  if (isSeqNode(test)) return isScalarNode(test.items[0]) && String(test.items[0].value).toUpperCase() === "NONE";
  return isScalarNode(test) && String(test.value).toUpperCase() === "NONE";
}
