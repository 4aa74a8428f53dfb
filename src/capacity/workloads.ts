import { projectGroups } from "../app/overrides.js";
import { sandboxOf, type Sandbox } from "../data/runtimes.js";
import type { Service } from "../model/compose.js";
import { rootStage } from "../checks/helpers/final-image.js";
import type { DockerfileModel, ImageRef } from "../model/dockerfile.js";
import { parseDockerfile } from "../parse/dockerfile/parse.js";
import type { ProjectModel } from "../model/project.js";
import type { VmSpec } from "../model/vmspec.js";
import { isMapNode, isScalarNode, isSeqNode, nodeAt, type YNode } from "../model/ynode.js";
import type { Constants } from "./constants.js";
import { estimateBuild, estimateImage, workingSet, type ImageEstimate } from "./images.js";
import type { Spread } from "./spread.js";
import { exact } from "./spread.js";
import { parseCpus, parseDockerBytes } from "./units.js";


/** One thing that runs: a Compose service, a Dockerfile on its own, or an image a VM spec runs. */
export interface Workload {
  name: string;
  /** Where it is defined (report path). */
  file: string;
  origin: "compose" | "dockerfile" | "vm";
  image: ImageEstimate;
  /** The Dockerfile the image is built from, or null. */
  build: string | null;
  /** The external image a build starts from, or null. */
  baseImage: string | null;
  replicas: number;
  /** Per replica. */
  memory: Spread;
  memorySource: "limit" | "reservation" | "default";
  /** The working-set table entry used when memorySource is "default". */
  workingSetKey: string | null;
  /** Per replica. */
  cpus: number;
  cpusSource: "limit" | "reservation" | "default";
  runtime: string | null;
  sandbox: Sandbox | null;
  /** Services of the same file this one waits for (`depends_on`). */
  dependsOn: string[];
  /** Unique id: `<file>#<name>`. */
  id: string;
  /** Values that were set but could not be read (`mem_limit: lots`): the next source was used. */
  unreadable?: UnreadableValue[];
}

export interface UnreadableValue {
  file: string;
  line: number;
  /** `services.web.mem_limit` */
  key: string;
  value: string;
  /** What it should be: "a size", "a number of CPUs"… */
  expected: string;
}

/** A VM spec as declared, with the workloads that run inside it. */
export interface DeclaredVm {
  id: string;
  name: string;
  file: string;
  spec: VmSpec;
  workloads: Workload[];
}

export interface Inventory {
  workloads: Workload[];
  vms: DeclaredVm[];
  /** Workloads that no declared VM runs: on the bare container host. */
  onHost: Workload[];
}

/** Every workload of the project, and which declared VM (if any) runs it. */
export function inventory(project: ProjectModel, c: Constants): Inventory {
  const workloads: Workload[] = [];
  const byComposeAbs = new Map<string, Workload[]>();
  for (const file of project.compose) {
    const list: Workload[] = [];
    for (const s of file.services) {
      if (s.partial) continue;
      list.push(composeWorkload(s, project, c));
    }
    byComposeAbs.set(file.abs, list);
    workloads.push(...list);
  }
  // Dockerfiles on their own: one workload each, from the final stage's base.
  for (const [path, df] of project.dockerfiles) {
    // A Dockerfile that can't be parsed builds nothing (the run says it left it out).
    if (project.servicesByDockerfile.has(path) || df.problem) continue;
    const image = estimateBuild(df, path, null, c);
    workloads.push(
      unconfigured({ name: path, file: path, origin: "dockerfile", image, build: path, baseImage: image.base, id: `${path}#${path}` }, baseRef(df), c),
    );
  }
  const vms: DeclaredVm[] = [];
  const inVm = new Set<Workload>();
  const groups = projectGroups(project.compose);
  for (const file of project.vms) {
    for (const spec of file.vms) {
      const inside: Workload[] = [];
      for (const w of spec.workloads) {
        if (w.image) {
          const id = `${file.path}#${spec.name}/${w.name}`;
          const wl = unconfigured({ name: w.name, file: file.path, origin: "vm", image: estimateImage(w.image.ref, c), build: null, baseImage: null, id }, w.image.ref, c);
          workloads.push(wl);
          inside.push(wl);
        } else if (w.compose && !w.compose.outsideRoot) {
          // The project Compose runs for that file (its base, overrides, includes), as the
          // isolation map places it. Two VMs that run one file each run a copy of it.
          const named = groups.composeByAbs.get(w.compose.abs);
          for (const f of named ? groups.projectOf(named) : []) {
            for (const wl of byComposeAbs.get(f.abs) ?? []) if (!inside.includes(wl)) inside.push(wl);
          }
        }
      }
      for (const wl of inside) inVm.add(wl);
      vms.push({ id: `${file.path}#${spec.name}`, name: spec.name, file: file.path, spec, workloads: inside });
    }
  }
  const order = (a: Workload, b: Workload) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  workloads.sort(order);
  return { workloads, vms, onHost: workloads.filter((w) => !inVm.has(w)) };
}

/**
 * A workload nothing sizes (a Dockerfile on its own, an image a VM spec runs): one replica,
 * the default CPU share, and the working set of the image it runs (`ref`).
 */
function unconfigured(
  w: Pick<Workload, "name" | "file" | "origin" | "image" | "build" | "baseImage" | "id">,
  ref: ImageRef | null,
  c: Constants,
): Workload {
  const ws = workingSet([ref], c);
  return {
    name: w.name,
    file: w.file,
    origin: w.origin,
    image: w.image,
    build: w.build,
    baseImage: w.baseImage,
    replicas: 1,
    memory: ws.bytes,
    memorySource: "default",
    workingSetKey: ws.key,
    cpus: c.defaultContainerCpus,
    cpusSource: "default",
    runtime: null,
    sandbox: null,
    dependsOn: [],
    id: w.id,
  };
}

function baseRef(df: DockerfileModel | null): ImageRef | null {
  return df ? (rootStage(df)?.base ?? null) : null;
}

function composeWorkload(s: Service, project: ProjectModel, c: Constants): Workload {
  // `docker compose up` merges compose.override.yaml: its values win.
  const layers = [...s.overrides].reverse().concat(s);
  const unreadable: UnreadableValue[] = [];
  let atFile = s.file;
  const at = (path: (string | number)[]): YNode | undefined => {
    for (const l of layers) {
      const n = nodeAt(l.node, path);
      if (n !== undefined && !(isScalarNode(n) && (n.unresolved || n.value === null))) {
        atFile = l.file;
        return n;
      }
    }
    return undefined;
  };
  /** A value read with `parse`; one that is set but unreadable is noted (and is no value). */
  const read = (path: string[], parse: (v: unknown) => number | null, expected: string): number | null => {
    const n = at(path);
    if (!isScalarNode(n)) return null;
    // -1 is Docker's "unlimited", as 0 is.
    if (String(n.value).trim() === "-1") return null;
    const v = parse(n.value);
    if (v === null) unreadable.push({ file: atFile, line: n.range.line, key: `services.${s.name}.${path.join(".")}`, value: String(n.value), expected });
    return v;
  };
  const scalar = (path: (string | number)[]) => {
    const n = at(path);
    return isScalarNode(n) ? n.value : undefined;
  };
  const declared = layers.find((l) => l.image)?.image ?? null;
  const buildSpec = layers.find((l) => l.build)?.build ?? null;
  let image: ImageEstimate;
  let baseImage: string | null = null;
  let build: string | null = null;
  let base: ImageRef | null = null;
  if (buildSpec) {
    build = buildSpec.dockerfilePath;
    const df = build ? (project.dockerfiles.get(build) ?? null) : buildSpec.inline !== null ? parseDockerfile(`${s.file}#${s.name}`, buildSpec.inline) : null;
    const e = estimateBuild(df, build ?? `${s.file}#${s.name}`, declared && !declared.unresolved ? declared.ref : null, c);
    image = e;
    baseImage = e.base;
    base = baseRef(df);
  } else if (declared) {
    image = estimateImage(declared.ref, c);
  } else {
    image = estimateImage({ ref: `(${s.name}: no image)`, name: "", registry: null, tag: null, digest: null, unresolved: true }, c);
  }

  // 0 is Docker's "no limit" (as the resource rules read it): not a declared amount.
  const bytes = (path: string[]) => positive(read(path, parseDockerBytes, "a size (e.g. 512m, 1g)"));
  const cpus = (path: string[]) => positive(read(path, parseCpus, "a number of CPUs (e.g. 0.5)"));
  const limit = bytes(["deploy", "resources", "limits", "memory"]) ?? bytes(["mem_limit"]);
  const reservation = bytes(["deploy", "resources", "reservations", "memory"]) ?? bytes(["mem_reservation"]);
  const ws = workingSet([declared?.ref ?? null, base], c);
  const memory = limit !== null ? exact(limit) : reservation !== null ? exact(reservation) : ws.bytes;
  const cpuLimit = cpus(["deploy", "resources", "limits", "cpus"]) ?? cpus(["cpus"]);
  const cpuReservation = cpus(["deploy", "resources", "reservations", "cpus"]);

  const mode = scalar(["deploy", "mode"]);
  const replicasRaw = mode === "global" ? 1 : (scalar(["deploy", "replicas"]) ?? scalar(["scale"]));
  let replicas = 1;
  if (replicasRaw !== undefined && replicasRaw !== null) {
    const n = wholeNumber(replicasRaw);
    if (n !== null) replicas = n;
    else read(scalar(["deploy", "replicas"]) !== undefined ? ["deploy", "replicas"] : ["scale"], wholeNumber, `a whole number up to ${MAX_REPLICAS}`);
  }

  const runtime = layers.find((l) => l.runtime)?.runtime?.value ?? null;
  return {
    name: s.name,
    file: s.file,
    origin: "compose",
    image,
    build,
    baseImage,
    replicas,
    memory,
    memorySource: limit !== null ? "limit" : reservation !== null ? "reservation" : "default",
    workingSetKey: limit === null && reservation === null ? ws.key : null,
    cpus: cpuLimit ?? cpuReservation ?? c.defaultContainerCpus,
    cpusSource: cpuLimit !== null ? "limit" : cpuReservation !== null ? "reservation" : "default",
    runtime,
    sandbox: sandboxOf(runtime),
    dependsOn: dependsOn(at(["depends_on"])),
    id: `${s.file}#${s.name}`,
    ...(unreadable.length ? { unreadable } : {}),
  };
}

function positive(n: number | null): number | null {
  return n !== null && n > 0 ? n : null;
}

/** More replicas than this are not modelled (each is an instance to place on hosts): 1e300 would exhaust memory. */
const MAX_REPLICAS = 100_000;

function wholeNumber(v: unknown): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= MAX_REPLICAS ? n : null;
}

function dependsOn(n: YNode | undefined): string[] {
  if (isSeqNode(n)) return n.items.filter(isScalarNode).map((i) => String(i.value));
  if (isMapNode(n)) return [...n.entries.keys()];
  return [];
}
