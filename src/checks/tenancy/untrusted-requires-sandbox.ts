import type { Check } from "../../engine/types.js";
import { describe } from "./multi-tenant-requires-vm.js";
import { placeOf } from "./place.js";

/** An untrusted workload that shares its kernel with anything else. */
export const untrustedProject: Check["project"] = (project, ctx) => {
  for (const k of project.kernels) {
    if (k.boundary === "sandbox" || k.workloads.length < 2) continue;
    for (const w of k.workloads) {
      if (w.trust !== "untrusted") continue;
      const others = k.workloads.filter((o) => o !== w).map((o) => o.name);
      // A Compose file read only because a linted VM spec names it: report at that reference.
      const at = placeOf(w, project);
      ctx.report({
        file: at.file,
        range: at.range,
        message: `Untrusted workload ${w.name}${at.file === w.file ? "" : ` (${w.file})`} shares a kernel (${describe(k).replace(/^The /, "the ")}) with ${others.join(", ")}: a kernel exploit in it reaches them all.`,
        fix: "Give it a kernel of its own: a VM with nothing else in it, or a sandboxed runtime (runtime: runsc for gVisor, kata for Kata Containers).",
      });
    }
  }
};
