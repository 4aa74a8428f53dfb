import type { VmSpec } from "../model/vmspec.js";
import { formatBytes } from "../parse/size.js";
import { DEFS } from "./constants.js";

/**
 * What a VM costs over a container, in the capacity model's constants (constants.json, the
 * same numbers `isolint capacity` uses): the guest OS image on disk, the guest's idle memory,
 * the boot time; against a container's runtime overhead and start-up.
 */
export function vmOverheadSentence(vm: VmSpec | null): string {
  // This VM's guest and hypervisor, as the capacity model reads them (model.ts guestFor).
  const guest = (vm?.os ?? "").toLowerCase();
  const alpine = guest.includes("alpine");
  const os = alpine ? DEFS.guestOsAlpineBytes : guest.includes("minimal") ? DEFS.guestOsMinimalBytes : DEFS.guestOsBytes;
  const idle = alpine ? DEFS.guestIdleAlpineBytes : DEFS.guestIdleBytes;
  const firecracker = (vm?.hypervisor ?? "").toLowerCase() === "firecracker";
  const boot = firecracker ? DEFS.firecrackerBootSeconds : DEFS.vmBootSeconds;
  const start = DEFS.containerStartSeconds;
  const runtime = DEFS.runtimeOverheadBytes;
  const mem = vm?.memoryBytes ? ` (this VM reserves ${formatBytes(vm.memoryBytes)} of RAM)` : "";
  const disk = vm?.os ? `about ${mb(os.typical!)} of disk for ${vm.os}` : `about ${mb(os.typical!)} of disk (${mb(DEFS.guestOsMinimalBytes.typical!)} minimal)`;
  return (
    `it pays a ${vm?.os ? "" : "full "}guest OS — ${disk}, ` +
    `${mb(idle.low!)}–${mb(idle.high!)} of memory at idle${mem}, and ${boot.low}–${boot.high} s to ${firecracker ? "boot a Firecracker microVM" : "boot"} — ` +
    `for isolation a container gives one tenant's trusted service for ≈${mb(runtime.value!)} and ${start.low}–${start.high} s to start`
  );
}

function mb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}
