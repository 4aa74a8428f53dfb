/** Wording shared by the table and Markdown reports. */
import type { Assumption } from "./assumptions.js";
import type { CapacityModel, Scenario } from "./model.js";
import type { Spread } from "./spread.js";
import { formatBytes, formatBytesAsWritten, formatCpus, formatSeconds } from "./units.js";
import type { Workload } from "./workloads.js";

/** `200 MB (50–600 MB)`: typical, then low–high; one unit when both ends share it. */
export function rangeText(s: Spread, f: (n: number) => string): string {
  const t = f(s.typical);
  let lo = f(s.low);
  const hi = f(s.high);
  if (lo === hi) return t;
  const unit = / [^\d\s.]+$/.exec(hi)?.[0];
  if (unit && lo.endsWith(unit)) lo = lo.slice(0, -unit.length);
  return `${t} (${lo}–${hi})`;
}

export const bytesRange = (s: Spread) => rangeText(s, formatBytes);

export function startupText(s: Spread): string {
  return `${formatSeconds(s.low)} / ${formatSeconds(s.typical)} / ${formatSeconds(s.high)}`;
}

export function fitText(s: Scenario): string {
  if (s.fitOnHost === null) return s.hostsNeeded !== null ? "unbounded" : "—";
  const by = s.fitLimitedBy ? ` (${s.fitLimitedBy})` : "";
  const hosts = s.fitOnHost === 0 && s.hostsNeeded !== null ? `; needs ${s.hostsNeeded} host${s.hostsNeeded === 1 ? "" : "s"}` : s.fitOnHost === 0 && s.hostsNeeded === null && s.fitLimitedBy !== "disk" ? "; an instance is larger than the host" : "";
  return `${s.fitOnHost}${by}${hosts}`;
}

export function memoryText(w: Workload): string {
  const what = w.memorySource === "default" ? `default${w.workingSetKey ? ` (${w.workingSetKey.replace(/^workingSets\./, "")})` : ""}` : w.memorySource;
  return `${rangeText(w.memory, formatBytesAsWritten)} ${what}`;
}

export function cpusText(w: Workload): string {
  return `${formatCpus(w.cpus)}${w.cpusSource === "default" ? " default" : ` ${w.cpusSource}`}`;
}

/** The image, and for a build the base it starts from. */
export function imageText(w: Workload): string {
  if (!w.build && w.origin !== "dockerfile") return w.image.label;
  const base = w.baseImage ?? "unknown base";
  return w.image.label !== w.baseImage && w.baseImage ? `${w.image.label}, built FROM ${base}` : `built FROM ${base}`;
}

export function imageSizeText(w: Workload): string {
  return `${bytesRange(w.image.total)}${w.image.known ? "" : " ?"}`;
}

export function summaryLine(m: CapacityModel): string {
  const compose = m.workloads.filter((w) => w.origin === "compose").length;
  const files = new Set(m.workloads.filter((w) => w.origin === "compose").map((w) => w.file)).size;
  const dockerfiles = m.workloads.filter((w) => w.origin === "dockerfile").length;
  const vmImages = m.workloads.filter((w) => w.origin === "vm").length;
  const parts = [`${compose} Compose service${compose === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}`];
  if (dockerfiles) parts.push(`${dockerfiles} Dockerfile${dockerfiles === 1 ? "" : "s"} on ${dockerfiles === 1 ? "its" : "their"} own`);
  if (m.vms.length) parts.push(`${m.vms.length} declared VM${m.vms.length === 1 ? "" : "s"}${vmImages ? ` (${vmImages} image workload${vmImages === 1 ? "" : "s"})` : ""}`);
  const replicas = m.workloads.reduce((a, w) => a + w.replicas, 0);
  return `${m.workloads.length} workload${m.workloads.length === 1 ? "" : "s"} (${parts.join(", ")}); ${replicas} instance${replicas === 1 ? "" : "s"} with replicas`;
}

export function hostLine(m: CapacityModel): string | null {
  const h = m.host;
  if (!h) return null;
  const given = [h.memoryBytes !== null ? `${formatBytesAsWritten(h.memoryBytes)} memory` : null, h.cpus !== null ? `${formatCpus(h.cpus)} CPUs` : null, h.diskBytes !== null ? `${formatBytesAsWritten(h.diskBytes)} disk` : null].filter(Boolean);
  const kept = [h.memoryBytes !== null ? formatBytes(h.reservedMemoryBytes) : null, h.cpus !== null ? `${formatCpus(h.reservedCpus)} CPU` : null].filter(Boolean);
  return `Host: ${given.join(", ")}${kept.length ? `; kept for the host: ${kept.join(", ")}` : ""}`;
}

export function assumptionValue(a: Assumption): string {
  const f = a.unit === "bytes" ? formatBytesAsWritten : a.unit === "seconds" ? formatSeconds : a.unit === "fraction" ? (n: number) => `${Math.round(n * 100)} %` : formatCpus;
  if (a.value === null) return "computed";
  if (a.low === undefined || a.high === undefined) return f(a.value);
  return rangeText({ low: a.low, typical: a.value, high: a.high }, f);
}

export const UNCERTAINTY =
  "Ranges are low / typical / high. Image sizes vary ±25 % across tags and dates (a pull downloads about on-disk / 2.5, compressed); guest memory varies 3–5× with the distro and the RAM configured. Start-up is the longest depends_on chain of start times (VMs boot at once, then their services start along it), without image pull and the app's own start. Fit counts copies of the whole stack on one host with typical memory: first-fit-decreasing on CPU and memory, and the disk (images are stored once per host, a VM's disk once per copy).";
