import type { Kernel, KernelWorkload } from "../model/vmspec.js";
import { formatBytes } from "../parse/size.js";
import { paint } from "../report/color.js";

/** The isolation map (`isolint map`): each kernel, what runs in it, and what it publishes. */
export interface MapKernelJson {
  id: string;
  boundary: Kernel["boundary"];
  name: string;
  file: string;
  line: number;
  tenants: string[];
  mixedTenants: boolean;
  hasUntrusted: boolean;
  vm: { hypervisor: string | null; cpus: number | null; memoryBytes: number | null; os: string | null } | null;
  publishes: string[];
  workloads: { name: string; file: string; line: number; tenant: string | null; tenantSource: KernelWorkload["tenantSource"]; trust: KernelWorkload["trust"]; runtime: string | null; image: string | null; publishes: string[] }[];
}

export function mapJson(kernels: readonly Kernel[]): { kernels: MapKernelJson[]; summary: { kernels: number; workloads: number; mixedTenantKernels: number; untrustedShared: number } } {
  const out = kernels.map((k) => ({
    id: k.id,
    boundary: k.boundary,
    name: k.name,
    file: k.file,
    line: k.range.line,
    tenants: k.tenants,
    mixedTenants: k.boundary !== "sandbox" && k.tenants.length > 1,
    hasUntrusted: k.workloads.some((w) => w.trust === "untrusted"),
    vm: k.vm ? { hypervisor: k.vm.hypervisor, cpus: k.vm.cpus, memoryBytes: k.vm.memoryBytes, os: k.vm.os } : null,
    publishes: k.publishes,
    workloads: k.workloads.map((w) => ({
      name: w.name,
      file: w.file,
      line: w.range.line,
      tenant: w.tenant,
      tenantSource: w.tenantSource,
      trust: w.trust,
      runtime: w.runtime,
      image: w.image,
      publishes: w.publishes,
    })),
  }));
  return {
    kernels: out,
    summary: {
      kernels: out.length,
      workloads: out.reduce((n, k) => n + k.workloads.length, 0),
      mixedTenantKernels: out.filter((k) => k.mixedTenants).length,
      untrustedShared: out.filter((k) => k.hasUntrusted && k.boundary !== "sandbox" && k.workloads.length > 1).length,
    },
  };
}

const BOUNDARY_WORDS: Record<Kernel["boundary"], string> = { "shared-host-kernel": "shared host kernel", vm: "VM", sandbox: "sandboxed runtime" };

export function mapText(kernels: readonly Kernel[], color: boolean): string {
  const p = paint(color);
  const j = mapJson(kernels);
  const lines: string[] = [];
  lines.push(p.bold(`Isolation map: ${j.summary.kernels} kernel${j.summary.kernels === 1 ? "" : "s"}, ${j.summary.workloads} workload${j.summary.workloads === 1 ? "" : "s"}`));
  const alarms = [
    j.summary.mixedTenantKernels ? `${j.summary.mixedTenantKernels} mixed-tenant kernel${j.summary.mixedTenantKernels === 1 ? "" : "s"}` : "",
    j.summary.untrustedShared ? `${j.summary.untrustedShared} kernel${j.summary.untrustedShared === 1 ? "" : "s"} where untrusted code shares the kernel` : "",
  ].filter(Boolean);
  if (alarms.length) lines.push(p.red(`⚠ ${alarms.join(", ")}`));
  lines.push("");
  for (const k of j.kernels) {
    const marks = [k.mixedTenants ? p.red("⚠ MIXED TENANTS") : "", k.hasUntrusted && k.workloads.length > 1 && k.boundary !== "sandbox" ? p.red("⚠ UNTRUSTED SHARES KERNEL") : ""].filter(Boolean).join(" ");
    const vm = k.vm ? ` ${[k.vm.hypervisor, k.vm.cpus ? `${k.vm.cpus} vCPU` : null, k.vm.memoryBytes ? formatBytes(k.vm.memoryBytes) : null, k.vm.os].filter(Boolean).join(", ")}` : "";
    const title = k.boundary === "vm" ? `VM ${k.name}` : k.boundary === "sandbox" ? `Sandbox ${k.name}` : k.name;
    lines.push(`${p.bold(title)}${vm ? p.dim(` (${vm.trim()})`) : ""} — ${BOUNDARY_WORDS[k.boundary]} — ${p.dim(`${k.file}:${k.line}`)}${marks ? `  ${marks}` : ""}`);
    lines.push(`  tenants: ${k.tenants.length ? k.tenants.join(", ") : p.dim("none labelled")}`);
    const nameW = Math.max(...k.workloads.map((w) => w.name.length), 4);
    k.workloads.forEach((w, i) => {
      const branch = i === k.workloads.length - 1 ? "└─" : "├─";
      const trust = w.trust === "untrusted" ? p.red("untrusted") : "trusted  ";
      const tenant = (w.tenant ?? "-").padEnd(10);
      const extra = [w.image, w.runtime ? `runtime ${w.runtime}` : null, w.publishes.length ? `publishes ${w.publishes.join(" ")}` : null].filter(Boolean).join("  ");
      lines.push(`  ${branch} ${w.name.padEnd(nameW)}  tenant ${tenant} ${trust}  ${p.dim(extra)}`);
    });
    if (k.boundary === "vm" && k.publishes.length) lines.push(`  publishes: ${k.publishes.join(", ")}`);
    lines.push("");
  }
  if (j.kernels.length === 0) lines.push(p.dim("No Compose services or VM specs found."));
  return lines.join("\n").replace(/\n+$/, "") + "\n";
}

/** A Mermaid flowchart: one subgraph per kernel, one node per workload; mixed and untrusted stand out. */
export function mapMermaid(kernels: readonly Kernel[]): string {
  const j = mapJson(kernels);
  const lines = ["flowchart LR"];
  // Mermaid labels are one line each: a newline (a quoted service name can hold one) would end the node.
  const esc = (s: string) => s.replace(/\s+/g, " ").replace(/"/g, "#quot;").replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));
  j.kernels.forEach((k, i) => {
    const kid = `k${i}`;
    const label = `${k.boundary === "vm" ? "VM" : k.boundary === "sandbox" ? "Sandbox" : "Docker host"}: ${k.boundary === "shared-host-kernel" ? k.file : k.name}${k.mixedTenants ? " ⚠ mixed tenants" : ""}`;
    lines.push(`  subgraph ${kid}["${esc(label)}"]`);
    k.workloads.forEach((w, n) => {
      const id = `${kid}w${n}`;
      const text = `${w.name}${w.tenant ? `<br/>tenant: ${w.tenant}` : ""}${w.trust === "untrusted" ? "<br/>untrusted" : ""}`;
      lines.push(`    ${id}["${esc(text).replace(/#lt;br\/#gt;/g, "<br/>")}"]`);
      if (w.trust === "untrusted") lines.push(`    class ${id} untrusted`);
    });
    lines.push("  end");
    lines.push(`  class ${kid} ${k.mixedTenants ? "mixed" : k.boundary === "vm" ? "vm" : k.boundary === "sandbox" ? "sandbox" : "host"}`);
  });
  lines.push(
    "  classDef mixed fill:#fde2e1,stroke:#d1242f,stroke-width:2px",
    "  classDef untrusted fill:#fff1c2,stroke:#bf8700,stroke-width:2px",
    "  classDef vm fill:#ddf4ff,stroke:#0969da",
    "  classDef sandbox fill:#dafbe1,stroke:#1a7f37",
    "  classDef host fill:#f6f8fa,stroke:#57606a",
  );
  return lines.join("\n") + "\n";
}
