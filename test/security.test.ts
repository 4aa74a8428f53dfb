/**
 * Issue 9, security: configs, policies and scanned files are data. Nothing in them runs, no
 * regex from a policy can hang the linter, references stay inside the scanned folders, and
 * nothing from the linter's environment reaches its output.
 */
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_MATCH_INPUT, unsafeRegexReason } from "../src/engine/language/safe-regex.js";
import { cli, tree } from "./helpers/cli.js";
import { findingsOf, parseReport } from "./helpers/report.js";

const REPO = resolve(import.meta.dirname, "..");

function audit(dir: string, args: string[] = [], env?: NodeJS.ProcessEnv) {
  const r = cli(["audit", ".", "--format", "json", ...args], dir, { env });
  return { r, report: r.status === 2 ? null : parseReport(r.stdout) };
}

describe("YAML tags are data, never code", () => {
  // What a YAML loader with "unsafe" types would run. The yaml package knows none of these
  // tags; isolint keeps the value as plain data — as Docker Compose's parser does — so it is
  // linted like any other value.
  const payload = (file: string) => `function () { require("fs").writeFileSync(${JSON.stringify(file)}, "pwned") }`;

  it("in a Compose file: no side effect; tagged values are linted as plain values", () => {
    const dir = tree({});
    const pwned = join(dir, "PWNED");
    const files = tree({
      "compose.yaml": `services:
  web:
    image: !!js/function '${payload(pwned)}'
    user: !!python/object/apply:os.system ["touch ${pwned}"]
    labels: !custom { isolint.tenant: acme }
    command: !!js/undefined
    environment: !!python/name:os.system
    privileged: !<tag:yaml.org,2002:js/regexp> /x/
`,
    });
    const { r, report } = audit(files);
    expect(r.status).toBe(1);
    expect(existsSync(pwned)).toBe(false);
    expect(findingsOf(report!, "compose.yaml", "parse-error")).toEqual([]);
    // The function's source is just an image name (not pinned), the list a user that is not a string.
    expect(findingsOf(report!, "compose.yaml", "pinned-base-image")[0]!.message).toContain("function () {");
    const schema = findingsOf(report!, "compose.yaml", "schema-violation").map((f) => [f.line, f.message]);
    expect(schema).toContainEqual([4, expect.stringMatching(/user/)]);
    expect(schema).toContainEqual([7, expect.stringMatching(/environment/)]);
  });

  it("in .isolint.yaml: a tagged value is validated like any other (exit 2 when wrong)", () => {
    const dir = tree({});
    const pwned = join(dir, "PWNED");
    const bad = tree({ ".isolint.yaml": `failOn: !!js/function '${payload(pwned)}'\n`, Dockerfile: "FROM alpine:3.20\n" });
    const r = cli(["audit", "."], bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("isolint: .isolint.yaml:1: failOn: must be one of error, warning, info, never\n");
    expect(existsSync(pwned)).toBe(false);
    // A tag on a valid value changes nothing.
    const ok = tree({ ".isolint.yaml": "rules: !custom\n  no-root-user: !!str off\n", Dockerfile: "FROM alpine:3.20\n" });
    const { report } = audit(ok);
    expect(report!.findings.some((f) => f.ruleId === "no-root-user")).toBe(false);
  });

  it("in a policy: tags don't run, and the policy loads as data", () => {
    const dir = tree({});
    const pwned = join(dir, "PWNED");
    const files = tree({
      ".isolint.yaml": 'policies: ["p.yaml"]\n',
      "p.yaml": `id: no-latest
severity: !!js/function '${payload(pwned)}'
principle: minimal-footprint
kinds: [dockerfile]
title: t
why: w
triggers: t
fix: f
match: { select: from, where: { image: alpine }, message: "m" }
`,
      Dockerfile: "FROM alpine:3.20\n",
    });
    const r = cli(["audit", "."], files);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^isolint: p\.yaml:2: severity/);
    expect(existsSync(pwned)).toBe(false);
  });

  it("__proto__ is a key like any other: reported, never a prototype", () => {
    const files = tree({
      "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    __proto__: { prvileged: true }\n__proto__: { services: 1 }\n",
      "a.vm.yaml": "apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata: { name: a }\nspec:\n  cpus: 1\n  memory: 1GiB\n  __proto__: { cpus: 0 }\n",
    });
    const { report } = audit(files);
    expect(report!.findings.filter((f) => f.ruleId === "schema-violation").map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([
      'a.vm.yaml:7 unknown key "__proto__" in spec',
      'compose.yaml:4 unknown key "__proto__" in service "web"',
      'compose.yaml:5 unknown top-level key "__proto__"',
    ]);
    // In the config, __proto__ can't switch a rule off or set failOn through the prototype.
    for (const config of ["rules:\n  __proto__: { no-root-user: off }\n", "__proto__: { failOn: never }\n"]) {
      const r = cli(["audit", "."], tree({ ".isolint.yaml": config, Dockerfile: "FROM alpine:3.20\n" }));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^isolint: \.isolint\.yaml:\d: .*__proto__/);
    }
  });
});

describe("no code is evaluated at run time", () => {
  const DYNAMIC = [
    /\beval\s*\(/,
    /\bnew\s+Function\s*\(/,
    /(?<![\w.])Function\s*\(\s*["'`]/,
    /\bvm\s*\.\s*runIn/,
    /\bnew\s+vm\.Script\b/,
    /\bfrom\s*["'](node:)?vm["']/,
    /\b(require|import)\s*\(\s*["'](node:)?vm["']\s*\)/,
  ];
  const filesUnder = (dir: string, ext: RegExp): string[] =>
    readdirSync(dir, { recursive: true, encoding: "utf8" })
      .map((f) => join(dir, f))
      .filter((f) => ext.test(f) && statSync(f).isFile());

  // The one exception: src/boot/load-core.ts compiles isolint's own bundle (dist/core.cjs,
  // shipped in the package) with vm.Script, as Node's CommonJS loader would, so that it can
  // keep a V8 code cache. It never compiles anything else.
  const LOADER = "src/boot/load-core.ts";

  it("src/ has no eval, new Function or vm (but the loader of the bundle)", () => {
    const hits = filesUnder(join(REPO, "src"), /\.ts$/)
      .filter((f) => f.slice(REPO.length + 1) !== LOADER)
      .flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .flatMap((line, i) => (DYNAMIC.some((re) => re.test(line)) ? [`${f.slice(REPO.length + 1)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  // The schema validators are generated by ajv at build time as standalone code, which needs no
  // new Function; the bundled libraries (yaml, ignore, micromatch…) use none either. So the
  // shipped bundle must have none at all.
  it("the loader compiles only the bundle it was shipped with", () => {
    const text = readFileSync(join(REPO, LOADER), "utf8");
    expect(text.match(/new Script\(/g)).toHaveLength(1);
    expect(text).toMatch(/const file = join\(distDir, "core\.cjs"\);\n(\s*\/\/.*\n)*\s*const source = readFileSync\(file, "latin1"\);/);
    expect(text).toMatch(/new Script\(`\(function \(exports, require, module, __filename, __dirname\) \{\$\{source\}\\n\}\)`/);
  });

  // The entry points (isolint.js, worker.js, action.js) are the loader and a call; the bundle
  // itself (core.cjs) has no vm at all.
  it.skipIf(!existsSync(join(REPO, "dist")))("the built dist/ has none either (but the loader in the entry points)", () => {
    const entries = ["dist/action.js", "dist/isolint.js", "dist/worker.js"];
    for (const e of entries) expect(readFileSync(join(REPO, e), "utf8").length).toBeLessThan(4000);
    const hits = filesUnder(join(REPO, "dist"), /\.c?js$/).filter((f) => !entries.includes(f.slice(REPO.length + 1))).flatMap((f) => {
      const text = readFileSync(f, "utf8");
      return DYNAMIC.flatMap((re) => {
        const m = new RegExp(re.source, "g").exec(text);
        return m ? [`${f.slice(REPO.length + 1)}: ${text.slice(Math.max(0, m.index - 60), m.index + 60)}`] : [];
      });
    });
    expect(hits).toEqual([]);
  });
});

describe("policy regexes that can backtrack catastrophically are refused", () => {
  const DANGEROUS: [string, RegExp][] = [
    ["(a+)+$", /nested quantifier/],
    ["(a*)*b", /nested quantifier/],
    ["(?:x+y*)+z", /nested quantifier/],
    ["(x?x?)*y", /nested quantifier/],
    ["^(a?){30}a{30}$", /nested quantifier/],
    ["(\\w+\\s?)+$", /nested quantifier/],
    ["^(([a-z])+.)+[A-Z]([a-z])+$", /nested quantifier/],
    ["(a|a)*b", /quantified alternation/],
    ["(a|ab)+c", /quantified alternation/],
    ["^(\\s|\\S)*x$", /quantified alternation/],
    ["\\s*\\s*$", /can match the same text/],
    ["a*a*a*b", /can match the same text/],
    [".*.*.*=", /can match the same text/],
    ["[a-z]+[a-z]+$", /can match the same text/],
    ["a.*b.*c", /can match the same text/],
    ["foo.*bar.*baz", /can match the same text/],
    ["(ab)*(ab)*c", /can match the same text/],
    ["\\p{L}+\\p{L}+$", /can match the same text/],
    ["^\\d*\\d*\\d*x$", /can match the same text/],
    [`^${"a?".repeat(40)}${"a".repeat(40)}$`, /can match the same text/],
    ["(a)\\1", /backreferences/],
    ["(?<x>a)\\k<x>", /backreferences/],
    ["a(?=b)", /lookaround/],
    ["(?<!a)b", /lookaround/],
  ];
  const SAFE = [
    "^\\d+\\.?\\d+$",
    "\\w+@\\w+",
    "\\s+$",
    "^\\s+\\w+",
    "^foo.*bar.*baz",
    ".*=.*",
    "(^|/)(sshd|dropbear)$",
    "^\\s*a(\\s|$)",
    "^(/var)?/run/(docker|containerd/containerd)\\.sock/?$",
    "(?:password|secret|token)\\s*[:=]\\s*\\S+",
    "^[a-z0-9._/-]+:[0-9]+$",
    "^(?<name>\\w+)=(?<value>.*)$",
    "\\d+\\.\\d+\\.\\d+",
    "^ghcr\\.io/acme/",
    "x{2,}y{3}",
    "^.*$",
    "",
  ];

  it.each(DANGEROUS)("%s is refused", (source, why) => {
    expect(unsafeRegexReason(source)).toMatch(why);
  });
  it.each(SAFE.map((s) => [s]))("%s is accepted", (source) => {
    expect(unsafeRegexReason(source)).toBeNull();
  });
  it("an invalid regex is left to the caller, which says it is invalid", () => {
    expect(unsafeRegexReason("([a-")).toBeNull();
  });

  /** Strings of MAX_MATCH_INPUT characters that make a backtracking matcher try hardest: repeats, then a character that fails the match. */
  function adversarial(): string[] {
    const out: string[] = [];
    for (const unit of ["a", " ", "=", "1.", "foobar", "😀"]) {
      for (const prefix of ["", "a@"]) out.push((prefix + unit.repeat(MAX_MATCH_INPUT)).slice(0, MAX_MATCH_INPUT - 1) + "!");
    }
    return out;
  }

  it("every accepted regex runs fast on 20 000-character adversarial inputs", () => {
    const inputs = adversarial();
    const slow: string[] = [];
    for (const source of SAFE) {
      const re = new RegExp(source, "u");
      for (const input of inputs) {
        const t = performance.now();
        re.test(input);
        const ms = performance.now() - t;
        // Quadratic at worst: ≈ 0.3 s here on 20 000 characters; a refused regex takes minutes.
        if (ms > 2000) slow.push(`${source} on ${JSON.stringify(input.slice(0, 12))}…: ${ms.toFixed(0)} ms`);
      }
    }
    expect(slow).toEqual([]);
  }, 120_000);

  it("a refused regex would indeed have been slow (the check is not vacuous)", () => {
    const re = new RegExp("a*a*a*b", "u");
    const t = performance.now();
    re.test("a".repeat(300) + "!"); // cubic per start position: already ≈ 0.1 s at 300 characters
    expect(performance.now() - t).toBeGreaterThan(5 * measure(new RegExp("\\s+$", "u"), " ".repeat(300) + "!"));
  });

  it("a policy with a dangerous regex is refused when loaded (exit 2, file and line)", () => {
    const dir = tree({
      ".isolint.yaml": 'policies: ["p.yaml"]\n',
      "p.yaml": `id: slow-regex
severity: error
principle: least-privilege
kinds: [compose]
title: Base images come from the approved registry
why: Only images from the approved registry are scanned and patched.
triggers: A FROM whose image is not from the approved registry.
fix: Use an image from the approved registry.
match:
  select: service
  where: { image: { matches: "a.*b.*c" } }
  message: "{{image}} is not approved."
`,
      Dockerfile: "FROM alpine:3.20\n",
    });
    const r = cli(["audit", "."], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^isolint: p\.yaml:11: match\.where\.image\.matches: regex refused: .*can match the same text/);
  });
});

function measure(re: RegExp, input: string): number {
  const t = performance.now();
  for (let i = 0; i < 5; i++) re.test(input);
  return (performance.now() - t) / 5 + 0.01;
}

describe("config globs that could take minutes to match are refused", () => {
  it.each([
    ['ignore: ["*a*a*a*a*b/**"]\n', /^isolint: \.isolint\.yaml:1: ignore\[0\]: glob refused: more than 3 `\*` in one path segment/],
    ['tenants:\n  acme: ["ok/**", "**/a/**/b/**/c/**/d"]\n', /^isolint: \.isolint\.yaml:2: tenants\.acme\[1\]: glob refused: more than 3 `\*\*`/],
    ['overrides:\n  - files: ["+(a|aa)b"]\n    rules: { no-root-user: off }\n', /^isolint: \.isolint\.yaml:2: overrides\[0\]\.files\[0\]: glob refused: repeated extglobs/],
  ])("%s", (config, message) => {
    // A 255-character name would make the first glob take about a minute per path.
    const dir = tree({ ".isolint.yaml": config, [`${"a".repeat(200)}/Dockerfile`]: "FROM alpine:3.20\n" });
    const t = performance.now();
    const r = cli(["audit", "."], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(performance.now() - t).toBeLessThan(5000);
  });
  it("ordinary globs are fine", () => {
    const dir = tree({ ".isolint.yaml": 'ignore: ["legacy/**", "**/*.test.*", "*-*-*", "**/examples/**/*.yaml"]\ntenants:\n  acme: ["tenants/acme/**"]\n', Dockerfile: "FROM alpine:3.20\n" });
    expect(cli(["audit", "."], dir).status).toBe(1);
  });
});

describe("references stay inside the scanned folders", () => {
  const VM = (compose: string) => `apiVersion: isolint.dev/v1
kind: VirtualMachine
metadata: { name: billing, tenant: acme }
spec:
  cpus: 2
  memory: 2GiB
  workloads:
    - { name: jobs, compose: ${compose} }
`;
  it("a VM spec's compose: outside the root is an invalid-reference, and the file is not read", () => {
    const outside = tree({ "compose.yaml": "services:\n  outsider-service:\n    image: nginx:1.27\n    labels: { isolint.tenant: globex }\n" });
    for (const ref of [`${outside}/compose.yaml`, "../../../../../../../../" + outside.replace(/^\//, "") + "/compose.yaml", "./link.yaml"]) {
      const dir = tree({ "vm/billing.vm.yaml": VM(ref) });
      // A symlink inside the folder that leads out is outside too.
      symlinkSync(`${outside}/compose.yaml`, join(dir, "vm/link.yaml"));
      const { report } = audit(dir);
      const refs = findingsOf(report!, "vm/billing.vm.yaml", "invalid-reference");
      expect(refs.map((f) => [f.line, f.message])).toEqual([[8, `compose: ${ref} is outside the scanned folders: not followed (lint from a folder that contains it)`]]);
      // Not read: its service would be a workload of the VM (a second tenant) in the map.
      const map = cli(["map", ".", "--format", "json"], dir);
      expect(map.status).toBe(0);
      expect(map.stdout).not.toContain("outsider-service");
      expect(report!.findings.some((f) => f.ruleId === "multi-tenant-requires-vm")).toBe(false);
    }
  });
  it("an extends: file named on the command line as a link that leads out is still outside", () => {
    const outside = tree({ "base.yaml": "services:\n  base:\n    image: nginx:1.27\n" });
    const dir = tree({ "compose.yaml": "services:\n  web:\n    extends:\n      file: base.compose.yaml\n      service: base\n" });
    symlinkSync(`${outside}/base.yaml`, join(dir, "base.compose.yaml"));
    const r = cli(["audit", "compose.yaml", "base.compose.yaml", "--format", "json"], dir);
    const refs = JSON.parse(r.stdout).findings.filter((f: { ruleId: string; file: string }) => f.ruleId === "invalid-reference" && f.file === "compose.yaml");
    expect(refs.map((f: { message: string }) => f.message)).toEqual(["extends: base.compose.yaml is outside the scanned folders: not followed"]);
  });
  it("a Compose build: outside the root is not read, not even for context", () => {
    const outside = tree({ "Dockerfile": "FROM alpine:3.20\nUSER topsecretuser\nHEALTHCHECK CMD true\n" });
    const dir = tree({ "app/compose.yaml": `services:\n  web:\n    build: ${outside}\n    user: root\n` });
    const { r } = audit(dir);
    expect(r.stdout).not.toContain("topsecretuser");
    expect(r.stdout).not.toContain(outside);
  });
});

describe("nothing from the environment is echoed", () => {
  const SECRETS = {
    GITHUB_TOKEN: "ghp_SECRETSECRET",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI_SECRETSECRET",
    NPM_TOKEN: "npm_SECRETSECRET",
    DB_PASSWORD: "hunter2_SECRETSECRET",
    API_KEY: "sk_live_SECRETSECRET",
  };
  const files = {
    "compose.yaml": `services:
  web:
    image: "ghcr.io/acme/\${GITHUB_TOKEN}:1.0"
    environment:
      TOKEN: \${GITHUB_TOKEN}
      KEY: "\${AWS_SECRET_ACCESS_KEY:-}"
      PASSWORD: $DB_PASSWORD
    labels: { isolint.tenant: "\${API_KEY:-acme}" }
    ports: ["\${NPM_TOKEN:-8080}:80"]
    user: "\${DB_PASSWORD}"
  other:
    image: nginx:1.27
    labels: { isolint.tenant: "\${GITHUB_TOKEN:?}" }
`,
    "Dockerfile": "FROM alpine:3.20\nARG GITHUB_TOKEN\nENV TOKEN=$GITHUB_TOKEN\nUSER $DB_PASSWORD\nCMD echo $API_KEY\n",
    "x.vm.yaml": "apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata: { name: '${GITHUB_TOKEN}', tenant: $NPM_TOKEN }\nspec: { cpus: 1, memory: 1GiB, workloads: [{ name: w, image: '${API_KEY}' }] }\n",
  };
  const runs: [string, string[]][] = [
    ...["json", "stylish", "sarif", "github", "markdown", "junit"].map((f): [string, string[]] => [`audit --format ${f}`, ["audit", ".", "--format", f, "--debug"]]),
    ["map --format json", ["map", ".", "--format", "json"]],
    ["map --format mermaid", ["map", ".", "--format", "mermaid"]],
    ["capacity --format json", ["capacity", ".", "--format", "json"]],
  ];
  it.each(runs)("%s", (_name, args) => {
    const dir = tree(files);
    const r = cli(args, dir, { env: SECRETS });
    expect([0, 1]).toContain(r.status);
    for (const value of Object.values(SECRETS)) {
      expect(r.stdout).not.toContain("SECRETSECRET");
      expect(r.stderr).not.toContain("SECRETSECRET");
      expect(r.stdout + r.stderr).not.toContain(value);
    }
  });
  it("a .env that is a symlink out of its folder is not read (/proc/self/environ, a file elsewhere)", () => {
    const elsewhere = tree({ "env": "GITHUB_TOKEN=ghp_FROM_ELSEWHERE\n" });
    for (const target of ["/proc/self/environ", join(elsewhere, "env")]) {
      if (!existsSync(target)) continue;
      // An image with no value is not judged; a device's message shows it as written.
      const dir = tree({ "compose.yaml": 'services:\n  web:\n    image: "ghcr.io/acme/${GITHUB_TOKEN}"\n    devices: ["/dev/${GITHUB_TOKEN}"]\n' });
      symlinkSync(target, join(dir, ".env"));
      const r = cli(["audit", ".", "--format", "json"], dir, { env: SECRETS });
      expect(r.stdout).not.toContain("SECRETSECRET");
      expect(r.stdout).not.toContain("FROM_ELSEWHERE");
      expect(r.stdout).toContain("/dev/${GITHUB_TOKEN}");
    }
    // A .env symlink inside the folder is fine.
    const dir = tree({ "compose.yaml": 'services:\n  web:\n    image: "ghcr.io/acme/${GITHUB_TOKEN}"\n', "env/dev": "GITHUB_TOKEN=from-dev-env\n" });
    symlinkSync("env/dev", join(dir, ".env"));
    expect(cli(["audit", ".", "--format", "json"], dir).stdout).toContain("ghcr.io/acme/from-dev-env");
  });
  it("the .env is read when the walk found its folder (ignored by .gitignore or not) and when the Compose file is named", () => {
    const compose = 'services:\n  web:\n    image: "ghcr.io/acme/${IMAGE_NAME}"\n    devices: ["/dev/${IMAGE_NAME}"]\n';
    const dir = tree({ ".gitignore": ".env\n", "a/compose.yaml": compose, "a/.env": "IMAGE_NAME=from-a\n", "b/compose.yaml": compose });
    const r = cli(["audit", ".", "--format", "json"], dir);
    expect(r.stdout).toContain("ghcr.io/acme/from-a");
    expect(r.stdout).toContain("/dev/${IMAGE_NAME}"); // b/ has no .env
    expect(cli(["audit", "a/compose.yaml", "--format", "json"], dir).stdout).toContain("ghcr.io/acme/from-a");
    expect(cli(["audit", "compose.yaml", "--format", "json"], join(dir, "a")).stdout).toContain("ghcr.io/acme/from-a");
  });
  it("interpolation reads the .env beside the Compose file, not the process environment", () => {
    const dir = tree({ "compose.yaml": 'services:\n  web:\n    image: "ghcr.io/acme/${GITHUB_TOKEN}"\n    user: "${DB_PASSWORD:-root}"\n', ".env": "GITHUB_TOKEN=from-dotenv-file\n" });
    const r = cli(["audit", ".", "--format", "json"], dir, { env: SECRETS });
    expect(r.stdout).not.toContain("SECRETSECRET");
    // The image name comes from .env (and is not pinned); DB_PASSWORD is not in .env: its default applies.
    expect(r.stdout).toContain("ghcr.io/acme/from-dotenv-file");
    expect(findingsOf(parseReport(r.stdout), "compose.yaml", "no-root-user").map((f) => f.line)).toEqual([4]);
  });
});
