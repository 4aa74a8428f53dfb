import type { ProjectModel } from "../model/project.js";
import type { Constants } from "./constants.js";
import { copiesThatFit, gkeReservation, hostsNeeded, type Capacity, type Item } from "./fit.js";
import { sharedDisk } from "./images.js";
import { add, exact, max, times, ZERO, type Spread } from "./spread.js";
import { inventory, type DeclaredVm, type Workload } from "./workloads.js";

export type ScenarioId = "containers" | "vm-per-service" | "microvm-per-service" | "declared-vms";

export const SCENARIO_TITLES: Record<ScenarioId, string> = {
  containers: "containers (one Docker host)",
  "vm-per-service": "one VM per service",
  "microvm-per-service": "one microVM per service",
  "declared-vms": "VM specs as declared",
};

/** One thing started in a scenario: a container or a VM, for one replica. */
export interface Instance {
  label: string;
  cpus: number;
  memory: Spread;
}

export interface Scenario {
  id: ScenarioId;
  diskBytes: Spread;
  memoryBytes: Spread;
  cpus: number;
  startupSeconds: Spread;
  /** Containers and VMs started (replicas counted). */
  instances: Instance[];
  /** Disk one host holds once however many copies run (images shared between copies). */
  sharedDiskBytes: Spread;
  /** Disk each further copy of the stack adds (a VM's own disk). */
  perCopyDiskBytes: Spread;
  fitOnHost: number | null;
  fitLimitedBy: "cpu" | "memory" | "disk" | null;
  /** Hosts of the given size FFD needs for one copy of the stack (null: no host, or an instance larger than a host). */
  hostsNeeded: number | null;
}

export interface HostInput {
  memoryBytes: number | null;
  cpus: number | null;
  diskBytes: number | null;
}

export interface HostInfo extends HostInput {
  reservedMemoryBytes: number;
  reservedCpus: number;
}

export interface UnknownImage {
  image: string;
  usedBy: string[];
  assumedBytes: Spread;
}

export interface CapacityModel {
  workloads: Workload[];
  vms: DeclaredVm[];
  scenarios: Scenario[];
  host: HostInfo | null;
  unknownImages: UnknownImage[];
  constants: Constants;
}

/** The footprint of a project's workloads under each scenario, and how many copies fit on the host. */
export function capacityModel(project: ProjectModel, c: Constants, hostInput: HostInput | null = null): CapacityModel {
  const inv = inventory(project, c);
  const host = hostInfo(hostInput, c);
  const scenarios: Scenario[] = [containers(inv.workloads, c), vmPerService(inv.workloads, c), microvmPerService(inv.workloads, c)];
  if (inv.vms.length > 0) scenarios.push(declaredVms(inv.vms, inv.onHost, c));
  for (const s of scenarios) fit(s, host);
  return { workloads: inv.workloads, vms: inv.vms, scenarios, host, unknownImages: unknownImages(inv.workloads), constants: c };
}

function running(ws: readonly Workload[]): Workload[] {
  return ws.filter((w) => w.replicas > 0);
}

function expand(ws: readonly Workload[], each: (w: Workload) => Instance): Instance[] {
  const out: Instance[] = [];
  for (const w of running(ws)) {
    const one = each(w);
    for (let r = 0; r < w.replicas; r++) out.push(w.replicas > 1 ? { ...one, label: `${one.label}#${r + 1}` } : one);
  }
  return out;
}

function sum(instances: readonly Instance[]): { memory: Spread; cpus: number } {
  // A fold, not add(...spread): 150 000 replicas are more arguments than a call takes.
  return { memory: instances.reduce((acc, i) => add(acc, i.memory), ZERO), cpus: round(instances.reduce((a, i) => a + i.cpus, 0)) };
}

/** Sorted so that low ≤ typical ≤ high whatever the constants were set to. */
function ordered(a: number, b: number, c: number): Spread {
  const [low, typical, high] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
  return { low, typical, high };
}

/**
 * Time until the whole stack is up when everything starts at once: services wait for their
 * `depends_on`, so it is the longest chain of start times, not their sum.
 */
export function stackStart(ws: readonly Workload[], startOf: (w: Workload) => Spread): Spread {
  const list = running(ws);
  const byId = new Map(list.map((w) => [`${w.file}#${w.name}`, w]));
  const memo = new Map<Workload, Spread>();
  const finish = (w: Workload, path: Set<Workload>): Spread => {
    const known = memo.get(w);
    if (known) return known;
    path.add(w);
    let ready = ZERO;
    for (const d of w.dependsOn) {
      const dep = byId.get(`${w.file}#${d}`);
      if (dep && !path.has(dep)) ready = max(ready, finish(dep, path));
    }
    path.delete(w);
    const done = add(ready, startOf(w));
    memo.set(w, done);
    return done;
  };
  return list.reduce((acc, w) => max(acc, finish(w, new Set())), ZERO);
}

// ---------- containers ----------

function sandboxMemory(w: Workload, c: Constants): Spread {
  switch (w.sandbox) {
    case "gvisor":
      return exact(c.gvisorOverheadBytes);
    case "kata-fc":
      return exact(c.kataFcOverheadBytes);
    case "kata-qemu":
      return exact(c.kataQemuOverheadBytes);
    case "kata":
      return ordered(c.kataFcOverheadBytes, c.kataQemuOverheadBytes, c.kataQemuOverheadBytes);
    default:
      return ZERO;
  }
}

const isKata = (w: Workload) => w.sandbox !== null && w.sandbox !== "gvisor";

function containerInstance(w: Workload, c: Constants): Instance {
  return {
    label: w.name,
    memory: add(w.memory, exact(c.runtimeOverheadBytes), sandboxMemory(w, c)),
    cpus: w.cpus + (isKata(w) ? c.kataCpuOverhead : 0),
  };
}

function containerStart(w: Workload, c: Constants): Spread {
  return isKata(w) ? c.kataStartSeconds : c.containerStartSeconds;
}

function containers(ws: readonly Workload[], c: Constants): Scenario {
  const instances = expand(ws, (w) => containerInstance(w, c));
  const disk = sharedDisk(running(ws).map((w) => w.image));
  const { memory, cpus } = sum(instances);
  return scenario("containers", { disk, memory, cpus, instances, shared: disk, perCopy: ZERO, start: stackStart(ws, (w) => containerStart(w, c)) });
}

// ---------- one VM per service ----------

function vmCpus(cpus: number, c: Constants): number {
  return Math.max(c.vmMinCpus, Math.ceil(cpus - 1e-9));
}

function vmPerService(ws: readonly Workload[], c: Constants): Scenario {
  const instances = expand(ws, (w) => ({ label: w.name, memory: max(c.vmMemoryBytes, add(w.memory, c.guestIdleBytes)), cpus: vmCpus(w.cpus, c) }));
  const disk = add(...running(ws).map((w) => times(add(c.guestOsBytes, w.image.total), w.replicas)));
  const { memory, cpus } = sum(instances);
  // The VMs boot at once; then each service starts once those it depends_on have (in its VM:
  // a container start). Chaining the boots would make three services minutes, not one boot.
  const start = add(c.vmBootSeconds, stackStart(ws, (w) => containerStart(w, c)));
  return scenario("vm-per-service", { disk, memory, cpus, instances, shared: ZERO, perCopy: disk, start: running(ws).length ? start : ZERO });
}

// ---------- one microVM per service ----------

/** Per microVM: a bare Firecracker VM with a minimal guest (low), Kata's pod overhead with Firecracker/CLH (typical) or QEMU (high). */
export function microvmOverhead(c: Constants): Spread {
  return ordered(c.guestIdleAlpineBytes.low + c.firecrackerVmmBytes, c.kataFcOverheadBytes, c.kataQemuOverheadBytes);
}

export function microvmStart(c: Constants): Spread {
  return ordered(c.firecrackerBootSeconds.low, c.kataStartSeconds.typical, c.kataStartSeconds.high);
}

function microvmPerService(ws: readonly Workload[], c: Constants): Scenario {
  const overhead = microvmOverhead(c);
  const instances = expand(ws, (w) => ({ label: w.name, memory: add(w.memory, exact(c.runtimeOverheadBytes), overhead), cpus: w.cpus + c.kataCpuOverhead }));
  // Images stay on the host's snapshotter, shared as with containers; one guest image for all.
  const list = running(ws);
  const disk = list.length ? add(sharedDisk(list.map((w) => w.image)), c.microvmGuestImageBytes) : ZERO;
  const { memory, cpus } = sum(instances);
  const start = microvmStart(c);
  return scenario("microvm-per-service", { disk, memory, cpus, instances, shared: disk, perCopy: ZERO, start: stackStart(ws, () => start) });
}

// ---------- VM specs as declared ----------

function guestFor(os: string | null, c: Constants): { disk: Spread; idle: Spread } {
  const o = (os ?? "").toLowerCase();
  if (o.includes("alpine")) return { disk: c.guestOsAlpineBytes, idle: c.guestIdleAlpineBytes };
  if (o.includes("minimal")) return { disk: c.guestOsMinimalBytes, idle: c.guestIdleBytes };
  return { disk: c.guestOsBytes, idle: c.guestIdleBytes };
}

export interface DeclaredVmFootprint {
  disk: Spread;
  memory: Spread;
  cpus: number;
  start: Spread;
}

/** One declared VM: its guest plus what runs inside, never less than it was given. */
export function declaredVmFootprint(vm: DeclaredVm, c: Constants): DeclaredVmFootprint {
  const spec = vm.spec;
  const guest = guestFor(spec.os, c);
  const inside = running(vm.workloads);
  const used = add(guest.disk, sharedDisk(inside.map((w) => w.image)));
  // A disk image may be thin (low) or fully allocated (typical, high).
  const disk = spec.diskBytes ? { low: used.low, typical: Math.max(spec.diskBytes, used.typical), high: Math.max(spec.diskBytes, used.high) } : used;
  const app = add(...inside.map((w) => times(add(w.memory, exact(c.runtimeOverheadBytes)), w.replicas)));
  const need = add(app, guest.idle);
  const firecracker = (spec.hypervisor ?? "").toLowerCase() === "firecracker";
  let memory = spec.memoryBytes ? max(exact(spec.memoryBytes), need) : need;
  if (firecracker) memory = add(memory, exact(c.firecrackerVmmBytes));
  const cpus = spec.cpus ?? vmCpus(inside.reduce((a, w) => a + w.cpus * w.replicas, 0), c);
  const boot = firecracker ? c.firecrackerBootSeconds : c.vmBootSeconds;
  const start = add(boot, stackStart(inside, (w) => containerStart(w, c)));
  return { disk, memory, cpus, start };
}

function declaredVms(vms: readonly DeclaredVm[], onHost: readonly Workload[], c: Constants): Scenario {
  const feet = vms.map((vm) => ({ vm, f: declaredVmFootprint(vm, c) }));
  const hostInstances = expand(onHost, (w) => containerInstance(w, c));
  const instances: Instance[] = [...feet.map(({ vm, f }) => ({ label: vm.name, memory: f.memory, cpus: f.cpus })), ...hostInstances];
  const vmDisk = add(...feet.map(({ f }) => f.disk));
  const hostDisk = sharedDisk(running(onHost).map((w) => w.image));
  const { memory, cpus } = sum(instances);
  const start = feet.reduce((acc, { f }) => max(acc, f.start), stackStart(onHost, (w) => containerStart(w, c)));
  return scenario("declared-vms", { disk: add(vmDisk, hostDisk), memory, cpus, instances, shared: hostDisk, perCopy: vmDisk, start });
}

// ---------- fit ----------

function scenario(
  id: ScenarioId,
  p: { disk: Spread; memory: Spread; cpus: number; instances: Instance[]; shared: Spread; perCopy: Spread; start: Spread },
): Scenario {
  return {
    id,
    diskBytes: p.disk,
    memoryBytes: p.memory,
    cpus: p.cpus,
    startupSeconds: p.start,
    instances: p.instances,
    sharedDiskBytes: p.shared,
    perCopyDiskBytes: p.perCopy,
    fitOnHost: null,
    fitLimitedBy: null,
    hostsNeeded: null,
  };
}

function hostInfo(h: HostInput | null, c: Constants): HostInfo | null {
  if (!h || (h.memoryBytes === null && h.cpus === null && h.diskBytes === null)) return null;
  const gke = gkeReservation(h.memoryBytes ?? 0, h.cpus ?? 0);
  return {
    ...h,
    reservedMemoryBytes: h.memoryBytes === null ? 0 : (c.hostReservedMemoryBytes ?? gke.memoryBytes),
    reservedCpus: h.cpus === null ? 0 : (c.hostReservedCpus ?? round(gke.cpus)),
  };
}

/** Room for workloads on the host: what was given less what the host keeps. */
export function hostCapacity(host: HostInfo): Capacity {
  return {
    cpus: host.cpus === null ? Infinity : Math.max(0, host.cpus - host.reservedCpus),
    memoryBytes: host.memoryBytes === null ? Infinity : Math.max(0, host.memoryBytes - host.reservedMemoryBytes),
  };
}

/**
 * Copies of the whole stack on one host: FFD on CPU and memory (typical memory), and the disk:
 * images are stored once however many copies run, a VM's disk is per copy.
 */
function fit(s: Scenario, host: HostInfo | null): void {
  if (!host || s.instances.length === 0) return;
  const cap = hostCapacity(host);
  const items: Item[] = s.instances.map((i) => ({ cpus: i.cpus, memoryBytes: i.memory.typical }));
  const byCpuMemory = copiesThatFit(items, cap);
  let byDisk = Infinity;
  if (host.diskBytes !== null) {
    const shared = s.sharedDiskBytes.typical;
    const each = s.perCopyDiskBytes.typical;
    byDisk = shared > host.diskBytes ? 0 : each > 0 ? Math.floor((host.diskBytes - shared) / each) : Infinity;
  }
  const copies = Math.min(byCpuMemory, byDisk);
  s.hostsNeeded = hostsNeeded(items, cap);
  // Disk is packed by its total (images are shared per host, so no per-instance split): at
  // least as many hosts as the stack's disk fills.
  if (s.hostsNeeded !== null && host.diskBytes !== null && host.diskBytes > 0) {
    const disk = s.sharedDiskBytes.typical + s.perCopyDiskBytes.typical;
    s.hostsNeeded = Math.max(s.hostsNeeded, Math.ceil(disk / host.diskBytes));
  }
  if (!Number.isFinite(copies)) return;
  s.fitOnHost = copies;
  if (byDisk < byCpuMemory) s.fitLimitedBy = "disk";
  else {
    // The dimension that runs out first with one more copy (or that one instance overflows).
    const k = copies + 1;
    const total = items.reduce((a, i) => ({ cpus: a.cpus + i.cpus, memoryBytes: a.memoryBytes + i.memoryBytes }), { cpus: 0, memoryBytes: 0 });
    const biggest = items.reduce((a, i) => ({ cpus: Math.max(a.cpus, i.cpus), memoryBytes: Math.max(a.memoryBytes, i.memoryBytes) }), { cpus: 0, memoryBytes: 0 });
    const need = copies === 0 ? { cpus: Math.max(biggest.cpus, total.cpus), memoryBytes: Math.max(biggest.memoryBytes, total.memoryBytes) } : { cpus: total.cpus * k, memoryBytes: total.memoryBytes * k };
    const cpuRatio = Number.isFinite(cap.cpus) ? need.cpus / Math.max(cap.cpus, 1e-9) : 0;
    const memRatio = Number.isFinite(cap.memoryBytes) ? need.memoryBytes / Math.max(cap.memoryBytes, 1) : 0;
    s.fitLimitedBy = cpuRatio >= memRatio ? "cpu" : "memory";
  }
}

function unknownImages(ws: readonly Workload[]): UnknownImage[] {
  const by = new Map<string, UnknownImage>();
  for (const w of ws) {
    if (!w.image.unknown) continue;
    const key = w.image.unknown;
    const entry = by.get(key) ?? { image: key, usedBy: [], assumedBytes: w.image.groups.find((g) => !g.key.startsWith("build:"))?.bytes ?? w.image.total };
    entry.usedBy.push(w.origin === "dockerfile" ? w.file : `${w.name} (${w.file})`);
    by.set(key, entry);
  }
  return [...by.values()].sort((a, b) => (a.image < b.image ? -1 : a.image > b.image ? 1 : 0));
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
