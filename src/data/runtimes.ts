/**
 * Compose `runtime:` values that give a service a kernel boundary of its own (CONTRACT.md's
 * list, plus the containerd shim names of the same runtimes), and which sandbox each is: the
 * kernel model (tenancy rules, isolation map) and the capacity estimate read this one table.
 */
export type Sandbox = "kata-fc" | "kata-qemu" | "kata" | "gvisor";

const SANDBOX_RUNTIMES: ReadonlyMap<string, Sandbox> = new Map([
  ["kata", "kata"],
  ["kata-runtime", "kata"],
  ["io.containerd.kata.v2", "kata"],
  ["kata-qemu", "kata-qemu"],
  ["io.containerd.kata-qemu.v2", "kata-qemu"],
  ["kata-fc", "kata-fc"],
  ["io.containerd.kata-fc.v2", "kata-fc"],
  // Cloud Hypervisor: a microVMM like Firecracker, sized the same.
  ["kata-clh", "kata-fc"],
  ["io.containerd.kata-clh.v2", "kata-fc"],
  ["runsc", "gvisor"],
  ["gvisor", "gvisor"],
  ["io.containerd.runsc.v1", "gvisor"],
]);

/** The sandbox a `runtime:` value names, or null (runc, crun, nvidia… share the host kernel). */
export function sandboxOf(runtime: string | null): Sandbox | null {
  return runtime === null ? null : (SANDBOX_RUNTIMES.get(runtime.trim().toLowerCase()) ?? null);
}
