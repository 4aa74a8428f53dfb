import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tree } from "./helpers/cli.js";

const ROOT_DOCKERFILE = "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n";
const CLEAN_DOCKERFILE = 'FROM python:3.12-slim\nUSER 10001\nHEALTHCHECK CMD ["python", "-c", "1"]\nCMD ["python", "app.py"]\n';
const WARN_ONLY = 'FROM python:3.12-slim\nUSER 10001\nHEALTHCHECK CMD ["true"]\nCMD python app.py\n';

describe("exit codes", () => {
  it("0 when nothing reaches the fail-on level, 1 when something does", () => {
    expect(cli(["audit", "."], tree({ Dockerfile: CLEAN_DOCKERFILE })).status).toBe(0);
    expect(cli(["audit", "."], tree({ Dockerfile: ROOT_DOCKERFILE })).status).toBe(1);
    expect(cli(["."], tree({ Dockerfile: ROOT_DOCKERFILE })).status).toBe(1);
  });
  it("follows --fail-on", () => {
    const dir = tree({ Dockerfile: WARN_ONLY });
    expect(cli(["audit"], dir).status).toBe(0);
    expect(cli(["audit", "--fail-on", "warning"], dir).status).toBe(1);
    expect(cli(["audit", "--fail-on", "never"], tree({ Dockerfile: ROOT_DOCKERFILE })).status).toBe(0);
  });
  it("2 with a one-line message for usage errors, never a stack trace", () => {
    const dir = tree({ Dockerfile: CLEAN_DOCKERFILE });
    for (const args of [["--bogus"], ["--format", "xml"], ["--fail-on", "sometimes"], ["audit", "missing-dir"], ["explain"], ["-"], ["--kind", "helm", "Dockerfile"]]) {
      const r = cli(args, dir);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n").length, r.stderr).toBeLessThanOrEqual(2);
      expect(r.stderr).toMatch(/^isolint: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
  it("names a missing path", () => {
    expect(cli(["audit", "nope"], tree({})).stderr).toBe("isolint: nope: no such file or directory\n");
  });
  it("says so when a folder holds nothing to lint (exit 0)", () => {
    const r = cli(["audit", "docs"], tree({ "docs/README.md": "# hi\n", "docs/k8s.yaml": "apiVersion: v1\nkind: ConfigMap\n" }));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("isolint: nothing to lint in docs: no Dockerfile, Compose file or VM spec there (they are found by name; VM specs also by content)\n");
  });
});

describe("JSON report", () => {
  const dir = tree({ "b/Dockerfile": ROOT_DOCKERFILE, "a/Dockerfile": "FROM alpine\nUSER root\nEXPOSE 22 99999\n", "a/compose.yaml": "services:\n  web:\n    image: nginx\n    privileged: true\n" });
  const r = cli(["audit", ".", "--format", "json"], dir);
  const report = JSON.parse(r.stdout);

  it("has the contract's shape", () => {
    expect(Object.keys(report)).toEqual(["version", "findings", "summary"]);
    expect(report.version).toBe("1.0.0");
    expect(Object.keys(report.summary)).toEqual(["files", "errors", "warnings", "infos", "suppressed"]);
    expect(report.summary.files).toBe(3);
    for (const f of report.findings) {
      expect(Object.keys(f)).toEqual(["ruleId", "severity", "file", "line", "column", "endLine", "endColumn", "message", "principle", "fix"]);
      expect(["error", "warning", "info"]).toContain(f.severity);
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.file).not.toMatch(/\\/);
    }
  });
  it("is sorted by file, line, column, rule", () => {
    const keys = report.findings.map((f: { file: string; line: number; column: number; ruleId: string }) => [f.file, f.line, f.column, f.ruleId]);
    const sorted = [...keys].sort((x: (string | number)[], y: (string | number)[]) => {
      for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
      return 0;
    });
    expect(keys).toEqual(sorted);
  });
  it("is byte-for-byte the same on a second run", () => {
    expect(cli(["audit", ".", "--format", "json"], dir).stdout).toBe(r.stdout);
  });
  it("counts what it reports", () => {
    const count = (s: string) => report.findings.filter((f: { severity: string }) => f.severity === s).length;
    expect(report.summary).toMatchObject({ errors: count("error"), warnings: count("warning"), infos: count("info") });
  });
  it("--quiet keeps errors only", () => {
    const q = JSON.parse(cli(["audit", ".", "--format", "json", "--quiet"], dir).stdout);
    expect(q.findings.length).toBeGreaterThan(0);
    expect(q.findings.every((f: { severity: string }) => f.severity === "error")).toBe(true);
  });
  it("--output writes the report to a file", () => {
    const out = cli(["audit", ".", "--format", "json", "--output", "report.json"], dir);
    expect(out.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(dir, "report.json"), "utf8"))).toEqual(report);
  });
  it("--output makes the folders it names", () => {
    cli(["audit", ".", "--format", "json", "--output", "reports/isolint/report.json"], dir);
    expect(JSON.parse(readFileSync(join(dir, "reports/isolint/report.json"), "utf8"))).toEqual(report);
  });
});

describe("stylish output", () => {
  const dir = tree({ Dockerfile: ROOT_DOCKERFILE });
  it("groups by file and shows line:col, severity, message, rule and principle, then a summary", () => {
    const r = cli(["audit"], dir);
    expect(r.stdout).toMatch(/^Dockerfile\n/);
    expect(r.stdout).toMatch(/ {2}1:1 +error +The final stage runs as root.*no-root-user \(least-privilege\)/);
    expect(r.stdout).toMatch(/✖ \d+ problems? \(1 error, 0 warnings, \d+ infos?\) in 1 file\n$/);
  });
  it("colours only when asked: NO_COLOR wins, FORCE_COLOR forces", () => {
    expect(cli(["audit"], dir).stdout).not.toMatch(/\u001b\[/);
    expect(cli(["audit"], dir, { env: { FORCE_COLOR: "1", NO_COLOR: undefined } }).stdout).toMatch(/\u001b\[31m/);
    expect(cli(["audit"], dir, { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).not.toMatch(/\u001b\[/);
  });
  it("says so when there is nothing to report", () => {
    expect(cli(["audit"], tree({ Dockerfile: CLEAN_DOCKERFILE })).stdout).toBe("✔ no problems in 1 file\n");
  });
});

describe("stdin and --kind", () => {
  it("lints stdin with --kind", () => {
    const r = cli(["audit", "-", "--kind", "dockerfile", "--format", "json"], tree({}), { input: ROOT_DOCKERFILE });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.some((f: { file: string; ruleId: string }) => f.file === "<stdin>" && f.ruleId === "no-root-user")).toBe(true);
  });
  it("judges an explicitly named file by content when its name doesn't tell", () => {
    const dir = tree({ "stack.yml": "services:\n  app:\n    image: app:1.0\n    privileged: true\n", "build.txt": ROOT_DOCKERFILE });
    const r = JSON.parse(cli(["audit", "stack.yml", "build.txt", "--format", "json"], dir).stdout);
    expect(r.findings.some((f: { file: string; ruleId: string }) => f.file === "stack.yml" && f.ruleId === "no-privileged")).toBe(true);
    expect(r.findings.some((f: { file: string; ruleId: string }) => f.file === "build.txt" && f.ruleId === "no-root-user")).toBe(true);
  });
});

describe("version, rules, explain", () => {
  it("prints the package version", () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, "../package.json"), "utf8"));
    expect(cli(["--version"], tree({})).stdout.trim()).toBe(pkg.version);
  });
  it("rules --format json lists every rule id of RULES.md", () => {
    const rules = JSON.parse(cli(["rules", "--format", "json"], tree({})).stdout) as { id: string; severity: string; principle: string; kinds: string[] }[];
    const specPath = resolve(import.meta.dirname, "../../shared/spec/RULES.md");
    const ids = existsSync(specPath)
      ? [...readFileSync(specPath, "utf8").matchAll(/^\| `([a-z-]+)` \| (error|warning|info) \|/gm)].map((m) => m[1]!)
      : ["no-root-user", "no-privileged", "multi-tenant-requires-vm", "parse-error", "schema-violation", "unused-suppression"];
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(rules.map((r) => r.id)).toContain(id);
    const root = rules.find((r) => r.id === "no-root-user")!;
    expect(root).toMatchObject({ severity: "error", principle: "least-privilege", kinds: ["dockerfile", "compose", "vm"] });
  });
  it("rules prints a table", () => {
    expect(cli(["rules"], tree({})).stdout).toMatch(/no-root-user +error +DCV +least-privilege/);
  });
  it("explain prints why, what triggers it, how to fix, an example and references", () => {
    const r = cli(["explain", "no-root-user"], tree({}));
    expect(r.status).toBe(0);
    for (const heading of ["Why", "What triggers it", "How to fix", "Example", "References"]) expect(r.stdout).toContain(heading);
    expect(r.stdout).toContain("USER 10001");
  });
  it("rules and explain write to --output like every command (CONTRACT.md common options)", () => {
    const dir = tree({});
    expect(cli(["rules", "--format", "json", "--output", "out/rules.json"], dir).stdout).toBe("");
    expect(JSON.parse(readFileSync(join(dir, "out/rules.json"), "utf8")).map((r: { id: string }) => r.id)).toContain("no-root-user");
    const r = cli(["explain", "no-root-user", "-o", "explain.txt"], dir, { env: { FORCE_COLOR: "1" } });
    expect([r.status, r.stdout]).toEqual([0, ""]);
    const text = readFileSync(join(dir, "explain.txt"), "utf8");
    expect(text).toContain("How to fix");
    expect(text).not.toMatch(/\x1b\[/); // no colour in a file
  });
  it("explain suggests the nearest rule for a typo", () => {
    const r = cli(["explain", "no-rot-user"], tree({}));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown rule "no-rot-user" (did you mean no-root-user?)');
  });
});

describe("init and baseline", () => {
  it("init writes a commented config that validates, and won't overwrite it", () => {
    const dir = tree({});
    expect(cli(["init"], dir).status).toBe(0);
    expect(readFileSync(join(dir, ".isolint.yaml"), "utf8")).toContain("# Exit 1 when a finding is at or above this level");
    expect(cli(["rules"], dir).status).toBe(0);
    const again = cli(["init"], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("already exists");
    expect(cli(["init", "--force"], dir).status).toBe(0);
  });
  it("a baseline lets old findings pass, survives line shifts and reports stale entries", () => {
    const dir = tree({ "a/Dockerfile": ROOT_DOCKERFILE, "b/Dockerfile": ROOT_DOCKERFILE });
    const w = cli(["audit", "--write-baseline", "isolint-baseline.json"], dir);
    expect(w.status).toBe(0);
    expect(w.stderr).toMatch(/wrote \d+ findings to the baseline/);
    expect(cli(["audit", "--baseline", "isolint-baseline.json"], dir).status).toBe(0);
    writeFileSync(join(dir, "a/Dockerfile"), `# moved down a line\n${ROOT_DOCKERFILE}`);
    expect(cli(["audit", "--baseline", "isolint-baseline.json"], dir).status).toBe(0);
    writeFileSync(join(dir, "b/Dockerfile"), CLEAN_DOCKERFILE);
    writeFileSync(join(dir, "c.Dockerfile"), "FROM alpine:3.20\nUSER 0\n");
    const r = cli(["audit", "--baseline", "isolint-baseline.json", "--format", "json"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/isolint: \d+ baseline entr(y|ies) no longer match/);
    const errors = JSON.parse(r.stdout).findings.filter((f: { severity: string }) => f.severity === "error");
    expect(errors.map((f: { file: string }) => f.file)).toEqual(["c.Dockerfile"]);
  });
  it("a baseline's paths are relative to its own folder: it holds from a subfolder too", () => {
    const dir = tree({ "Dockerfile": ROOT_DOCKERFILE, "sub/Dockerfile": ROOT_DOCKERFILE.replace("FROM", "FROM  ") });
    expect(cli(["audit", "--write-baseline", "isolint-baseline.json"], dir).status).toBe(0);
    const entries = JSON.parse(readFileSync(join(dir, "isolint-baseline.json"), "utf8")).findings.map((e: { file: string }) => e.file);
    expect(new Set(entries)).toEqual(new Set(["Dockerfile", "sub/Dockerfile"]));
    expect(cli(["audit", "--baseline", "../isolint-baseline.json", "."], join(dir, "sub")).status).toBe(0);
    // From the subfolder, the root Dockerfile's entries don't stand in for sub/Dockerfile's.
    writeFileSync(join(dir, "isolint-baseline.json"), JSON.stringify({ version: 2, tool: "isolint", findings: JSON.parse(readFileSync(join(dir, "isolint-baseline.json"), "utf8")).findings.filter((e: { file: string }) => e.file === "Dockerfile") }));
    expect(cli(["audit", "--baseline", "../isolint-baseline.json", "."], join(dir, "sub")).status).toBe(1);
  });
  it("a baseline written before paths were relative to its folder still matches; a subfolder run calls only its own entries stale", () => {
    const dir = tree({ "Dockerfile": ROOT_DOCKERFILE, "sub/Dockerfile": ROOT_DOCKERFILE.replace("FROM", "FROM  ") });
    expect(cli(["audit", "--write-baseline", "bl.json"], dir).status).toBe(0);
    mkdirSync(join(dir, "ci"));
    // Old form (version 1): paths as the report gave them from the root, stored in ci/.
    writeFileSync(join(dir, "ci/old.json"), JSON.stringify({ ...JSON.parse(readFileSync(join(dir, "bl.json"), "utf8")), version: 1 }));
    expect(cli(["audit", "--baseline", "ci/old.json"], dir).status).toBe(0);
    const sub = cli(["audit", "--baseline", "../bl.json", "."], join(dir, "sub"));
    expect(sub.status).toBe(0);
    expect(sub.stderr).not.toMatch(/no longer match/);
    const sarif = JSON.parse(cli(["audit", "--baseline", "bl.json", "--format", "sarif"], dir).stdout);
    expect(sarif.runs[0].results.every((r: { suppressions?: { kind: string }[] }) => r.suppressions?.[0]?.kind === "external")).toBe(true);
  });
  it("an unreadable baseline is exit 2", () => {
    const r = cli(["audit", "--baseline", "nope.json"], tree({ Dockerfile: CLEAN_DOCKERFILE }));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("isolint: cannot read the baseline nope.json: no such file\n");
  });
});

describe("large trees", () => {
  it("lint the same on two threads as on one (byte for byte)", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 900; i++) files[`svc/s${String(i).padStart(3, "0")}/Dockerfile`] = i % 3 ? ROOT_DOCKERFILE : CLEAN_DOCKERFILE;
    // Services that build Dockerfiles near the end of the list (the worker's share) and set a user.
    files["svc/compose.yaml"] = "services:\n" + [899, 897, 850].map((i) => `  s${i}:\n    build: ./s${i}\n    user: "10001"\n`).join("");
    // And one beside its Dockerfile (queued last, reserved once the Compose file is read).
    // (with a typo: the worker checks Compose files against the schema)
    files["svc/s005/compose.yaml"] = 'services:\n  five:\n    build: .\n    user: "10001"\n    restrat: always\n';
    const dir = tree(files);
    const one = cli(["audit", ".", "--format", "json"], dir, { env: { ISOLINT_WORKERS: "0" } });
    const two = cli(["audit", ".", "--format", "json"], dir);
    expect(two.status).toBe(one.status);
    expect(two.stdout).toBe(one.stdout);
    // Findings past a limit go to disk in sorted runs (both threads), merged back for the report;
    // the temp folder is gone afterwards.
    const tmp = mkdtempSync(join(tmpdir(), "isolint-spill-test-"));
    const spilled = cli(["audit", ".", "--format", "json"], dir, { env: { ISOLINT_SPILL_AFTER: "7", TMPDIR: tmp } });
    expect(spilled.stdout).toBe(one.stdout);
    const quiet = (env: Record<string, string>) => cli(["audit", ".", "--format", "json", "--quiet"], dir, { env }).stdout;
    expect(quiet({ ISOLINT_SPILL_AFTER: "5", TMPDIR: tmp })).toBe(quiet({ ISOLINT_WORKERS: "0" }));
    expect(cli(["audit", ".", "--write-baseline", "bl.json"], dir, { env: { ISOLINT_SPILL_AFTER: "3", TMPDIR: tmp } }).status).toBe(0);
    const baselined = cli(["audit", ".", "--baseline", "bl.json", "--format", "json"], dir, { env: { ISOLINT_SPILL_AFTER: "3", TMPDIR: tmp } });
    expect(baselined.status).toBe(0);
    expect(baselined.stderr).toBe("");
    expect(JSON.parse(baselined.stdout).findings).toEqual([]);
    expect(readdirSync(tmp).filter((n) => n.startsWith("isolint-spill-"))).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
    const report = JSON.parse(two.stdout);
    expect(report.summary.files).toBe(902);
    // the linked Dockerfiles were judged with their service: no no-root-user there
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === "schema-violation").map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(["svc/s005/compose.yaml:5"]);
    for (const linked of ["svc/s899/Dockerfile", "svc/s005/Dockerfile"]) {
      expect(report.findings.filter((f: { file: string; ruleId: string }) => f.file === linked && f.ruleId === "no-root-user")).toEqual([]);
    }
    expect(report.findings.filter((f: { file: string; ruleId: string }) => f.file === "svc/s898/Dockerfile" && f.ruleId === "no-root-user")).toHaveLength(1);
  }, 120_000);
});

describe("files named explicitly are judged with the Compose files around them (pre-commit)", () => {
  const files = {
    "api/Dockerfile": 'FROM node:22-slim\nCMD ["node", "server.js"]\n',
    "compose.yaml": 'services:\n  api:\n    build: ./api\n    user: "10001"\n',
    "compose.override.yaml": 'services:\n  api:\n    environment:\n      DEBUG: "1"\n',
  };
  const findings = (args: string[]) => JSON.parse(cli(["audit", "--no-config", "--format", "json", ...args], tree(files)).stdout).findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`);
  it("a Dockerfile that a service runs as a non-root user: as in a scan of the whole tree", () => {
    const whole = findings(["."]).filter((f: string) => f.startsWith("api/"));
    expect(findings(["api/Dockerfile"])).toEqual(whole);
    expect(whole).not.toContain("api/Dockerfile no-root-user");
  });
  it("an override named alone reports only what it sets, as beside its base", () => {
    expect(findings(["compose.override.yaml"])).toEqual(findings(["."]).filter((f: string) => f.startsWith("compose.override.yaml")));
  });
  it("a folder named below the working directory: the Compose files above it count too", () => {
    const whole = findings(["."]).filter((f: string) => f.startsWith("api/"));
    expect(findings(["api"])).toEqual(whole);
    expect(findings(["api/"])).toEqual(whole);
  });
});

describe("a VM spec runs the Compose file it names as docker compose -f <file> would", () => {
  const files = {
    "app/compose.yaml": "services:\n  api:\n    image: registry.example.com/api:1.0.0\n  plugin:\n    image: registry.example.com/plugin:1.0.0\n    labels: { isolint.trust: untrusted }\n",
    "vms/app.vm.yaml": "apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata:\n  name: app\n  tenant: acme\nspec:\n  cpus: 2\n  memory: 2GiB\n  workloads:\n    - name: stack\n      compose: ../app/compose.yaml\n",
  };
  const untrusted = (extra: Record<string, string>, args: string[]) =>
    JSON.parse(cli(["audit", "--no-config", "--format", "json", ...args], tree({ ...files, ...extra })).stdout)
      .findings.filter((f: { ruleId: string }) => f.ruleId === "untrusted-requires-sandbox")
      .map((f: { file: string; line: number }) => `${f.file}:${f.line}`);
  it("with the compose.override.yaml beside it (merged by default), whether the tree or the VM spec alone is linted", () => {
    const kata = { "app/compose.override.yaml": "services:\n  plugin:\n    runtime: kata\n" };
    for (const args of [["."], ["vms"], ["vms/app.vm.yaml"]]) expect(untrusted(kata, args), args.join(" ")).toEqual([]);
    for (const args of [["vms"], ["vms/app.vm.yaml"]]) expect(untrusted({}, args), args.join(" ")).toEqual(["vms/app.vm.yaml:10"]);
  });
  it("a compose: that names a VM spec (itself or another) is an invalid reference, not a Compose file", () => {
    const vm = "apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata:\n  name: a\nspec:\n  cpus: 1\n  memory: 1GiB\n  workloads:\n    - name: self\n      compose: a.vm.yaml\n";
    const r = JSON.parse(cli(["audit", "--no-config", "--format", "json", "."], tree({ "a.vm.yaml": vm })).stdout);
    expect(r.findings.filter((f: { ruleId: string }) => f.ruleId !== "prefer-container-for-single-tenant").map((f: { ruleId: string; line: number; message: string }) => `${f.ruleId} ${f.line} ${f.message}`)).toEqual([
      "invalid-reference 10 compose: a.vm.yaml is a VM spec, not a Compose file",
    ]);
  });
  it("without an override nothing names (compose.gvisor.yaml is merged only with -f)", () => {
    expect(untrusted({ "app/compose.gvisor.yaml": "services:\n  plugin:\n    runtime: runsc\n" }, ["."])).toEqual(["app/compose.yaml:4"]);
  });
});
