import type { Check } from "../../engine/types.js";
import type { Kernel } from "../../model/vmspec.js";
import { placeOf } from "./place.js";

/** Workloads of two or more tenants on one kernel: one finding per kernel, at the workload that mixes it. */
export const multiTenantProject: Check["project"] = (project, ctx) => {
  for (const k of project.kernels) {
    if (k.boundary === "sandbox" || k.tenants.length < 2) continue;
    // Report in the kernel's own file: at the first workload there that brings a second tenant.
    const first = k.workloads.find((w) => w.tenant !== null)!;
    const here = k.workloads.filter((w) => w.file === k.file && w.tenant !== null);
    const mixer = here.find((w) => w.tenant !== first.tenant) ?? here[0] ?? k.workloads.find((w) => w.tenant !== null && w.tenant !== first.tenant)!;
    const at = k.boundary === "vm" ? { file: k.file, range: k.range } : placeOf(mixer, project);
    ctx.report({
      file: at.file,
      range: at.range,
      message: `${describe(k)} runs workloads of ${k.tenants.length} tenants on one kernel — ${listTenants(k)}. One kernel bug exposes every tenant: ${k.boundary === "vm" ? "split it into one VM per tenant" : "run each tenant in its own VM"}, or run the services under a sandboxed runtime (Kata, gVisor).`,
      fix: k.boundary === "vm" ? "Split the VM: one VM per tenant (or run each tenant's services under a sandboxed runtime such as Kata or gVisor)." : "Run each tenant in its own VM (a VM spec per tenant), or give the services a sandboxed runtime (runtime: kata / runsc).",
    });
  }
};

export function describe(k: Kernel): string {
  if (k.boundary === "vm") return `VM ${k.name}`;
  if (k.boundary === "sandbox") return `Sandbox ${k.name}`;
  return `The Docker host of ${k.file}`;
}

function listTenants(k: Kernel): string {
  return k.tenants.map((t) => `${t} (${k.workloads.filter((w) => w.tenant === t).map((w) => w.name).join(", ")})`).join(", ");
}
