import { lint } from "./helpers/lint.js";
import { describe, expect, it } from "vitest";
import { cli, tree } from "./helpers/cli.js";

const DOCKERFILE = "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n";
const COMPOSE = `services:
  web:
    image: docker.io/library/nginx:1.27
    labels: { isolint.tenant: acme }
  api:
    image: registry.example.com/acme/api:1.4
    read_only: true
    labels: { isolint.tenant: acme }
`;

/** Runs `isolint audit` on a tree with this config and expects exit 2 with this message. */
function expectConfigError(files: Record<string, string>, message: string | RegExp, args: string[] = []): void {
  const r = cli(["audit", ...args], tree({ Dockerfile: DOCKERFILE, ...files }));
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toMatch(/\n\s+at /);
  if (typeof message === "string") expect(r.stderr).toBe(`isolint: ${message}\n`);
  else expect(r.stderr).toMatch(message);
  expect(r.status).toBe(2);
}

describe("config file", () => {
  it("is found in the cwd or a parent up to the repository root", () => {
    const dir = tree({ ".isolint.yaml": "rules:\n  no-root-user: off\n", "sub/deeper/Dockerfile": DOCKERFILE, ".git/HEAD": "ref: x\n" });
    const r = cli(["audit", ".", "--format", "json"], `${dir}/sub`);
    expect(JSON.parse(r.stdout).findings.some((f: { ruleId: string }) => f.ruleId === "no-root-user")).toBe(false);
    expect(r.status).toBe(0);
    // --no-config ignores it
    expect(cli(["audit", ".", "--no-config"], `${dir}/sub`).status).toBe(1);
  });
  it("is not read above the repository root", () => {
    const dir = tree({ ".isolint.yaml": "rules:\n  no-root-user: off\n", "repo/.git/HEAD": "x", "repo/Dockerfile": DOCKERFILE });
    expect(cli(["audit"], `${dir}/repo`).status).toBe(1);
  });
  it("applies severities, options, overrides and ignore globs", () => {
    const dir = tree({
      ".isolint.yaml": `failOn: warning
ignore: ["legacy/**"]
rules:
  healthcheck-defined: off
overrides:
  - files: ["examples/**"]
    rules: { no-root-user: warning }
`,
      "legacy/Dockerfile": DOCKERFILE,
      "examples/Dockerfile": DOCKERFILE,
    });
    const r = JSON.parse(cli(["audit", ".", "--format", "json"], dir).stdout);
    expect(r.findings.map((f: { file: string; ruleId: string; severity: string }) => `${f.file} ${f.ruleId} ${f.severity}`)).toEqual(["examples/Dockerfile no-root-user warning"]);
    expect(cli(["audit"], dir).status).toBe(1); // failOn: warning
  });
  it("--config names a file explicitly", () => {
    const dir = tree({ "ci/isolint.yml": "rules: { no-root-user: info }\n", Dockerfile: DOCKERFILE });
    expect(cli(["audit", "--config", "ci/isolint.yml"], dir).status).toBe(0);
  });

  describe("errors are exit 2 with the file, line, key path and reason", () => {
    it("unknown rule, with a suggestion", () =>
      expectConfigError({ ".isolint.yaml": "rules:\n  memory-limt: off\n" }, ".isolint.yaml:2: rules.memory-limt: unknown rule (did you mean memory-limit?)"));
    it("unknown rule inside overrides", () =>
      expectConfigError({ ".isolint.yaml": "overrides:\n  - files: [a]\n    rules:\n      no-rot-user: off\n" }, ".isolint.yaml:4: overrides[0].rules.no-rot-user: unknown rule (did you mean no-root-user?)"));
    it("unknown top-level key", () => expectConfigError({ ".isolint.yaml": "failon: error\n" }, ".isolint.yaml:1: failon: unknown key (did you mean failOn?)"));
    it("bad severity", () =>
      expectConfigError({ ".isolint.yaml": "rules:\n  no-root-user: fatal\n" }, ".isolint.yaml:2: rules.no-root-user: must be a severity (off, info, warning or error) or [severity, { options }]"));
    it("bad failOn", () => expectConfigError({ ".isolint.yaml": "failOn: sometimes\n" }, ".isolint.yaml:1: failOn: must be one of error, warning, info, never"));
    it("wrong type", () => expectConfigError({ ".isolint.yaml": "ignore: legacy/**\n" }, ".isolint.yaml:1: ignore: must be a list"));
    it("unknown rule option", () =>
      expectConfigError(
        { ".isolint.yaml": "rules:\n  bind-published-ports: [error, { allowInterface: [\"10.0.0.1\"] }]\n" },
        '.isolint.yaml:2: rules.bind-published-ports: unknown option "allowInterface" (did you mean allowInterfaces?); options: allowInterfaces',
      ));
    it("options of the wrong type", () =>
      expectConfigError({ ".isolint.yaml": "rules:\n  bind-published-ports: [error, { allowInterfaces: 10 }]\n" }, /rules\.bind-published-ports: option allowInterfaces must be array/));
    it("options for a rule that takes none", () =>
      expectConfigError({ ".isolint.yaml": "rules:\n  no-root-user: [error, { strict: true }]\n" }, ".isolint.yaml:2: rules.no-root-user: the rule no-root-user takes no options"));
    it("YAML syntax error", () => expectConfigError({ ".isolint.yaml": "rules:\n  no-root-user: [error\n" }, /^isolint: \.isolint\.yaml:\d+: YAML syntax error: /));
    it("not a map", () => expectConfigError({ ".isolint.yaml": "- rules\n" }, ".isolint.yaml:1: the config must be a map of settings (failOn, rules, …)"));
    it("bad maxFileSize", () => expectConfigError({ ".isolint.yaml": "maxFileSize: huge\n" }, ".isolint.yaml:1: maxFileSize: must be a number of bytes or a size such as 5MiB"));
    it("--config that doesn't exist", () => expectConfigError({}, "nope.yaml: config file not found", ["--config", "nope.yaml"]));
  });
});

const REGISTRY_POLICY = `id: approved-registry
severity: error
principle: minimal-footprint
kinds: [compose, dockerfile]
title: Images come from registry.example.com
why: Images from elsewhere have not been scanned, signed or mirrored by the platform team.
triggers: A Compose image or a Dockerfile FROM whose registry is not registry.example.com.
fix: Mirror the image into registry.example.com and use it from there.
match:
  - select: service
    where:
      image: { exists: true }
      not:
        imageRegistry: registry.example.com
    report: image
    message: "Service {{service}} uses {{image}}, which is not from registry.example.com."
  - select: instruction
    where:
      keyword: FROM
      image: { exists: true }
      not:
        imageRegistry: registry.example.com
    message: "FROM {{image}} is not from registry.example.com."
`;

const READ_ONLY_POLICY = `id: acme-read-only
severity: warning
principle: filesystem-isolation
kinds: [compose]
title: acme's services run read-only
why: The acme contract requires immutable containers.
triggers: A service labelled isolint.tenant acme without read_only true.
fix: "Set read_only: true."
match:
  select: service
  where:
    tenant: acme
    not:
      read_only: true
  message: "Service {{service}} of tenant acme must set read_only: true."
`;

describe("exists: false in a policy", () => {
  it("also looks at compose.override.yaml for normalized fields (capDrop, labelMap[…], imageTag)", () => {
    const policy = (where: string) =>
      READ_ONLY_POLICY.replace("id: acme-read-only", "id: acme-lacks").replace("    tenant: acme\n    not:\n      read_only: true\n", `    ${where}: { exists: false }\n`);
    for (const where of ["capDrop", "labelMap[com.example.team]", "securityOpts", "imageTag", "cap_drop"]) {
      const files = {
        "p.yaml": policy(where),
        "compose.yaml": "services:\n  web:\n    image: nginx\n",
        "compose.override.yaml": "services:\n  web:\n    image: nginx:1.27\n    labels: { com.example.team: web }\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n",
      };
      const r = cli(["audit", "--no-config", "--policy", "p.yaml", "--format", "json", "."], tree(files));
      expect(JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "acme-lacks"), where).toEqual([]);
      // Without the override, the base lacks it.
      const { "compose.override.yaml": _, ...alone } = files;
      const a = cli(["audit", "--no-config", "--policy", "p.yaml", "--format", "json", "."], tree(alone));
      expect(JSON.parse(a.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "acme-lacks").length, where).toBe(1);
    }
  });
});

describe("not as a test in a policy, with compose.override.yaml", () => {
  const policy = READ_ONLY_POLICY.replace("    tenant: acme\n    not:\n      read_only: true\n", "    read_only: { not: { equals: true } }\n").replace("Service {{service}} of tenant acme must set read_only: true.", "{{service}} read_only={{value}}");
  const run = (files: Record<string, string>) =>
    JSON.parse(cli(["audit", "--no-config", "--policy", "p.yaml", "--format", "json", "."], tree({ "p.yaml": policy, ...files })).stdout)
      .findings.filter((f: { ruleId: string }) => f.ruleId === "acme-read-only")
      .map((f: { file: string; line: number; message: string }) => `${f.file}:${f.line} ${f.message}`);
  it("reports once, at the service (not at the base's compliant value), with the other conditions of the base", () => {
    expect(run({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n", "compose.override.yaml": "services:\n  web:\n    read_only: false\n" })).toEqual(["compose.yaml:2 web read_only="]);
    // The tenant is the base's: the override's partial service alone has none.
    const tenanted = READ_ONLY_POLICY.replace("    not:\n      read_only: true\n", "    read_only: { not: { equals: true } }\n");
    const r = cli(["audit", "--no-config", "--policy", "p.yaml", "--format", "json", "."], tree({ "p.yaml": tenanted, "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    labels: { isolint.tenant: acme }\n    read_only: true\n", "compose.override.yaml": "services:\n  web:\n    read_only: false\n" }));
    expect(JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "acme-read-only").map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(["compose.yaml:2"]);
    expect(run({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    read_only: false\n", "compose.override.yaml": "services:\n  web:\n    read_only: true\n" })).toEqual([]);
    expect(run({ "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    read_only: false\n" })).toEqual(["compose.yaml:4 web read_only=false"]);
  });
});

describe("a policy's tenant field", () => {
  it("is the config's tenants: glob when no label says (as the isolation map and tenancy rules read it)", async () => {
    const dir = tree({
      ".isolint.yaml": "policies: [policies/read-only.yaml]\ntenants: { acme: [\"tenants/acme/**\"] }\n",
      "policies/read-only.yaml": READ_ONLY_POLICY,
      "tenants/acme/compose.yaml": "services:\n  db:\n    image: registry.example.com/postgres:16\n",
      "tenants/globex/compose.yaml": "services:\n  db:\n    image: registry.example.com/postgres:16\n",
    });
    const findings = await lint(dir);
    expect(findings.filter((f) => f.ruleId === "acme-read-only").map((f) => `${f.file}:${f.line}`)).toEqual(["tenants/acme/compose.yaml:2"]);
  });
});

describe("policies", () => {
  const files = { Dockerfile: DOCKERFILE, "compose.yaml": COMPOSE, "policies/registry.yaml": REGISTRY_POLICY, "policies/read-only.yaml": READ_ONLY_POLICY, ".isolint.yaml": 'policies: ["policies/*.yaml"]\n' };

  it("fire at the matched node, in every kind they name", () => {
    const r = JSON.parse(cli(["audit", ".", "--format", "json"], tree(files)).stdout);
    const mine = r.findings.filter((f: { ruleId: string }) => f.ruleId === "approved-registry" || f.ruleId === "acme-read-only");
    expect(mine.map((f: { ruleId: string; file: string; line: number; severity: string; message: string }) => [f.ruleId, f.file, f.line, f.severity, f.message])).toEqual([
      ["approved-registry", "Dockerfile", 1, "error", "FROM python:3.12-slim is not from registry.example.com."],
      ["acme-read-only", "compose.yaml", 2, "warning", "Service web of tenant acme must set read_only: true."],
      ["approved-registry", "compose.yaml", 3, "error", "Service web uses docker.io/library/nginx:1.27, which is not from registry.example.com."],
    ]);
  });
  it("appear in rules and explain like built-ins", () => {
    const dir = tree(files);
    const rules = JSON.parse(cli(["rules", "--format", "json"], dir).stdout);
    expect(rules.find((r: { id: string }) => r.id === "acme-read-only")).toMatchObject({ severity: "warning", declarative: true, source: "policies/read-only.yaml" });
    expect(cli(["explain", "approved-registry"], dir).stdout).toContain("Images come from registry.example.com");
  });
  it("obey config severities, overrides and suppressions", () => {
    const dir = tree({
      ...files,
      ".isolint.yaml": 'policies: ["policies/*.yaml"]\nrules:\n  approved-registry: off\noverrides:\n  - files: ["compose.yaml"]\n    rules: { acme-read-only: error }\n',
      "compose.yaml": COMPOSE.replace("  web:\n", "  # isolint-ignore acme-read-only -- legacy\n  web:\n"),
    });
    const r = JSON.parse(cli(["audit", ".", "--format", "json"], dir).stdout);
    expect(r.findings.filter((f: { ruleId: string }) => f.ruleId === "approved-registry")).toEqual([]);
    expect(r.findings.filter((f: { ruleId: string }) => f.ruleId === "acme-read-only")).toEqual([]);
    expect(r.summary.suppressed).toBe(1);
  });
  it("--policy adds a policy file without a config", () => {
    const dir = tree({ "compose.yaml": COMPOSE, "p.yaml": READ_ONLY_POLICY });
    const r = JSON.parse(cli(["audit", ".", "--policy", "p.yaml", "--format", "json"], dir).stdout);
    expect(r.findings.some((f: { ruleId: string }) => f.ruleId === "acme-read-only")).toBe(true);
  });

  describe("are checked when loaded: exit 2 with file, line and reason", () => {
    const withPolicy = (policy: string, message: string | RegExp) => expectConfigError({ "p.yaml": policy }, message, ["--policy", "p.yaml"]);
    it("a misspelled field, with the nearest names", () =>
      withPolicy(READ_ONLY_POLICY.replace("      read_only: true", "      read_onyl: true"), 'p.yaml:14: match.where.not.read_onyl: "read_onyl" is not a field (did you mean read_only?)'));
    it("a misspelled normalized field", () =>
      withPolicy(READ_ONLY_POLICY.replace("tenant: acme\n    not", "tenat: acme\n    not"), 'p.yaml:12: match.where.tenat: "tenat" is not a field (did you mean tenant?)'));
    it("an unknown selectable", () => withPolicy(READ_ONLY_POLICY.replace("select: service", "select: services"), /^isolint: p\.yaml:10: match\.select: must be one of .* \(did you mean service\?\)\n$/));
    it("a selectable named like an object's own property", () => withPolicy(READ_ONLY_POLICY.replace("select: service", "select: constructor"), /^isolint: p\.yaml:10: match\.select: must be one of /));
    it("a Compose key below a raw service key that the schema doesn't have", () =>
      withPolicy(READ_ONLY_POLICY.replace("      read_only: true", "      deploy.resources.limits.memry: { exists: true }"), 'p.yaml:14: match.where.not.deploy.resources.limits.memry: "deploy.resources.limits.memry" is not a Compose key (did you mean memory?)'));
    it("x- extension keys below a closed Compose key are allowed", () => {
      const r = cli(["audit", "--no-config", "--policy", "p.yaml", "."], tree({ "p.yaml": READ_ONLY_POLICY.replace("      read_only: true", "      build.x-bake.platforms: { exists: true }"), "compose.yaml": "services:\n  a:\n    image: nginx:1.27\n" }));
      expect(r.stderr).toBe("");
      expect(r.status).not.toBe(2);
    });
    it("a selectable of another kind of file than the rule's kinds", () =>
      withPolicy(READ_ONLY_POLICY.replace("select: service", "select: instruction").replace("    tenant: acme\n    not:\n      read_only: true\n", "    keyword: USER\n").replace("Service {{service}}", "{{keyword}}"), /^isolint: p\.yaml:10: match\.select: selects instruction, which is in dockerfile files, but kinds is \[compose\]\n$/));
    it("an unknown operator", () => withPolicy(READ_ONLY_POLICY.replace("tenant: acme", "tenant: { eq: acme }"), /^isolint: p\.yaml:12: match\.where\.tenant\.eq: unknown operator \(did you mean equals\?\)\n$/));
    it("a regex that can backtrack catastrophically", () =>
      withPolicy(READ_ONLY_POLICY.replace("tenant: acme", 'tenant: { matches: "(a+)+$" }'), /^isolint: p\.yaml:12: match\.where\.tenant\.matches: regex refused: nested quantifier/));
    it("a regex longer than 2 000 characters", () =>
      withPolicy(READ_ONLY_POLICY.replace("tenant: acme", `tenant: { matches: "${"a".repeat(40_000)}" }`), /^isolint: p\.yaml:12: match\.where\.tenant\.matches: regex refused: longer than 2000 characters\n$/));
    it("an invalid regex", () => withPolicy(READ_ONLY_POLICY.replace("tenant: acme", 'tenant: { matches: "([a-" }'), /^isolint: p\.yaml:12: match\.where\.tenant\.matches: invalid regex: /));
    it("an unknown placeholder", () => withPolicy(READ_ONLY_POLICY.replace("{{service}}", "{{svc}}"), /^isolint: p\.yaml:\d+: match\.message: unknown placeholder \{\{svc\}\} \(did you mean service\?\)/));
    it("a placeholder that is not a plain name (it would be printed as written)", () =>
      withPolicy(READ_ONLY_POLICY.replace("{{service}}", "{{service_name}}"), /^isolint: p\.yaml:\d+: match\.message: unknown placeholder \{\{service_name\}\}; available: value, file, service, image\n$/));
    it("a missing match", () => withPolicy(READ_ONLY_POLICY.replace(/match:[\s\S]*$/, ""), "p.yaml:1: (top level): a policy needs a match: block"));
    it("a TypeScript check", () => withPolicy(READ_ONLY_POLICY.replace(/match:[\s\S]*$/, "check: no-root-user\n"), "p.yaml:9: check: policies are declarative; write a match: block (see docs/rule-language.md)"));
    it("an unknown key", () => withPolicy(READ_ONLY_POLICY.replace("severity: warning", "severity: warning\nseverty: error"), "p.yaml:3: severty: unknown key (did you mean severity?)"));
    it("a bad severity", () => withPolicy(READ_ONLY_POLICY.replace("severity: warning", "severity: fatal"), "p.yaml:2: severity: must be one of error, warning, info"));
    it("a built-in id", () => withPolicy(READ_ONLY_POLICY.replace("id: acme-read-only", "id: no-root-user"), 'p.yaml:1: id: "no-root-user" is a built-in rule; give the policy its own id'));
    it("the same id twice", () => withPolicy(`${READ_ONLY_POLICY}---\n${READ_ONLY_POLICY}`, /p\.yaml:\d+: id: "acme-read-only" is already defined in p\.yaml/));
    it("a YAML syntax error", () => withPolicy("id: [x\n", /^isolint: p\.yaml:\d+: YAML syntax error: /));
    it("a policy file that doesn't exist", () => expectConfigError({}, /^isolint: missing\.yaml: cannot read the policy \(ENOENT\)\n$/, ["--policy", "missing.yaml"]));
    it("an empty policy file", () => expectConfigError({ "p.yaml": "# nothing yet\n" }, /^isolint: p\.yaml:1: the policy file is empty/, ["--policy", "p.yaml"]));
    it("a value compared with a whole list (it would never match)", () =>
      withPolicy(READ_ONLY_POLICY.replace("tenant: acme", "capAdd: SYS_ADMIN"), /^isolint: p\.yaml:12: match\.where\.capAdd: "capAdd" is a list: test its elements with any \/ all \/ none/));
    it("a scalar operator on a list, also under not", () =>
      withPolicy(READ_ONLY_POLICY.replace("tenant: acme", "capAdd: { not: { matches: SYS } }"), /^isolint: p\.yaml:12: match\.where\.capAdd\.not\.matches: "capAdd" is a list: matches tests one value/));
    it("a service's own x- key is a field", () => {
      const r = cli(["audit", "--no-config", "--policy", "p.yaml", "--format", "json", "."], tree({ "p.yaml": READ_ONLY_POLICY.replace("    tenant: acme\n    not:\n      read_only: true\n", "    x-team: { exists: false }\n"), "compose.yaml": "services:\n  a:\n    image: nginx:1.27\n  b:\n    image: nginx:1.27\n    x-team: payments\n" }));
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "acme-read-only").map((f: { line: number }) => f.line)).toEqual([2]);
    });
    it("a list field used without a quantifier", () =>
      withPolicy(READ_ONLY_POLICY.replace("tenant: acme", "publishedPorts.hostIp: 0.0.0.0"), /p\.yaml:12: match\.where\.publishedPorts\.hostIp: "publishedPorts" is a list; use any \/ all \/ none to test its elements/));
  });
});
