import { tree } from "./helpers/cli.js";
import { beforeAll, describe, expect, it } from "vitest";
import { audit } from "../src/app/audit.js";
import { mapJson, mapMermaid, mapText } from "../src/app/isolation-map.js";
import { loadConfig } from "../src/engine/load-config.js";
import { parseOnlyRules } from "../src/engine/registry.js";
import { parseSize } from "../src/parse/size.js";
import { parseVmSpec } from "../src/parse/vmspec/parse.js";


async function kernelsOf(dir: string) {
  const { config } = await loadConfig({ cwd: dir, explicit: null, disabled: false });
  return (await audit({ cwd: dir, paths: ["."], config, rules: parseOnlyRules(), forceKind: null, quiet: false })).project.kernels;
}

describe("sizes", () => {
  it.each([
    ["2GiB", 2 * 1024 ** 3],
    ["512MiB", 512 * 1024 ** 2],
    ["2G", 2e9],
    ["1.5Gi", 1.5 * 1024 ** 3],
    ["1.5G", 1.5e9],
    ["10K", 10_000],
    ["10Ki", 10_240],
    ["3T", 3e12],
    ["100B", 100],
    ["4096", 4096],
    [1073741824, 1073741824],
  ])("%s is %d bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });
  it.each(["lots", "2 GB of RAM", "-1G", "", "1.5.2G", 0, 1.5])("%s is not a size", (text) => {
    expect(parseSize(text)).toBeNull();
  });
});

describe("VM spec parser", () => {
  const text = `apiVersion: isolint.dev/v1
kind: VirtualMachine
metadata: { name: one, tenant: acme }
spec:
  cpus: 2
  memory: 2GiB
  ports: [{ port: 443 }, { port: 8080, host_ip: 127.0.0.1, protocol: udp }]
  workloads:
    - { name: api, image: ghcr.io/acme/api:1.4 }
    - { name: job, tenant: globex, trust: untrusted, image: ghcr.io/globex/job:1 }
---
apiVersion: isolint.dev/v1
kind: VirtualMachine
metadata: { name: two }
spec: { cpus: 1, memory: 512Mi, disk: 20G }
`;
  const m = parseVmSpec({ path: "f.vm.yaml", abs: "/x/f.vm.yaml", text, cwd: "/x", roots: ["/x"] });
  it("reads one VM per document", () => {
    expect(m.vms.map((v) => v.name)).toEqual(["one", "two"]);
    expect(m.vms[1]!.document).toBe(1);
    expect(m.vms[1]!.memoryBytes).toBe(512 * 1024 ** 2);
    expect(m.vms[1]!.diskBytes).toBe(20e9);
    expect(m.schemaProblems).toEqual([]);
  });
  it("defaults a workload's tenant to metadata.tenant and trust to trusted, host_ip to 0.0.0.0", () => {
    const [api, job] = m.vms[0]!.workloads;
    expect(api!.tenant?.value).toBe("acme");
    expect(api!.trust).toBe("trusted");
    expect(job!.tenant?.value).toBe("globex");
    expect(job!.trust).toBe("untrusted");
    expect(m.vms[0]!.ports.map((p) => [p.hostIp, p.hostIpGiven, p.text])).toEqual([
      ["0.0.0.0", false, "443"],
      ["127.0.0.1", true, "8080/udp"],
    ]);
  });
  it("resolves compose: relative to the spec and refuses paths outside the scanned root", () => {
    const spec = `apiVersion: isolint.dev/v1
kind: VirtualMachine
metadata: { name: a }
spec:
  cpus: 1
  memory: 1G
  workloads:
    - { name: in, compose: ../apps/compose.yaml }
    - { name: out, compose: ../../../elsewhere/compose.yaml }
`;
    const v = parseVmSpec({ path: "infra/a.vm.yaml", abs: "/repo/infra/a.vm.yaml", text: spec, cwd: "/repo", roots: ["/repo"] });
    const [inside, outside] = v.vms[0]!.workloads;
    expect(inside!.compose).toMatchObject({ abs: "/repo/apps/compose.yaml", reportPath: "apps/compose.yaml", outsideRoot: false });
    expect(outside!.compose!.outsideRoot).toBe(true);
  });
});

describe("kernel model and the isolation map", () => {
  const dir = tree({
    "acme/compose.yaml": `services:
  billing: { image: ghcr.io/acme/billing:1.4, labels: { isolint.tenant: acme }, ports: ["8443:8443"] }
`,
    "globex/compose.yaml": `services:
  reports: { image: ghcr.io/globex/reports:2.0, labels: ["isolint.tenant=globex"] }
  plugin: { image: ghcr.io/globex/plugin:0.3, labels: ["isolint.tenant=globex", "isolint.trust=untrusted"], runtime: runsc }
`,
    "solo/compose.yaml": `services:
  web: { image: nginx:1.27 }
`,
    "shared.vm.yaml": `apiVersion: isolint.dev/v1
kind: VirtualMachine
metadata: { name: shared-apps }
spec:
  cpus: 4
  memory: 8GiB
  workloads:
    - { name: acme-stack, compose: acme/compose.yaml }
    - { name: globex-stack, compose: globex/compose.yaml }
`,
  });
  let kernels: Awaited<ReturnType<typeof kernelsOf>> = [];
  beforeAll(async () => {
    kernels = await kernelsOf(dir);
  });

  it("places every workload in exactly one kernel", () => {
    const placed = kernels.flatMap((k) => k.workloads.map((w) => `${w.file}#${w.name}`)).sort();
    expect(placed).toEqual(["acme/compose.yaml#billing", "globex/compose.yaml#plugin", "globex/compose.yaml#reports", "solo/compose.yaml#web"]);
    expect(kernels.map((k) => [k.boundary, k.name])).toEqual([
      ["shared-host-kernel", "Docker host (solo/compose.yaml)"],
      ["sandbox", "plugin (runsc)"],
      ["vm", "shared-apps"],
    ]);
  });

  it("shows the mixed-tenant VM in JSON", () => {
    const j = mapJson(kernels);
    const vm = j.kernels.find((k) => k.boundary === "vm")!;
    expect(vm.mixedTenants).toBe(true);
    expect(vm.tenants).toEqual(["acme", "globex"]);
    expect(j.summary).toMatchObject({ kernels: 3, workloads: 4, mixedTenantKernels: 1 });
    const untagged = j.kernels.find((k) => k.boundary === "shared-host-kernel")!;
    expect(untagged.tenants).toEqual([]);
    expect(untagged.workloads[0]!.tenant).toBeNull();
  });

  it("marks the mixed-tenant VM in text", () => {
    const text = mapText(kernels, false);
    expect(text).toMatch(/VM shared-apps .*MIXED TENANTS/);
    expect(text).toMatch(/plugin\s+tenant globex\s+untrusted/);
  });

  it("renders a Mermaid flowchart that parses back: unique ids, every workload present, classes", () => {
    const m = mapMermaid(kernels);
    expect(m.startsWith("flowchart LR\n")).toBe(true);
    const nodes = [...m.matchAll(/^\s+(k\d+w\d+)\["([^"]*)"\]$/gm)].map((x) => ({ id: x[1]!, label: x[2]! }));
    const subgraphs = [...m.matchAll(/^\s+subgraph (k\d+)\["([^"]*)"\]$/gm)].map((x) => x[1]!);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(new Set(subgraphs).size).toBe(subgraphs.length);
    expect(nodes.map((n) => n.label.split("<br/>")[0]).sort()).toEqual(["billing", "plugin", "reports", "web"]);
    expect(m.match(/^\s+subgraph /gm)!.length).toBe(m.match(/^\s+end$/gm)!.length);
    expect(m).toMatch(/subgraph k\d+\["VM: shared-apps ⚠ mixed tenants"\]/);
    expect(m).toMatch(/class k\d+ mixed/);
    expect(m).toMatch(/class k\d+w\d+ untrusted/);
  });
});

describe("sandboxed runtimes", () => {
  it("the kernel model and the capacity estimate agree on which runtime: is a sandbox", async () => {
    const dir = tree({
      "compose.yaml": [
        "services:",
        "  a: { image: nginx:1.27, runtime: io.containerd.kata-fc.v2 }",
        "  b: { image: nginx:1.27, runtime: ' runsc' }",
        "  c: { image: nginx:1.27, runtime: my-kata-fork }",
        "  d: { image: nginx:1.27, runtime: nvidia }",
        "",
      ].join("\n"),
    });
    const kernels = await kernelsOf(dir);
    const sandboxed = kernels.filter((k) => k.boundary === "sandbox").flatMap((k) => k.workloads.map((w) => w.name)).sort();
    expect(sandboxed).toEqual(["a", "b"]);
    const { sandboxOf } = await import("../src/data/runtimes.js");
    expect(["io.containerd.kata-fc.v2", " runsc", "my-kata-fork", "nvidia"].map(sandboxOf)).toEqual(["kata-fc", "gvisor", null, null]);
  });
});

describe("a VM spec linted without the Compose file it names", () => {
  const files = {
    "app/compose.yaml": "services:\n  builder:\n    image: reg.example.com/builder:1.0\n    labels:\n      isolint.trust: untrusted\n  api:\n    image: reg.example.com/api:1.0\n",
    "ci.vm.yaml": "apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata:\n  name: ci\n  tenant: acme\nspec:\n  cpus: 2\n  memory: 2GiB\n  workloads:\n    - name: stack\n      compose: app/compose.yaml\n",
  };
  const untrusted = async (paths: string[]) => {
    const { lint } = await import("./helpers/lint.js");
    return (await lint(tree(files), paths, { noConfig: true })).filter((f) => f.ruleId === "untrusted-requires-sandbox").map((f) => `${f.file}:${f.line}: ${f.message}`);
  };
  it("reports the untrusted service at the VM's compose: entry (the Compose file is context only)", async () => {
    expect(await untrusted(["ci.vm.yaml"])).toEqual([
      "ci.vm.yaml:10: Untrusted workload builder (app/compose.yaml) shares a kernel (VM ci) with api: a kernel exploit in it reaches them all.",
    ]);
  });
  it("and at the service when the Compose file is linted too", async () => {
    expect(await untrusted(["."])).toEqual(["app/compose.yaml:2: Untrusted workload builder shares a kernel (VM ci) with api: a kernel exploit in it reaches them all."]);
  });
});

describe("files merged into one Compose project share its Docker host", () => {
  it("a service that only compose.override.yaml defines joins the base file's kernel", async () => {
    const dir = tree({
      "compose.yaml": "services:\n  web:\n    image: reg.example.com/web:1.0\n    labels: { isolint.tenant: blue }\n",
      "compose.override.yaml": "services:\n  debug:\n    image: reg.example.com/debug:1.0\n    labels: { isolint.tenant: green }\n",
    });
    const kernels = await kernelsOf(dir);
    expect(kernels.map((k) => [k.name, k.workloads.map((w) => w.name), k.tenants])).toEqual([["Docker host (compose.yaml)", ["web", "debug"], ["blue", "green"]]]);
  });
  it("a named override that overrides a service of the base joins it (docker compose -f compose.yaml -f compose.prod.yaml)", async () => {
    const dir = tree({
      "compose.yaml": "services:\n  web:\n    image: reg.example.com/web:1.0\n    labels: { isolint.tenant: blue }\n",
      "compose.prod.yaml": "services:\n  web:\n    restart: always\n  worker:\n    image: reg.example.com/worker:1.0\n    labels: { isolint.tenant: green }\n",
    });
    const kernels = await kernelsOf(dir);
    expect(kernels.map((k) => [k.name, k.workloads.map((w) => w.name), k.tenants])).toEqual([["Docker host (compose.yaml)", ["web", "worker"], ["blue", "green"]]]);
  });
  it.each([
    ["a second base name (Compose runs one of them)", "docker-compose.yml"],
    ["a named file that overrides no service of the base (a stack of its own)", "compose.green.yaml"],
  ])("%s is its own Docker host", async (_, name) => {
    const dir = tree({
      "compose.yaml": "services:\n  blue-app:\n    image: reg.example.com/blue/app:1.0\n    labels: { isolint.tenant: blue }\n",
      [name]: "services:\n  green-app:\n    image: reg.example.com/green/app:1.0\n    labels: { isolint.tenant: green }\n",
    });
    const kernels = await kernelsOf(dir);
    expect(kernels.map((k) => [k.name, k.workloads.map((w) => w.name), k.tenants]).sort()).toEqual(
      [
        ["Docker host (compose.yaml)", ["blue-app"], ["blue"]],
        [`Docker host (${name})`, ["green-app"], ["green"]],
      ].sort(),
    );
  });
  it("an isolint.trust label is read whatever its case", async () => {
    const dir = tree({ "compose.yaml": "services:\n  a:\n    image: reg.example.com/a:1.0\n    labels: { isolint.trust: Untrusted }\n  b:\n    image: reg.example.com/b:1.0\n" });
    expect((await kernelsOf(dir))[0]!.workloads.map((w) => w.trust)).toEqual(["untrusted", "trusted"]);
  });
});

describe("include: loads the files it lists, not the overrides beside them", () => {
  it("an included file's compose.override.yaml doesn't sandbox its service in the includer's project", async () => {
    const dir = tree({
      "compose.yaml": "include:\n  - plugins/compose.yaml\nservices:\n  api:\n    image: registry.example.com/api:1.0.0\n",
      "plugins/compose.yaml": "services:\n  plugin:\n    image: registry.example.com/plugin:1.0.0\n    labels: { isolint.trust: untrusted }\n",
      "plugins/compose.override.yaml": "services:\n  plugin:\n    runtime: runsc\n",
    });
    const kernels = await kernelsOf(dir);
    expect(kernels.map((k) => [k.boundary, k.workloads.map((w) => `${w.name}:${w.trust}:${w.runtime}`)])).toEqual([["shared-host-kernel", ["api:trusted:null", "plugin:untrusted:null"]]]);
  });
});

describe("an override beside a Compose file that a VM runs", () => {
  it("runs in that VM too", async () => {
    const dir = tree({
      "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    labels: { isolint.tenant: acme }\n",
      "compose.override.yaml": "services:\n  other:\n    image: nginx:1.27\n    labels: { isolint.tenant: globex }\n",
      "box.vm.yaml": "apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata: { name: box }\nspec: { cpus: 2, memory: 2GiB, workloads: [{ name: app, compose: ./compose.yaml }] }\n",
    });
    const kernels = await kernelsOf(dir);
    expect(kernels.map((k) => [k.name, k.workloads.map((w) => w.name), k.tenants])).toEqual([["box", ["web", "other"], ["acme", "globex"]]]);
  });
});

describe("projects as Compose runs them: includes, overrides, and the VMs that run them", () => {
  const rules = async (dir: string, paths: string[] = ["."]) => {
    const { lint } = await import("./helpers/lint.js");
    return (await lint(dir, paths, { noConfig: true })).filter((f) => ["multi-tenant-requires-vm", "untrusted-requires-sandbox", "prefer-container-for-single-tenant"].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.file}:${f.line}`);
  };
  it("a tenant mix from an included file is reported at the include: entry when only the includer is linted", async () => {
    const dir = tree({
      "compose.yaml": "include:\n  - tenants.yml\nservices:\n  proxy:\n    image: traefik:v3.1\n",
      "tenants.yml": "services:\n  blue:\n    image: x/blue:1\n    labels: { isolint.tenant: blue }\n  green:\n    image: x/green:1\n    labels: { isolint.tenant: green, isolint.trust: untrusted }\n",
    });
    expect(await rules(dir, ["compose.yaml"])).toEqual(["multi-tenant-requires-vm compose.yaml:2", "untrusted-requires-sandbox compose.yaml:2"]);
    // A scan of the folder lints the included file too (whatever its name): at the workload there.
    expect(await rules(dir)).toEqual(["multi-tenant-requires-vm tenants.yml:5", "untrusted-requires-sandbox tenants.yml:5"]);
  });
  it("labels and runtime: set in compose.override.yaml count", async () => {
    const base = "services:\n  shop:\n    image: ghcr.io/acme/shop:1.0\n    labels: { isolint.tenant: acme }\n  partner:\n    image: ghcr.io/globex/feed:2.0\n";
    const labelled = tree({ "compose.yaml": base, "compose.override.yaml": "services:\n  partner:\n    labels:\n      isolint.tenant: globex\n      isolint.trust: untrusted\n" });
    expect(await rules(labelled)).toEqual(["multi-tenant-requires-vm compose.yaml:5", "untrusted-requires-sandbox compose.yaml:5"]);
    const sandboxed = tree({ "compose.yaml": base.replace("feed:2.0\n", 'feed:2.0\n    labels: ["isolint.tenant=globex"]\n'), "compose.override.yaml": "services:\n  partner:\n    runtime: runsc\n" });
    expect(await rules(sandboxed)).toEqual([]);
  });
  it("a VM runs what its Compose file includes, and the base a named override merges into", async () => {
    const vm = (compose: string) => `apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata: { name: app, tenant: acme }\nspec:\n  cpus: 2\n  memory: 2GiB\n  workloads:\n    - { name: app, compose: ${compose} }\n`;
    const included = tree({
      "app/compose.yaml": "include:\n  - ../runner/compose.yaml\nservices:\n  api:\n    image: ghcr.io/acme/api:1.0\n",
      "runner/compose.yaml": "services:\n  runner:\n    image: ghcr.io/acme/runner:2.0\n    labels: { isolint.trust: untrusted }\n",
      "app.vm.yaml": vm("app/compose.yaml"),
    });
    expect((await kernelsOf(included)).map((k) => [k.name, k.workloads.map((w) => w.name)])).toEqual([["app", ["api", "runner"]]]);
    const prod = tree({
      "app/compose.yaml": "services:\n  api:\n    image: ghcr.io/acme/api:1.0\n  worker:\n    image: ghcr.io/acme/worker:1.0\n",
      "app/compose.prod.yaml": "services:\n  api:\n    image: ghcr.io/acme/api:1.1\n",
      "prod.vm.yaml": vm("app/compose.prod.yaml"),
    });
    expect((await kernelsOf(prod)).map((k) => [k.name, k.workloads.map((w) => w.name)])).toEqual([["app", ["api", "worker"]]]);
  });
});

describe("projects a VM runs: named overrides, deep includes, a base and its override named twice", () => {
  const rules = async (dir: string, paths: string[] = ["."]) => {
    const { lint } = await import("./helpers/lint.js");
    return (await lint(dir, paths, { noConfig: true })).filter((f) => ["multi-tenant-requires-vm", "untrusted-requires-sandbox"].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.file}:${f.line}`);
  };
  it("a VM that names compose.prod.yaml sees that file's labels", async () => {
    const dir = tree({
      "app/compose.yaml": "services:\n  web: {image: nginx:1.27, labels: {isolint.tenant: acme}}\n  worker: {image: redis:7, labels: {isolint.tenant: acme}}\n",
      "app/compose.prod.yaml": "services:\n  worker:\n    labels: {isolint.tenant: globex, isolint.trust: untrusted}\n",
      "vms/prod.vm.yaml": "apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata: {name: prod}\nspec: {cpus: 2, memory: 2GiB, workloads: [{name: app, compose: ../app/compose.prod.yaml}]}\n",
    });
    expect((await rules(dir)).sort()).toEqual(["multi-tenant-requires-vm vms/prod.vm.yaml:3", "untrusted-requires-sandbox app/compose.yaml:3"]);
  });
  it("a finding from a file included two levels down goes to the named file's include: entry", async () => {
    const dir = tree({
      "a/compose.yaml": "include: [../b/compose.yaml]\nservices: {web: {image: nginx:1.27}}\n",
      "b/compose.yaml": "include: [../c/compose.yaml]\nservices: {api: {image: redis:7}}\n",
      "c/compose.yaml": "services: {runner: {image: alpine:3.20, labels: {isolint.trust: untrusted}}}\n",
    });
    expect(await rules(dir, ["a/compose.yaml"])).toEqual(["untrusted-requires-sandbox a/compose.yaml:1"]);
  });
  it("a VM that names a base and its override runs each service once", async () => {
    const dir = tree({
      "app/compose.yaml": "services:\n  web: {image: nginx:1.27}\n  job: {image: alpine:3.20, labels: {isolint.trust: untrusted}}\n",
      "app/compose.override.yaml": "services: {web: {mem_limit: 256m}}\n",
      "vm.vm.yaml": "apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata: {name: one, tenant: acme}\nspec: {cpus: 2, memory: 2GiB, workloads: [{name: base, compose: app/compose.yaml}, {name: dev, compose: app/compose.override.yaml}]}\n",
    });
    expect((await kernelsOf(dir)).map((k) => k.workloads.map((w) => w.name))).toEqual([["web", "job"]]);
  });
});
