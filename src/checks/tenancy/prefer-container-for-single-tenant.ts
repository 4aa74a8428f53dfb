import type { Check } from "../../engine/types.js";
import { vmOverheadSentence } from "../../capacity/vm-overhead.js";

/** A VM with exactly one trusted workload of one tenant pays a guest OS for isolation a container gives. */
export const preferContainerProject: Check["project"] = (project, ctx) => {
  for (const k of project.kernels) {
    // Several workloads in the spec (one may be sandboxed into a kernel of its own, or name a
    // Compose file that can't be read): not a VM for one workload.
    if (k.boundary !== "vm" || k.workloads.length !== 1 || (k.vm !== null && k.vm.workloads.length !== 1)) continue;
    const w = k.workloads[0]!;
    if (w.trust !== "trusted") continue;
    ctx.report({
      file: k.file,
      range: k.range,
      message: `VM ${k.name} runs one trusted workload (${w.name}${w.tenant ? `, tenant ${w.tenant}` : ""}): ${vmOverheadSentence(k.vm)}.`,
    });
  }
};
