import type { VmSpec } from "../model/vmspec.js";
import { formatBytes } from "../parse/size.js";
import { DEFS } from "./constants.js";

/**
 * What a VM costs over a container, in the capacity model's constants (constants.json, the
 * same numbers `isolint capacity` uses): the guest OS image on disk, the guest's idle memory,
 * the boot time; against a container's runtime overhead and start-up.
 */
export function vmOverheadSentence(vm: VmSpec | null): string {
  const os = DEFS.guestOsBytes;
  const idle = DEFS.guestIdleBytes;
  const boot = DEFS.vmBootSeconds;
  const start = DEFS.containerStartSeconds;
  const runtime = DEFS.runtimeOverheadBytes;
  const mem = vm?.memoryBytes ? ` (this VM reserves ${formatBytes(vm.memoryBytes)} of RAM)` : "";
  return (
    `it pays a full guest OS — about ${mb(os.typical!)} of disk (${mb(os.low!)} minimal), ` +
    `${mb(idle.low!)}–${mb(idle.high!)} of memory at idle${mem}, and ${boot.low}–${boot.high} s to boot — ` +
    `for isolation a container gives one tenant's trusted service for ≈${mb(runtime.value!)} and ${start.low}–${start.high} s to start`
  );
}

function mb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}
