import { assumptionsOf, type Assumption } from "./assumptions.js";
import { CONSTANTS_DATE } from "./constants.js";
import { SCENARIO_TITLES, type CapacityModel, type ScenarioId } from "./model.js";
import type { Spread } from "./spread.js";

/**
 * `isolint capacity --format json`: the shape fixed in CAPACITY.md (services, scenarios,
 * assumptions) — fields may be added, never renamed. Bytes are SI integers.
 */
export interface CapacityJson {
  services: ServiceJson[];
  scenarios: ScenarioJson[];
  assumptions: Assumption[];
  constantsDate: string;
  host: HostJson | null;
  unknownImages: { image: string; usedBy: string[]; assumedBytes: Spread }[];
}

export interface ServiceJson {
  name: string;
  file: string;
  image: string;
  imageBytes: number;
  imageSizeKnown: boolean;
  /** Per replica (typical when it is a default working set). */
  memoryBytes: number;
  /** Per replica. */
  cpus: number;
  replicas: number;
  memorySource: "limit" | "reservation" | "default";
  cpusSource: "limit" | "reservation" | "default";
  imageBytesRange: Spread;
  memoryBytesRange: Spread;
  build: string | null;
  baseImage: string | null;
  runtime: string | null;
  /** The declared VM that runs it, or null. */
  vm: string | null;
}

export interface ScenarioJson {
  id: ScenarioId;
  diskBytes: Spread;
  memoryBytes: Spread;
  cpus: number;
  startupSeconds: Spread;
  fitOnHost: number | null;
  title: string;
  instances: number;
  fitLimitedBy: "cpu" | "memory" | "disk" | null;
  hostsNeeded: number | null;
}

export interface HostJson {
  memoryBytes: number | null;
  cpus: number | null;
  diskBytes: number | null;
  reservedMemoryBytes: number;
  reservedCpus: number;
}

const bytes = (s: Spread): Spread => ({ low: Math.round(s.low), typical: Math.round(s.typical), high: Math.round(s.high) });
const seconds = (s: Spread): Spread => ({ low: r3(s.low), typical: r3(s.typical), high: r3(s.high) });
function r3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function capacityJson(m: CapacityModel): CapacityJson {
  const vmOf = new Map<string, string>();
  for (const vm of m.vms) for (const w of vm.workloads) vmOf.set(w.id, vm.name);
  return {
    services: m.workloads.map((w) => ({
      name: w.name,
      file: w.file,
      image: w.image.label,
      imageBytes: Math.round(w.image.total.typical),
      imageSizeKnown: w.image.known,
      memoryBytes: Math.round(w.memory.typical),
      cpus: r3(w.cpus),
      replicas: w.replicas,
      memorySource: w.memorySource,
      cpusSource: w.cpusSource,
      imageBytesRange: bytes(w.image.total),
      memoryBytesRange: bytes(w.memory),
      build: w.build,
      baseImage: w.baseImage,
      runtime: w.runtime,
      vm: vmOf.get(w.id) ?? null,
    })),
    scenarios: m.scenarios.map((s) => ({
      id: s.id,
      diskBytes: bytes(s.diskBytes),
      memoryBytes: bytes(s.memoryBytes),
      cpus: r3(s.cpus),
      startupSeconds: seconds(s.startupSeconds),
      fitOnHost: s.fitOnHost,
      title: SCENARIO_TITLES[s.id],
      instances: s.instances.length,
      fitLimitedBy: s.fitLimitedBy,
      hostsNeeded: s.hostsNeeded,
    })),
    assumptions: assumptionsOf(m).map((a) => (a.unit === "bytes" && a.value !== null ? { ...a, value: Math.round(a.value), ...(a.low !== undefined ? { low: Math.round(a.low), high: Math.round(a.high!) } : {}) } : a)),
    constantsDate: CONSTANTS_DATE,
    host: m.host ? { memoryBytes: m.host.memoryBytes, cpus: m.host.cpus, diskBytes: m.host.diskBytes, reservedMemoryBytes: Math.round(m.host.reservedMemoryBytes), reservedCpus: r3(m.host.reservedCpus) } : null,
    unknownImages: m.unknownImages.map((u) => ({ image: u.image, usedBy: u.usedBy, assumedBytes: bytes(u.assumedBytes) })),
  };
}

export function renderJson(m: CapacityModel): string {
  return `${JSON.stringify(capacityJson(m), null, 2)}\n`;
}
