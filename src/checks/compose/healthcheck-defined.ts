import { composeBoolean } from "../../parse/compose/boolean.js";
import type { Check } from "../../engine/types.js";
import { isMapNode, isScalarNode, isSeqNode, nodeAt } from "../../model/ynode.js";
import { effectiveSetting } from "../helpers/service-settings.js";

export const healthcheckCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    // A health check switched off is reported where it is written, override files included.
    if (s.healthcheck && disabled(s.healthcheck)) {
      ctx.report({ range: s.healthcheck.range, message: `Service ${s.name} switches its health check off.`, maxSeverity: "info" });
      continue;
    }
    // What is missing is judged once, in the base file, with compose.override.yaml merged.
    if (s.partial || effectiveSetting(s, "healthcheck")) continue;
    // Satisfied by the Dockerfile the service builds.
    const image = s.build?.dockerfilePath ? ctx.project.images.get(s.build.dockerfilePath) : undefined;
    if (image?.hasHealthcheck) continue;
    ctx.report({ range: s.range, message: `Service ${s.name} defines no healthcheck${image ? ` (nor does ${image.path})` : ""}.` });
  }
};

function disabled(hc: import("../../model/ynode.js").YNode): boolean {
  if (!isMapNode(hc)) return false;
  const d = hc.entries.get("disable");
  if (isScalarNode(d) && composeBoolean(d.value) === true) return true;
  const test = nodeAt(hc, ["test"]);
  if (isSeqNode(test)) return isScalarNode(test.items[0]) && String(test.items[0].value).toUpperCase() === "NONE";
  return isScalarNode(test) && String(test.value).toUpperCase() === "NONE";
}
