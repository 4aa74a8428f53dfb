import { relative } from "node:path";
import { projectGroups } from "./overrides.js";
import { effectiveLabel, effectiveSetting } from "../checks/helpers/service-settings.js";
import type { GlobMatcher } from "../engine/config.js";
import type { Range } from "../model/range.js";
import type { ComposeModel, Service } from "../model/compose.js";
import { sandboxOf } from "../data/runtimes.js";
import type { Kernel, KernelWorkload, Trust, VmSpec, VmSpecModel } from "../model/vmspec.js";


export interface TenantGlobs {
  /** Config `tenants:` — tenant → compiled globs, relative to `baseDir`. */
  tenants: { tenant: string; match: GlobMatcher }[];
  baseDir: string;
  cwd: string;
}

/**
 * Places every workload in exactly one kernel:
 * - a VM: one VM spec document with its image workloads and every service of the Compose
 *   files it names;
 * - a sandbox: a Compose service under Kata or gVisor (its own kernel, wherever it runs);
 * - a bare Docker host: the services of one Compose file that no VM spec names (CONTRACT.md
 *   "one Compose file's services"), with the files it `include:`s. An override file's
 *   partial services are the base file's services, already counted there.
 */
export function buildKernels(compose: readonly ComposeModel[], vms: readonly VmSpecModel[], globs: TenantGlobs): Kernel[] {
  const tenantOfFile = tenantMatcher(globs);
  const kernels: Kernel[] = [];
  const { composeByAbs, mergedInto, includeEntry, projectOf } = projectGroups(compose);
  const inVm = new Set<string>();

  for (const file of vms) {
    for (const vm of file.vms) {
      const workloads: KernelWorkload[] = [];
      const placed = new Set<Service>(); // a VM that names a base and its override runs each service once
      for (const w of vm.workloads) {
        if (w.image || !w.compose) {
          workloads.push({
            name: w.name,
            file: file.path,
            range: w.range,
            tenant: tenantName(w.tenant?.value) ?? tenantOfFile(file.path),
            tenantSource: tenantName(w.tenant?.value) ? "vm-spec" : tenantOfFile(file.path) ? "config" : null,
            trust: w.trust,
            runtime: null,
            publishes: [],
            image: w.image?.value ?? null,
          });
        }
        const c = w.compose && !w.compose.outsideRoot ? composeByAbs.get(w.compose.abs) : undefined;
        if (!c) continue;
        const project = projectOf(c);
        // The overrides the VM's command line merges (`-f compose.yaml -f compose.prod.yaml`)
        // beyond compose.override.yaml: their partial services' labels and runtime count too.
        const merged = new Map<string, Service[]>();
        for (const f of project) for (const p of f.services) if (p.partial) merged.set(p.name, [...(merged.get(p.name) ?? []), p]);
        for (const f of project) {
          inVm.add(f.abs);
          for (const s of f.services) {
            if (s.partial || placed.has(s)) continue;
            placed.add(s);
            const sw = serviceWorkload(s, tenantOfFile, tenantName(w.tenant?.value), w.trust, merged.get(s.name) ?? s.overrides);
            sw.via = { file: file.path, range: w.range };
            if (sandboxOf(sw.runtime) !== null) kernels.push(sandboxKernel(s, sw));
            else workloads.push(sw);
          }
        }
      }
      kernels.push(vmKernel(file, vm, workloads));
    }
  }

  // One Compose file is one Docker host; a file that another includes (`include:`) joins the
  // includer's host, and so does one merged into a base beside it.
  const includedBy = new Map<string, string>();
  for (const c of compose) for (const inc of c.includes) if (!includedBy.has(inc.abs)) includedBy.set(inc.abs, c.abs);
  for (const [base, files] of mergedInto) for (const f of files) if (!includedBy.has(f.abs)) includedBy.set(f.abs, base);
  const hostOf = (abs: string, seen = new Set<string>()): string => {
    const parent = includedBy.get(abs);
    if (parent && !seen.has(parent)) {
      seen.add(abs);
      return hostOf(parent, seen);
    }
    return abs;
  };
  /**
   * The main file's include: entry that leads to `c` (through files that include each other):
   * where a finding about `c` goes when the included files are context only.
   */
  const entryInto = (main: ComposeModel, c: ComposeModel): { file: string; range: Range } | undefined => {
    const seen = new Set<string>();
    let top = c.abs;
    while (includedBy.get(top) !== main.abs) {
      const up = includedBy.get(top);
      if (!up || seen.has(up)) return undefined;
      seen.add(up);
      top = up;
    }
    const entry = includeEntry.get(top);
    return entry?.file === main.path ? entry : undefined;
  };
  const hosts = new Map<string, ComposeModel[]>();
  for (const c of compose) {
    if (inVm.has(c.abs)) continue;
    const key = hostOf(c.abs);
    hosts.set(key, [...(hosts.get(key) ?? []), c]);
  }
  // `include:` loads the files it lists and nothing beside them: an included file's own
  // compose.override.yaml is not part of the includer's project.
  const included = new Set(compose.flatMap((c) => c.includes.map((i) => i.abs)));
  for (const [key, files] of hosts) {
    const main = files.find((f) => f.abs === key) ?? files[0]!;
    const workloads: KernelWorkload[] = [];
    for (const c of [main, ...files.filter((f) => f !== main)]) {
      for (const s of c.services) {
        if (s.partial) continue;
        const sw = serviceWorkload(s, tenantOfFile, null, "trusted", c !== main && included.has(c.abs) ? [] : s.overrides);
        if (c !== main) sw.via = entryInto(main, c) ?? { file: main.path, range: main.services[0]?.range ?? sw.range };
        if (sandboxOf(sw.runtime) !== null) kernels.push(sandboxKernel(s, sw));
        else workloads.push(sw);
      }
    }
    if (workloads.length === 0) continue;
    kernels.push({
      id: `host:${main.path}`,
      boundary: "shared-host-kernel",
      name: `Docker host (${main.path})`,
      file: main.path,
      // A line of the main file (the first workload may come from an override or an include).
      range: (workloads.find((w) => w.file === main.path) ?? workloads.find((w) => w.via?.file === main.path)?.via ?? workloads[0]!).range,
      workloads,
      vm: null,
      publishes: workloads.flatMap((w) => w.publishes),
      tenants: tenantsOf(workloads),
    });
  }
  return kernels.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * A service as its kernel sees it. `layers`: the files merged over it — compose.override.yaml by
 * default, or what a VM's command line merges (`-f compose.yaml -f compose.prod.yaml`).
 */
function serviceWorkload(s: Service, tenantOfFile: (file: string) => string | null, vmTenant: string | null, vmTrust: Trust, layers: readonly Service[] = s.overrides): KernelWorkload {
  const labelValue = tenantName(effectiveLabel(s, "isolint.tenant", layers)?.value);
  // `Untrusted`, ` untrusted `: a label is meant, whatever its case.
  const trustLabel = effectiveLabel(s, "isolint.trust", layers)?.value.trim().toLowerCase();
  const fromConfig = tenantOfFile(s.file);
  const tenant = labelValue || vmTenant || fromConfig;
  if (!labelValue && tenant) s.tenantFromContext = tenant;
  return {
    name: s.name,
    file: s.file,
    range: s.range,
    tenant: tenant || null,
    tenantSource: labelValue ? "label" : vmTenant ? "vm-spec" : fromConfig ? "config" : null,
    trust: trustLabel === "untrusted" ? "untrusted" : trustLabel === "trusted" ? "trusted" : vmTrust,
    runtime: effectiveSetting(s, "runtime", layers)?.value || null,
    publishes: s.ports.filter((p) => p.target.ok).map((p) => p.text),
    image: s.image?.value ?? (s.build ? `build: ${s.build.dockerfilePath ?? s.build.context ?? "inline"}` : null),
  };
}

function sandboxKernel(s: Service, w: KernelWorkload): Kernel {
  return {
    id: `sandbox:${s.file}#${s.name}`,
    boundary: "sandbox",
    name: `${s.name} (${w.runtime})`,
    file: s.file,
    // A runtime set in compose.override.yaml: point at the service in this file.
    range: s.runtime?.value ? s.runtime.range : s.range,
    workloads: [w],
    vm: null,
    publishes: w.publishes,
    tenants: tenantsOf([w]),
  };
}

function vmKernel(file: VmSpecModel, vm: VmSpec, workloads: KernelWorkload[]): Kernel {
  return {
    id: `vm:${file.path}#${vm.name}`,
    boundary: "vm",
    name: vm.name,
    file: file.path,
    range: vm.range,
    workloads,
    vm,
    publishes: vm.ports.map((p) => `${p.hostIp}:${p.text}`),
    tenants: tenantsOf(workloads),
  };
}

/** A tenant as written, without the spaces around it (` blue` is blue); empty is none. */
function tenantName(value: string | undefined | null): string | null {
  const t = value?.trim();
  return t ? t : null;
}

function tenantsOf(ws: readonly KernelWorkload[]): string[] {
  return [...new Set(ws.map((w) => w.tenant).filter((t): t is string => t !== null))].sort();
}

function tenantMatcher(g: TenantGlobs): (file: string) => string | null {
  const matchers = g.tenants;
  if (matchers.length === 0) return () => null;
  return (file) => {
    const rel = relative(g.baseDir, `${g.cwd}/${file}`).split("\\").join("/");
    return matchers.find((m) => m.match(rel))?.tenant ?? null;
  };
}
