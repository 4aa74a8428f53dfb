import type { Located, SchemaProblemAt } from "./compose.js";
import type { Comment, ImageRef, ParseProblem } from "./dockerfile.js";
import type { Range } from "./range.js";
import type { YMap } from "./ynode.js";
import type { PortParse } from "../parse/ports.js";

export type Trust = "trusted" | "untrusted";

/** One port a VM publishes beyond itself. */
export interface VmPort {
  text: string;
  range: Range;
  parsed: PortParse;
  /** Defaults to 0.0.0.0 (every interface) when the spec gives none. */
  hostIp: string;
  hostIpGiven: boolean;
}

/** One workload inside a VM: an image, or every service of a Compose file. */
export interface VmWorkload {
  name: string;
  range: Range;
  /** The workload's tenant, or the VM's `metadata.tenant` when it gives none. */
  tenant: Located<string> | null;
  trust: Trust;
  image: (Located<string> & { ref: ImageRef }) | null;
  compose: {
    /** As written, relative to the spec. */
    path: string;
    range: Range;
    /** Absolute path. */
    abs: string;
    /** Path as reported (relative to the cwd). */
    reportPath: string;
    /** The path leaves the scanned root: refused with a finding, not followed. */
    outsideRoot: boolean;
  } | null;
}

/** One `kind: VirtualMachine` document. */
export interface VmSpec {
  name: string;
  /** `metadata.name` (or the document start when missing). */
  range: Range;
  /** Index of the YAML document in the file. */
  document: number;
  tenant: Located<string> | null;
  hypervisor: string | null;
  cpus: number | null;
  memoryBytes: number | null;
  diskBytes: number | null;
  os: string | null;
  user: Located<string> | null;
  ports: VmPort[];
  workloads: VmWorkload[];
  node: YMap;
}

export interface VmSpecModel {
  kind: "vm";
  path: string;
  abs: string;
  vms: VmSpec[];
  problem: ParseProblem | null;
  schemaProblems: SchemaProblemAt[];
  comments: Comment[];
}

/** A kernel: what shares it, and what isolates it from the rest (CONTRACT.md "Tenancy and trust"). */
export type BoundaryType = "shared-host-kernel" | "vm" | "sandbox";

export interface KernelWorkload {
  name: string;
  /** Where the workload is defined (a Compose service's name key, a VM workload entry). */
  file: string;
  range: Range;
  tenant: string | null;
  /** Where the tenant came from: an `isolint.tenant` label, the VM spec, or config `tenants:` globs. */
  tenantSource: "label" | "vm-spec" | "config" | null;
  trust: Trust;
  /** A Compose service's sandboxed runtime (Kata, gVisor), when it has one. */
  runtime: string | null;
  /** What the workload publishes beyond its kernel (host ports). */
  publishes: string[];
  image: string | null;
  /** A Compose service that a VM spec's `compose:` workload brings into the VM: that entry. */
  via?: { file: string; range: Range };
}

export interface Kernel {
  /** Stable id for maps and Mermaid: `host:<compose file>`, `vm:<file>#<name>`, `sandbox:<file>#<service>`. */
  id: string;
  boundary: BoundaryType;
  /** Human name: the Compose file (Docker host), the VM's name, or the sandboxed service. */
  name: string;
  /** The file that defines the boundary, and where to report about it. */
  file: string;
  range: Range;
  workloads: KernelWorkload[];
  /** The VM spec, for `vm` kernels. */
  vm: VmSpec | null;
  /** Ports the boundary publishes (VM ports, or the services' published ports on a Docker host). */
  publishes: string[];
  /** Distinct tenants among the workloads (untagged workloads are not a tenant). */
  tenants: string[];
}
