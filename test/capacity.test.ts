import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { audit } from "../src/app/audit.js";
import { CapacityError, DEFS, OPTIONAL_NAMES, RANGE_NAMES, resolveConstants, SCALAR_NAMES, SOURCES, BASE_FAMILIES, IMAGE_FAMILIES, WORKING_SETS } from "../src/capacity/constants.js";
import { IMAGE_SIZES_MB, knownImageSizeMb } from "../src/capacity/image-sizes.js";
import { capacityModel, type CapacityModel, type HostInput, type Scenario, type ScenarioId } from "../src/capacity/model.js";
import { capacityJson } from "../src/capacity/report-json.js";
import { renderMarkdown } from "../src/capacity/report-markdown.js";
import { renderTable } from "../src/capacity/report-table.js";
import { loadConfig } from "../src/engine/load-config.js";
import { parseOnlyRules } from "../src/engine/registry.js";
import type { ProjectModel } from "../src/model/project.js";
import type { VmSpec, VmSpecModel, VmWorkload } from "../src/model/vmspec.js";
import { parseImageRef } from "../src/parse/dockerfile/image-ref.js";

const MB = 1e6;
const MI = 1024 ** 2;
const GI = 1024 ** 3;

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "isolint-capacity-"));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, ".."), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

async function projectOf(files: Record<string, string>): Promise<{ project: ProjectModel; dir: string; capacity: Record<string, unknown> }> {
  const dir = tree(files);
  const { config } = await loadConfig({ cwd: dir, explicit: null, disabled: false });
  const run = await audit({ cwd: dir, paths: ["."], config, rules: parseOnlyRules(), forceKind: null, quiet: false, keepDockerfiles: true });
  return { project: run.project, dir, capacity: config.capacity };
}

async function model(files: Record<string, string>, opts: { sets?: string[]; host?: HostInput; vms?: VmSpecModel[] } = {}): Promise<CapacityModel> {
  const { project, capacity } = await projectOf(files);
  if (opts.vms) project.vms.push(...opts.vms);
  return capacityModel(project, resolveConstants(capacity, opts.sets ?? []), opts.host ?? null);
}

function scenario(m: CapacityModel, id: ScenarioId): Scenario {
  const s = m.scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
}

const compose = (services: string) => ({ "compose.yaml": `services:\n${services}` });
const TYPICAL_OVERHEAD = 4.1 * MB;

describe("disk: layers are stored once", () => {
  it("counts an image two services share once", async () => {
    const m = await model(compose("  a: { image: nginx:1.27 }\n  b: { image: nginx:1.27 }\n"));
    expect(scenario(m, "containers").diskBytes.typical).toBeCloseTo(161 * MB, -3);
    // One VM each: every VM carries its own copy.
    expect(scenario(m, "vm-per-service").diskBytes.typical).toBeCloseTo(2 * (700 * MB + 161 * MB), -3);
  });

  it("counts the base of a shared family once", async () => {
    // nginx and redis are both built on debian:bookworm-slim (74.8 MB).
    const m = await model(compose("  web: { image: nginx:1.27 }\n  cache: { image: redis:7.4 }\n"));
    const disk = scenario(m, "containers").diskBytes;
    expect(disk.typical).toBeCloseTo((74.8 + (161 - 74.8) + (143 - 74.8)) * MB, -3);
    expect(disk.typical).toBeLessThan((161 + 143) * MB);
    expect(disk.low).toBeCloseTo(disk.typical * 0.75, -3);
    expect(disk.high).toBeCloseTo(disk.typical * 1.25, -3);
    expect(m.workloads.every((w) => w.image.family === "debian-bookworm-slim")).toBe(true);
  });

  it("shares the family across languages and keeps families apart", async () => {
    const shared = await model(compose("  a: { image: node:22-slim }\n  b: { image: python:3.12-slim }\n"));
    expect(scenario(shared, "containers").diskBytes.typical).toBeCloseTo((231 + 124 - 74.8) * MB, -3);
    const apart = await model(compose("  a: { image: node:22-alpine }\n  b: { image: python:3.12-slim }\n"));
    expect(scenario(apart, "containers").diskBytes.typical).toBeCloseTo((168 + 124) * MB, -3);
  });

  it("counts two tags of one image as two images on one family", async () => {
    const m = await model(compose("  a: { image: nginx:1.27 }\n  b: { image: nginx:1.26 }\n"));
    expect(scenario(m, "containers").diskBytes.typical).toBeCloseTo((74.8 + 2 * (161 - 74.8)) * MB, -3);
  });

  it("shares a base image between builds and counts what each Dockerfile adds", async () => {
    const m = await model({
      "compose.yaml": "services:\n  api: { build: ./api }\n  worker: { build: ./worker }\n",
      "api/Dockerfile": "FROM node:22-slim\nCOPY . .\n",
      "worker/Dockerfile": "FROM node:22-slim AS build\nRUN npm ci\nFROM build\nCMD [\"node\", \"w.js\"]\n",
    });
    expect(m.workloads.map((w) => w.baseImage)).toEqual(["node:22-slim", "node:22-slim"]);
    expect(scenario(m, "containers").diskBytes.typical).toBeCloseTo((231 + 2 * 50) * MB, -3);
  });

  it("reads a build's inline Dockerfile", async () => {
    const m = await model(compose('  a: { build: { context: ., dockerfile_inline: "FROM python:3.12-alpine\\nCOPY . ." } }\n'));
    expect(m.workloads[0]!.baseImage).toBe("python:3.12-alpine");
    expect(m.workloads[0]!.image.known).toBe(true);
  });

  it("counts a Dockerfile no service builds as one workload, and a built one only once", async () => {
    const m = await model({
      "compose.yaml": "services:\n  api: { build: ./api }\n",
      "api/Dockerfile": "FROM python:3.12-slim\n",
      "tools/Dockerfile": "FROM golang:1.23 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n",
    });
    expect(m.workloads.map((w) => [w.origin, w.name])).toEqual([
      ["compose", "api"],
      ["dockerfile", "tools/Dockerfile"],
    ]);
    const tools = m.workloads[1]!;
    expect(tools.baseImage).toBe("gcr.io/distroless/static-debian12");
    expect(tools.image.total.typical).toBeCloseTo((2 + 50) * MB, -3);
  });

  it("uses the default for an image it doesn't know, and says so", async () => {
    const m = await model(compose("  api: { image: ghcr.io/acme/api:1.4 }\n  web: { image: nginx:1.27-alpine }\n"));
    expect(m.workloads.map((w) => w.image.known)).toEqual([false, false]);
    expect(m.unknownImages.map((u) => u.image)).toEqual(["ghcr.io/acme/api:1.4", "nginx:1.27-alpine"]);
    expect(m.unknownImages[0]!.assumedBytes.typical).toBe(250 * MB);
  });
});

describe("memory", () => {
  it("takes the limit, else the reservation, else the image's default working set", async () => {
    const m = await model(
      compose(
        [
          "  lim: { image: nginx:1.27, deploy: { resources: { limits: { memory: 512m }, reservations: { memory: 128m } } } }",
          "  memlim: { image: nginx:1.27, mem_limit: 1g }",
          "  res: { image: nginx:1.27, deploy: { resources: { reservations: { memory: 256M } } } }",
          "  memres: { image: nginx:1.27, mem_reservation: 1.5Gi }",
          "  pg: { image: postgres:16 }",
          "  mystery: { image: acme/thing:2 }",
          "",
        ].join("\n"),
      ),
    );
    const by = Object.fromEntries(m.workloads.map((w) => [w.name, w]));
    expect(by.lim!.memory.typical).toBe(512 * MI);
    expect(by.lim!.memorySource).toBe("limit");
    expect(by.memlim!.memory.typical).toBe(GI);
    expect(by.res!.memory.typical).toBe(256 * MI);
    expect(by.res!.memorySource).toBe("reservation");
    expect(by.memres!.memory.typical).toBe(1.5 * GI);
    expect(by.pg!.memorySource).toBe("default");
    expect(by.pg!.memory).toEqual({ low: 50 * MB, typical: 200 * MB, high: 600 * MB });
    expect(by.pg!.workingSetKey).toBe("workingSets.postgres");
    expect(by.mystery!.memory.typical).toBe(128 * MB);
    expect(by.mystery!.workingSetKey).toBeNull();
    const total = 512 * MI + GI + 256 * MI + 1.5 * GI + 200 * MB + 128 * MB + 6 * TYPICAL_OVERHEAD;
    expect(scenario(m, "containers").memoryBytes.typical).toBeCloseTo(total, 0);
  });

  it("takes the working set of a build's base image", async () => {
    const m = await model({ "compose.yaml": "services:\n  api: { build: . }\n", Dockerfile: "FROM node:22\n" });
    expect(m.workloads[0]!.memory.typical).toBe(100 * MB);
  });

  it("gives a VM max(configured RAM, app + guest idle)", async () => {
    const small = await model(compose("  a: { image: nginx:1.27, mem_limit: 64m }\n"));
    expect(scenario(small, "vm-per-service").memoryBytes).toEqual({ low: 512 * MI, typical: GI, high: 2 * GI });
    const big = await model(compose("  a: { image: nginx:1.27, mem_limit: 3g }\n"));
    expect(scenario(big, "vm-per-service").memoryBytes.typical).toBe(3 * GI + 230 * MB);
  });

  it("adds a microVM's overhead: Firecracker + minimal guest (low), Kata fc (typical), Kata qemu (high)", async () => {
    const m = await model(compose("  a: { image: nginx:1.27, mem_limit: 100m }\n"));
    const mem = scenario(m, "microvm-per-service").memoryBytes;
    const app = 100 * MI + TYPICAL_OVERHEAD;
    expect(mem.low).toBeCloseTo(app + 40 * MB + 5 * MI, 0);
    expect(mem.typical).toBeCloseTo(app + 130 * MI, 0);
    expect(mem.high).toBeCloseTo(app + 160 * MI, 0);
    expect(scenario(m, "microvm-per-service").cpus).toBe(0.5);
  });

  it("adds the sandbox's overhead for Kata and gVisor runtimes", async () => {
    const m = await model(compose("  k: { image: nginx:1.27, mem_limit: 100m, cpus: 1, runtime: kata-fc }\n  g: { image: nginx:1.27, mem_limit: 100m, cpus: 1, runtime: runsc }\n"));
    const c = scenario(m, "containers");
    expect(c.memoryBytes.typical).toBeCloseTo(2 * (100 * MI + TYPICAL_OVERHEAD) + 130 * MI + 20 * MB, 0);
    expect(c.cpus).toBe(2.25);
  });
});

describe("replicas and CPU", () => {
  it("multiplies memory, CPU and VMs by replicas, not a container host's images", async () => {
    const one = await model(compose("  a: { image: nginx:1.27, mem_limit: 256m, cpus: 0.5 }\n"));
    const three = await model(compose("  a: { image: nginx:1.27, deploy: { replicas: 3, resources: { limits: { memory: 256m, cpus: '0.5' } } } }\n"));
    const c1 = scenario(one, "containers");
    const c3 = scenario(three, "containers");
    expect(c3.memoryBytes.typical).toBeCloseTo(3 * c1.memoryBytes.typical, 0);
    expect(c3.cpus).toBe(1.5);
    expect(c3.instances).toHaveLength(3);
    expect(c3.diskBytes).toEqual(c1.diskBytes);
    expect(scenario(three, "vm-per-service").diskBytes.typical).toBeCloseTo(3 * scenario(one, "vm-per-service").diskBytes.typical, 0);
    expect(scenario(three, "vm-per-service").cpus).toBe(3);
  });

  it("reads `scale`, and a service with 0 replicas costs nothing", async () => {
    const m = await model(compose("  a: { image: nginx:1.27, scale: 2 }\n  b: { image: redis:7.4, deploy: { replicas: 0 } }\n"));
    expect(m.workloads.map((w) => w.replicas)).toEqual([2, 0]);
    expect(scenario(m, "containers").instances).toHaveLength(2);
    expect(scenario(m, "containers").diskBytes.typical).toBeCloseTo(161 * MB, -3);
  });

  it("counts CPU limits, else reservations, else the default; a VM has whole vCPUs", async () => {
    const m = await model(compose("  a: { image: nginx:1.27, cpus: 1.5 }\n  b: { image: nginx:1.27, deploy: { resources: { reservations: { cpus: '0.5' } } } }\n  c: { image: nginx:1.27 }\n"));
    expect(m.workloads.map((w) => [w.cpus, w.cpusSource])).toEqual([
      [1.5, "limit"],
      [0.5, "reservation"],
      [0.25, "default"],
    ]);
    expect(scenario(m, "containers").cpus).toBe(2.25);
    expect(scenario(m, "vm-per-service").cpus).toBe(2 + 1 + 1);
  });

  it("a limit of 0 is Docker's no limit: the working set and the default CPUs apply", async () => {
    const m = await model(compose("  db: { image: postgres:16, mem_limit: 0, cpus: 0 }\n  web: { image: nginx:1.27, deploy: { resources: { limits: { memory: '0', cpus: '0' }, reservations: { memory: 64m } } } }\n"));
    const [db, web] = m.workloads;
    expect([db!.memorySource, db!.cpusSource, db!.memory.typical, db!.cpus]).toEqual(["default", "default", 200e6, 0.25]);
    expect([web!.memorySource, web!.memory.typical, web!.cpusSource]).toEqual(["reservation", 64 * 1024 ** 2, "default"]);
  });

  it("counts up to 100 000 replicas; more are not modelled (1e300 would exhaust memory) and noted", async () => {
    const m = await model(compose("  w: { image: nginx:1.27, cpus: 0.01, mem_limit: 1m, deploy: { replicas: 100000 } }\n"));
    expect(scenario(m, "containers").cpus).toBe(1000);
    const huge = await model(compose("  w: { image: nginx:1.27, cpus: 0.01, mem_limit: 1m, deploy: { replicas: 1e300 } }\n"));
    expect(huge.workloads[0]!.replicas).toBe(1);
    expect(huge.workloads[0]!.unreadable?.map((u) => u.key)).toEqual(["services.w.deploy.replicas"]);
  });

  it("takes compose.override.yaml's values over the base file's", async () => {
    const m = await model({ "compose.yaml": "services:\n  a: { image: nginx:1.27, mem_limit: 1g }\n", "compose.override.yaml": "services:\n  a: { mem_limit: 2g, deploy: { replicas: 2 } }\n" });
    expect(m.workloads).toHaveLength(1);
    expect(m.workloads[0]!.memory.typical).toBe(2 * GI);
    expect(m.workloads[0]!.replicas).toBe(2);
  });
});

describe("start-up", () => {
  it("is the longest depends_on chain, not the sum", async () => {
    const m = await model(compose("  a: { image: nginx:1.27, depends_on: [b] }\n  b: { image: nginx:1.27, depends_on: { c: { condition: service_healthy } } }\n  c: { image: nginx:1.27 }\n  d: { image: nginx:1.27 }\n"));
    expect(scenario(m, "containers").startupSeconds).toEqual({ low: 3 * 0.02, typical: 3 * 0.5, high: expect.closeTo(3 * 1.2, 9) });
    // The VMs boot at once (15–65 s, not minutes), then the services start along the chain.
    const vm = scenario(m, "vm-per-service").startupSeconds;
    expect(vm.low).toBeCloseTo(15.1 + 3 * 0.02, 9);
    expect(vm.typical).toBeCloseTo(30 + 3 * 0.5, 9);
    expect(vm.high).toBeCloseTo(65 + 3 * 1.2, 9);
  });

  it("survives a depends_on cycle", async () => {
    const m = await model(compose("  a: { image: nginx:1.27, depends_on: [b] }\n  b: { image: nginx:1.27, depends_on: [a] }\n"));
    expect(scenario(m, "containers").startupSeconds.typical).toBe(1);
  });
});

describe("the article's example", () => {
  it("three services as one VM each need at least 2.1 GB of guest-OS disk, typical", async () => {
    const m = await model(compose("  web: { image: nginx:1.27 }\n  api: { image: node:22-slim }\n  db: { image: postgres:16 }\n"));
    const vm = scenario(m, "vm-per-service").diskBytes;
    const images = m.workloads.reduce((a, w) => a + w.image.total.typical, 0);
    expect(vm.typical - images).toBeCloseTo(2.1e9, -3);
    expect(vm.typical).toBeGreaterThanOrEqual(2.1e9);
    // The minimal guest (≈ 230 MB) is the low end.
    expect(vm.low - m.workloads.reduce((a, w) => a + w.image.total.low, 0)).toBeCloseTo(3 * 230 * MB, -3);
    expect(scenario(m, "containers").diskBytes.typical).toBeLessThan(vm.typical / 2);
  });
});

// ---------- declared VMs (VM specs written by hand: the model does not depend on the parser) ----------

const R = { line: 1, column: 1, endLine: 1, endColumn: 1 };

function vmWorkload(name: string, o: { image?: string; composeAbs?: string }): VmWorkload {
  return {
    name,
    range: R,
    tenant: null,
    trust: "trusted",
    image: o.image ? { value: o.image, range: R, unresolved: false, ref: parseImageRef(o.image) } : null,
    compose: o.composeAbs ? { path: "compose.yaml", range: R, abs: o.composeAbs, reportPath: "compose.yaml", outsideRoot: false } : null,
  };
}

function vmSpec(name: string, o: Partial<VmSpec> & { workloads: VmWorkload[] }): VmSpec {
  return { name, range: R, document: 0, tenant: null, hypervisor: "kvm", cpus: 2, memoryBytes: 2 * GI, diskBytes: null, os: null, user: null, ports: [], node: { kind: "map", entries: new Map(), range: R }, ...o };
}

function vmFile(vms: VmSpec[]): VmSpecModel {
  return { kind: "vm", path: "platform.vm.yaml", abs: "/nowhere/platform.vm.yaml", vms, problem: null, schemaProblems: [], comments: [] };
}

describe("declared VMs", () => {
  it("appear only when there are VM specs", async () => {
    const m = await model(compose("  a: { image: nginx:1.27 }\n"));
    expect(m.scenarios.map((s) => s.id)).toEqual(["containers", "vm-per-service", "microvm-per-service"]);
  });

  it("count each VM's guest, its RAM or what runs in it, and its vCPUs; the rest stays on the container host", async () => {
    const { project, dir } = await projectOf(compose("  web: { image: nginx:1.27, mem_limit: 256m }\n  db: { image: postgres:16, mem_limit: 3g }\n  side: { image: redis:7.4, mem_limit: 64m }\n"));
    const composeAbs = join(dir, "compose.yaml");
    // The Compose file runs inside "app" (4 GiB is more than web + db + guest idle);
    // "fc" is a Firecracker VM given less RAM than its workload needs.
    const app = vmSpec("app", { cpus: 4, memoryBytes: 8 * GI, diskBytes: 20e9, os: "ubuntu-24.04", workloads: [vmWorkload("stack", { composeAbs })] });
    const fc = vmSpec("fc", { hypervisor: "firecracker", cpus: 1, memoryBytes: 64 * MI, os: "alpine-3.22", workloads: [vmWorkload("api", { image: "acme/api:1" })] });
    project.vms.push(vmFile([app, fc]));
    const m = capacityModel(project, resolveConstants({}, []), null);
    const d = scenario(m, "declared-vms");
    expect(m.workloads.map((w) => w.name)).toEqual(["db", "side", "web", "api"]);
    // app: fully allocated 20 GB disk (typical); the used space (guest + shared images) is the low end.
    const appUsedLow = 230 * MB + (74.8 + (161 - 74.8) + (456 - 74.8) + (143 - 74.8)) * MB * 0.75;
    // fc: Alpine guest (200 MB) + the unknown image (20 MB low).
    expect(d.diskBytes.low).toBeCloseTo(appUsedLow + 200 * MB + 20 * MB, -3);
    expect(d.diskBytes.typical).toBeCloseTo(20e9 + 200 * MB + 250 * MB, -3);
    // app: 8 GiB given; fc: 128 MB app + 4.1 MB runtime + 80 MB idle > 64 MiB given, + 5 MiB VMM.
    expect(d.memoryBytes.typical).toBeCloseTo(8 * GI + 128 * MB + TYPICAL_OVERHEAD + 80 * MB + 5 * MI, 0);
    expect(d.cpus).toBe(5);
    expect(d.instances.map((i) => i.label)).toEqual(["app", "fc"]);
    // Boots in parallel: the slower kvm VM (30 s) plus its containers (0.5 s), vs Firecracker.
    expect(d.startupSeconds.typical).toBeCloseTo(30.5, 9);
    const json = capacityJson(m);
    expect(json.services.find((s) => s.name === "db")!.vm).toBe("app");
    expect(json.services.find((s) => s.name === "api")!.file).toBe("platform.vm.yaml");
  });

  it("keeps services no VM names on the container host", async () => {
    const { project } = await projectOf(compose("  web: { image: nginx:1.27, mem_limit: 256m }\n"));
    project.vms.push(vmFile([vmSpec("solo", { memoryBytes: GI, cpus: 1, workloads: [vmWorkload("api", { image: "acme/api:1" })] })]));
    const m = capacityModel(project, resolveConstants({}, []), null);
    const d = scenario(m, "declared-vms");
    expect(d.instances.map((i) => i.label)).toEqual(["solo", "web"]);
    expect(d.memoryBytes.typical).toBeCloseTo(GI + 256 * MI + TYPICAL_OVERHEAD, 0);
    expect(d.sharedDiskBytes.typical).toBeCloseTo(161 * MB, -3);
  });
});

describe("fit on a host", () => {
  const host: HostInput = { memoryBytes: 64 * GI, cpus: 16, diskBytes: 500 * GI };

  it("is null without a host", async () => {
    const m = await model(compose("  a: { image: nginx:1.27 }\n"));
    expect(m.scenarios.map((s) => s.fitOnHost)).toEqual([null, null, null]);
    expect(m.host).toBeNull();
  });

  it("counts copies of the whole stack per scenario, after what the host keeps", async () => {
    const m = await model(compose("  a: { image: nginx:1.27, mem_limit: 1g, cpus: 1 }\n  b: { image: redis:7.4, mem_limit: 1g, cpus: 1 }\n"), { host });
    const reserved = m.host!.reservedMemoryBytes;
    expect(reserved).toBe(Math.round(5.48 * GI + 100 * MI));
    const containers = scenario(m, "containers");
    // CPU: (16 − 0.11) / 2 = 7; memory: (64 GiB − 5.58 GiB) / 2.008 GiB = 29.
    expect(containers.fitOnHost).toBe(7);
    expect(containers.fitLimitedBy).toBe("cpu");
    const vms = scenario(m, "vm-per-service");
    expect(vms.fitOnHost).toBe(7);
    expect(scenario(m, "microvm-per-service").fitOnHost).toBe(6);
  });

  it("runs out of disk with VMs, never with shared images", async () => {
    const m = await model(compose("  a: { image: node:22, mem_limit: 64m, cpus: 0.1 }\n"), { host: { memoryBytes: null, cpus: null, diskBytes: 10e9 } });
    expect(scenario(m, "containers").fitOnHost).toBeNull();
    const vm = scenario(m, "vm-per-service");
    expect(vm.fitOnHost).toBe(Math.floor(10e9 / (700 * MB + 1130 * MB)));
    expect(vm.fitLimitedBy).toBe("disk");
  });

  it("says how many hosts the stack needs when a copy doesn't fit on one", async () => {
    const m = await model(compose("  a: { image: nginx:1.27, mem_limit: 6g }\n  b: { image: nginx:1.27, mem_limit: 6g }\n"), { host: { memoryBytes: 8 * GI, cpus: null, diskBytes: null } });
    const c = scenario(m, "containers");
    expect(c.fitOnHost).toBe(0);
    expect(c.hostsNeeded).toBe(2);
    expect(c.fitLimitedBy).toBe("memory");
  });
});

describe("overrides", () => {
  it("applies the config's capacity: section and --set, --set last", async () => {
    const c = resolveConstants({ guestOsBytes: 500000000, imageSizes: { "acme/api": 120000000 }, workingSets: { "acme/api": "300MB" } }, ["vmBootSeconds=20", "containerStartSeconds.high=2s", "imageSizes.ghcr.io/acme/web=1GB"]);
    expect(c.guestOsBytes).toEqual({ low: 500e6, typical: 500e6, high: 500e6 });
    expect(c.imageSizes).toEqual({ "acme/api": 120e6, "ghcr.io/acme/web": 1e9 });
    expect(c.workingSets["acme/api"]).toEqual({ low: 300e6, typical: 300e6, high: 300e6 });
    expect(c.vmBootSeconds.typical).toBe(20);
    expect(c.containerStartSeconds).toEqual({ low: 0.02, typical: 0.5, high: 2 });
    expect([...c.overridden].sort()).toEqual(["containerStartSeconds", "guestOsBytes", "imageSizes.acme/api", "imageSizes.ghcr.io/acme/web", "vmBootSeconds", "workingSets.acme/api"]);
  });

  it("changes the model and marks the image as known", async () => {
    const m = await model({ ...compose("  api: { image: acme/api:1.4 }\n"), ".isolint.yaml": "capacity:\n  guestOsBytes: 500000000\n  imageSizes: { acme/api: 120000000 }\n" });
    expect(m.workloads[0]!.image.known).toBe(true);
    expect(m.unknownImages).toEqual([]);
    expect(scenario(m, "vm-per-service").diskBytes.typical).toBe(620e6);
    const json = capacityJson(m);
    expect(json.assumptions.find((a) => a.name === "guestOsBytes")).toMatchObject({ value: 500e6, overridden: true });
    expect(json.assumptions.find((a) => a.name === "imageSizes.acme/api")).toMatchObject({ value: 120e6, overridden: true });
  });

  it("sizes a build from the user's size of the image it tags", async () => {
    const m = await model({ "compose.yaml": "services:\n  api: { build: ., image: acme/api:2 }\n", Dockerfile: "FROM node:22-slim\n" }, { sets: ["imageSizes.acme/api=400MB"] });
    expect(m.workloads[0]!.image.total.typical).toBeCloseTo(400 * MB, -3);
  });

  it("refuses unknown names with a did-you-mean, and bad values", async () => {
    expect(() => resolveConstants({ gestOsBytes: 1 }, [], ".isolint.yaml")).toThrow(CapacityError);
    expect(() => resolveConstants({ gestOsBytes: 1 }, [], ".isolint.yaml")).toThrow(/^\.isolint\.yaml: capacity\.gestOsBytes: unknown constant \(did you mean guestOsBytes\?\)/);
    expect(() => resolveConstants({}, ["guestOSBytes=1"])).toThrow(/--set guestOSBytes: unknown constant \(did you mean guestOsBytes\?\)/);
    expect(() => resolveConstants({}, ["guestOsBytes"])).toThrow(/expected name=value/);
    expect(() => resolveConstants({}, ["guestOsBytes=big"])).toThrow(/is not a size/);
    expect(() => resolveConstants({}, ["guestOsBytes.low=900MB"])).toThrow(/low ≤ typical ≤ high/);
    expect(() => resolveConstants({ imageSizes: [1] }, [])).toThrow(/must be a map/);
    expect(() => resolveConstants({ vmBootSeconds: { typical: 20, mid: 3 } }, [])).toThrow(/unknown key "mid"/);
  });
});

describe("the data file", () => {
  it("has every constant the code knows, each with a unit, a note and known sources", async () => {
    const names = [...RANGE_NAMES, ...SCALAR_NAMES, ...OPTIONAL_NAMES];
    expect(Object.keys(DEFS).sort()).toEqual([...names].sort());
    for (const n of RANGE_NAMES) {
      const d = DEFS[n];
      expect(d.low! <= d.typical! && d.typical! <= d.high!, n).toBe(true);
    }
    for (const n of names) {
      expect(DEFS[n].note.length, n).toBeGreaterThan(10);
      for (const s of DEFS[n].sources) expect(SOURCES[s], `${n}: ${s}`).toBeDefined();
    }
    for (const [k, ws] of Object.entries(WORKING_SETS)) {
      expect(ws.low <= ws.typical && ws.typical <= ws.high, k).toBe(true);
      for (const s of ws.sources) expect(SOURCES[s], `${k}: ${s}`).toBeDefined();
    }
    for (const [image, family] of Object.entries(IMAGE_FAMILIES)) expect(BASE_FAMILIES[family], image).toBeDefined();
    for (const key of Object.values(BASE_FAMILIES)) expect(IMAGE_SIZES_MB[key]).toBeDefined();
  });

  it("keeps knownImageSizeMb working for the minimal-base-image rule", async () => {
    expect(knownImageSizeMb(parseImageRef("node:22"))).toBe(1130);
    expect(knownImageSizeMb(parseImageRef("node:22-slim"))).toBe(231);
    expect(knownImageSizeMb(parseImageRef("docker.io/library/python:3.12-alpine"))).toBe(48.8);
    expect(knownImageSizeMb(parseImageRef("eclipse-temurin:21-jre"))).toBe(318);
    expect(knownImageSizeMb(parseImageRef("gcr.io/distroless/base-debian12"))).toBe(2);
    expect(knownImageSizeMb(parseImageRef("acme/api"))).toBeNull();
  });
});

const reportModel = await model(compose("  web: { image: nginx:1.27, mem_limit: 256m, cpus: 0.5 }\n  api: { image: acme/api:1 }\n"), { host: { memoryBytes: 64 * GI, cpus: 16, diskBytes: 500 * GI } });

describe("reports", () => {
  const m = reportModel;

  it("JSON has CAPACITY.md's fields, in its order", async () => {
    const json = JSON.parse(JSON.stringify(capacityJson(m)));
    expect(Object.keys(json).slice(0, 3)).toEqual(["services", "scenarios", "assumptions"]);
    const web = json.services.find((s: { name: string }) => s.name === "web");
    expect(Object.keys(web).slice(0, 8)).toEqual(["name", "file", "image", "imageBytes", "imageSizeKnown", "memoryBytes", "cpus", "replicas"]);
    expect(web).toMatchObject({ name: "web", file: "compose.yaml", image: "nginx:1.27", imageBytes: 161000000, imageSizeKnown: true, memoryBytes: 268435456, cpus: 0.5 });
    expect(json.scenarios.map((s: { id: string }) => s.id)).toEqual(["containers", "vm-per-service", "microvm-per-service"]);
    for (const s of json.scenarios) {
      expect(Object.keys(s).slice(0, 6)).toEqual(["id", "diskBytes", "memoryBytes", "cpus", "startupSeconds", "fitOnHost"]);
      for (const k of ["diskBytes", "memoryBytes"]) {
        expect(Object.keys(s[k])).toEqual(["low", "typical", "high"]);
        for (const v of Object.values(s[k])) expect(Number.isInteger(v)).toBe(true);
      }
      expect(Number.isInteger(s.fitOnHost)).toBe(true);
    }
    for (const a of json.assumptions) {
      expect(typeof a.name).toBe("string");
      expect(typeof a.source).toBe("string");
      expect("value" in a).toBe(true);
    }
    expect(json.assumptions.find((a: { name: string }) => a.name === "guestOsBytes").value).toBe(700000000);
  });

  it("the table has a row per scenario, a bar chart per resource, and no colour unless asked", async () => {
    const plain = renderTable(m, false);
    for (const t of ["containers (one Docker host)", "one VM per service", "one microVM per service", "Disk, typical", "Memory, typical", "vCPU", "Start-up, typical", "Services", "Images of unknown size", "acme/api:1", "Assumptions", "Sources"]) expect(plain).toContain(t);
    expect(plain).toContain("█");
    expect(plain).not.toMatch(/\u001b\[/);
    expect(renderTable(m, true)).toMatch(/\u001b\[32m/);
  });

  it("Markdown is a job summary", async () => {
    const md = renderMarkdown(m);
    expect(md.startsWith("## isolint capacity\n")).toBe(true);
    expect(md).toContain("| Scenario | Disk | Memory | vCPU |");
    expect(md).toContain("<https://gvisor.dev/docs/architecture_guide/performance/>");
  });
});
