import { describe, expect, it } from "vitest";
import { cli, tree } from "./helpers/cli.js";

const STACK = {
  "compose.yaml": "services:\n  web: { image: nginx:1.27, mem_limit: 256m, cpus: 0.5 }\n  api: { build: ./api, depends_on: [db] }\n  db: { image: postgres:16 }\n",
  "api/Dockerfile": "FROM node:22-slim\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
  "jobs/Dockerfile": "FROM python:3.12-slim\n",
};

describe("isolint capacity", () => {
  it("prints the table by default, exit 0", () => {
    const r = cli(["capacity"], tree(STACK));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^isolint capacity — 4 workloads/);
    expect(r.stdout).toContain("one VM per service");
    expect(r.stdout).toContain("Disk, typical");
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it("colours with FORCE_COLOR", () => {
    const r = cli(["capacity"], tree(STACK), { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(r.stdout).toMatch(/\u001b\[/);
  });

  it("writes CAPACITY.md's JSON, with fitOnHost when a host is given", () => {
    const dir = tree(STACK);
    const none = JSON.parse(cli(["capacity", "--format", "json"], dir).stdout);
    expect(none.scenarios.map((s: { fitOnHost: unknown }) => s.fitOnHost)).toEqual([null, null, null]);
    const r = cli(["capacity", ".", "--format", "json", "--host-memory", "64GiB", "--host-cpus", "16", "--host-disk", "500GiB"], dir);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.services.map((s: { name: string }) => s.name)).toEqual(["api", "db", "web", "jobs/Dockerfile"]);
    const [containers, vms] = json.scenarios;
    expect(containers.fitOnHost).toBeGreaterThan(vms.fitOnHost);
    expect(json.host).toMatchObject({ memoryBytes: 64 * 1024 ** 3, cpus: 16, diskBytes: 500 * 1024 ** 3 });
  });

  it("writes Markdown for a job summary, and to a file with --output", () => {
    const dir = tree(STACK);
    expect(cli(["capacity", "--format", "markdown"], dir).stdout).toMatch(/^## isolint capacity\n/);
    const r = cli(["capacity", "-o", "cap.md", "--format", "markdown"], dir);
    expect(r.stdout).toBe("");
  });

  it("takes overrides from the config and --set", () => {
    const dir = tree({ ...STACK, ".isolint.yaml": "capacity:\n  guestOsBytes: 500000000\n  imageSizes: { postgres: 400000000 }\n" });
    const json = JSON.parse(cli(["capacity", "--format", "json", "--set", "vmBootSeconds=20"], dir).stdout);
    const named = (n: string) => json.assumptions.find((a: { name: string }) => a.name === n);
    expect(named("guestOsBytes")).toMatchObject({ value: 500000000, overridden: true });
    expect(named("vmBootSeconds")).toMatchObject({ value: 20, overridden: true });
    expect(json.services.find((s: { name: string }) => s.name === "db").imageBytes).toBe(400000000);
    const off = JSON.parse(cli(["capacity", "--format", "json", "--no-config"], dir).stdout);
    expect(off.assumptions.find((a: { name: string }) => a.name === "guestOsBytes").value).toBe(700000000);
  });

  it("hostsNeeded counts the disk too: no fewer hosts than the stack's disk fills", () => {
    const json = JSON.parse(cli(["capacity", "--format", "json", "--host-disk", "2GB", "--host-cpus", "64", "--host-memory", "64GiB"], tree(STACK)).stdout);
    const vms = json.scenarios.find((s: { id: string }) => s.id === "vm-per-service");
    expect(vms.fitOnHost).toBe(0);
    expect(vms.fitLimitedBy).toBe("disk");
    expect(vms.hostsNeeded).toBe(Math.ceil(vms.diskBytes.typical / 2e9));
    expect(vms.hostsNeeded).toBeGreaterThan(1);
  });

  it("a Compose file that two VMs run is counted in each (one VM per tenant)", () => {
    const vm = (name: string) => `apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata: { name: ${name} }\nspec: { cpus: 1, memory: 1GiB, workloads: [ { name: shop, compose: shop/compose.yaml } ] }\n`;
    const one = JSON.parse(cli(["capacity", "--format", "json", "--no-config"], tree({ "shop/compose.yaml": "services:\n  shop:\n    image: nginx:1.27\n", "a.vm.yaml": vm("a") })).stdout);
    const two = JSON.parse(cli(["capacity", "--format", "json", "--no-config"], tree({ "shop/compose.yaml": "services:\n  shop:\n    image: nginx:1.27\n", "a.vm.yaml": vm("a"), "b.vm.yaml": vm("b") })).stdout);
    const disk = (j: { scenarios: { id: string; diskBytes: { typical: number } }[] }) => j.scenarios.find((s) => s.id === "declared-vms")!.diskBytes.typical;
    expect(disk(two)).toBe(2 * disk(one));
  });

  it("leaves out a file that doesn't parse, and says so on stderr", () => {
    const r = cli(["capacity", "--format", "json"], tree({ ...STACK, "broken/compose.yaml": "services: [\n" }));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("isolint: left out 1 file that could not be parsed: broken/compose.yaml (isolint audit says why)\n");
    expect(JSON.parse(r.stdout).services).toHaveLength(4);
  });

  it("leaves out a Dockerfile that doesn't parse: no workload for it", () => {
    const r = cli(["capacity", "--format", "json"], tree({ ...STACK, "empty/Dockerfile": "" }));
    expect(r.stderr).toBe("isolint: left out 1 file that could not be parsed: empty/Dockerfile (isolint audit says why)\n");
    expect(JSON.parse(r.stdout).services.map((s: { name: string }) => s.name)).not.toContain("empty/Dockerfile");
    expect(JSON.parse(r.stdout).services).toHaveLength(4);
  });

  it("--set workingSets.<image>.<level> sets one level of an image's working set", () => {
    const json = JSON.parse(cli(["capacity", "--format", "json", "--set", "workingSets.postgres.high=2GB"], tree(STACK)).stdout);
    const db = json.services.find((w: { name: string }) => w.name === "db");
    expect(db.memoryBytesRange).toEqual({ low: 50e6, typical: 200e6, high: 2e9 });
  });

  it("says which values it could not read (and prices the service as if they were not set)", () => {
    const r = cli(["capacity", "--format", "json"], tree({ "compose.yaml": "services:\n  w:\n    image: nginx:1.27\n    mem_limit: lots\n    cpus: -1\n    deploy:\n      replicas: two\n  ok: { image: nginx:1.27, mem_limit: 0, cpus: 0.5 }\n" }));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'isolint: compose.yaml:4: services.w.mem_limit: "lots" is not a size (e.g. 512m, 1g): ignored, as if it were not set\n' +
        'isolint: compose.yaml:7: services.w.deploy.replicas: "two" is not a whole number up to 100000: ignored, as if it were not set\n',
    );
    const w = JSON.parse(r.stdout).services.find((x: { name: string }) => x.name === "w");
    expect([w.memorySource, w.cpusSource, w.replicas]).toEqual(["default", "default", 1]);
  });

  it("exits 2 on an unknown override, with a did-you-mean", () => {
    const dir = tree(STACK);
    const r = cli(["capacity", "--set", "guestOSBytes=1GB"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("isolint: --set guestOSBytes: unknown constant (did you mean guestOsBytes?); docs/capacity.md lists them\n");
    const c = cli(["capacity"], tree({ ...STACK, ".isolint.yaml": "capacity:\n  vmBootSecond: 20\n" }));
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/^isolint: \.isolint\.yaml:2: capacity\.vmBootSecond: unknown constant \(did you mean vmBootSeconds\?\)/);
    // The same config error stops isolint audit too (exit 2), not only isolint capacity.
    const a = cli(["audit", "."], tree({ ...STACK, ".isolint.yaml": "capacity:\n  vmBootSecond: 20\n" }));
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/^isolint: \.isolint\.yaml:2: capacity\.vmBootSecond: unknown constant/);
    expect(cli(["capacity", "--host-memory", "lots"], dir).status).toBe(2);
    // A fraction above 100 % would make sizes negative; a range set in part must stay ordered.
    expect(cli(["capacity", "--set", "imageSizeUncertainty=150%"], dir).stderr).toBe('isolint: --set imageSizeUncertainty: "150%" is more than 100 %\n');
    const ws = cli(["capacity"], tree({ ...STACK, ".isolint.yaml": "capacity:\n  workingSets:\n    postgres: { typical: 1GB }\n" }));
    expect(ws.status).toBe(2);
    expect(ws.stderr).toMatch(/^isolint: \.isolint\.yaml:2: capacity\.workingSets\.postgres: needs low ≤ typical ≤ high \(got 50000000, 1000000000, 600000000/);
    expect(cli(["capacity", "--set", "workingSets.postgres.typical=1GB"], dir).status).toBe(2);
    expect(cli(["capacity", "--set", "imageSizes.acme/api.typical=1GB"], dir).stderr).toMatch(/an image size is one value/);
    // capacity and map read files; only audit reads stdin.
    for (const cmd of ["capacity", "map"]) {
      const r = cli([cmd, "-"], dir, { input: "services: {w: {image: nginx}}\n" });
      expect([r.status, r.stdout]).toEqual([2, ""]);
      expect(r.stderr).toMatch(new RegExp(`^isolint: ${cmd} reads files, not stdin`));
    }
    expect(cli(["capacity", "--format", "xml"], dir).status).toBe(2);
  });
});
