import type { ProjectModel } from "../../model/project.js";
import type { Range } from "../../model/range.js";
import type { KernelWorkload } from "../../model/vmspec.js";

/**
 * Where a finding about a workload goes: where it is defined, or — when that file is read for
 * context only (a Compose file that a linted VM spec runs, or that a linted file includes) —
 * the entry of the linted file that brings it in. Else the finding would be dropped.
 */
export function placeOf(w: KernelWorkload, project: ProjectModel): { file: string; range: Range } {
  return w.via && project.linted && !project.linted.has(w.file) ? w.via : w;
}
