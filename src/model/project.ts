import type { BuiltImage } from "./built-image.js";
import type { DockerfileModel } from "./dockerfile.js";
import type { ComposeModel, Service } from "./compose.js";
import type { Kernel, VmSpecModel } from "./vmspec.js";

/** Everything parsed in one run, and the facts that connect files. */
export interface ProjectModel {
  /** Directory paths are resolved against (the current directory). */
  cwd: string;
  compose: ComposeModel[];
  vms: VmSpecModel[];
  /** Compose services that build each Dockerfile, by the Dockerfile's report path. */
  servicesByDockerfile: ReadonlyMap<string, readonly Service[]>;
  /** What the Compose checks know of each Dockerfile a service builds, by its report path. */
  images: ReadonlyMap<string, BuiltImage>;
  /** Parsed Dockerfiles, by report path: only when the audit is asked to keep them (capacity). */
  dockerfiles: ReadonlyMap<string, DockerfileModel>;
  /** Every workload placed in exactly one kernel (see src/app/kernels.ts). */
  kernels: Kernel[];
  /**
   * The files being linted, when some files were read for context only (a Compose file that a
   * linted VM spec names): a finding about those goes where the linted file refers to them.
   */
  linted?: ReadonlySet<string>;
}
