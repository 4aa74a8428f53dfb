import type { VmSpec } from "../model/vmspec.js";
import { formatBytes } from "../parse/size.js";

/**
 * What a VM costs over a container, from the capacity model (docs/capacity.md, CAPACITY.md):
 * a general-purpose guest OS image ≈ 0.7 GB (minimal ≈ 0.23 GB), 160–300 MB of guest memory
 * at idle, 15–65 s to boot; a container adds ≈ 4 MB and starts in 0.5–1.2 s end to end.
 */
export const VM_OVERHEAD = {
  guestOsBytes: { low: 230_000_000, typical: 700_000_000 },
  guestIdleMemoryBytes: { low: 160_000_000, high: 300_000_000 },
  vmBootSeconds: { low: 15, high: 65 },
  containerRuntimeMemoryBytes: 4_100_000,
  containerStartSeconds: { low: 0.5, high: 1.2 },
} as const;

export function vmOverheadSentence(vm: VmSpec | null): string {
  const o = VM_OVERHEAD;
  const mem = vm?.memoryBytes ? ` (this VM reserves ${formatBytes(vm.memoryBytes)} of RAM)` : "";
  return (
    `it pays a full guest OS — about ${fmtMb(o.guestOsBytes.typical)} of disk (${fmtMb(o.guestOsBytes.low)} minimal), ` +
    `${fmtMb(o.guestIdleMemoryBytes.low)}–${fmtMb(o.guestIdleMemoryBytes.high)} of memory at idle${mem}, and ${o.vmBootSeconds.low}–${o.vmBootSeconds.high} s to boot — ` +
    `for isolation a container gives one tenant's trusted service for ≈${fmtMb(o.containerRuntimeMemoryBytes)} and ${o.containerStartSeconds.low}–${o.containerStartSeconds.high} s`
  );
}

function fmtMb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}
