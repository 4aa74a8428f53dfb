/**
 * Messages say what was found: the value a declarative rule's {{value}} / {{image}} shows is
 * the one the finding is about (fixtures check where findings are; this checks what they say).
 */
import { describe, expect, it } from "vitest";
import { tree } from "./helpers/cli.js";
import { lint } from "./helpers/lint.js";

async function messages(files: Record<string, string>, ruleId: string): Promise<string[]> {
  const findings = await lint(tree(files), ["."], { noConfig: true });
  return findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.file}:${f.line}: ${f.message}`);
}

describe("rule messages", () => {
  it("no-init-system names the init program, not the condition's `true`", async () => {
    expect(await messages({ Dockerfile: 'FROM debian:12-slim\nCMD ["/sbin/init"]\n' }, "no-init-system")).toEqual([
      "Dockerfile:2: CMD boots a full init system (/sbin/init): a VM's job, inside a container.",
    ]);
  });
});

describe("unused-suppression messages", () => {
  it("name the directive as written, and say what is missing", async () => {
    const dockerfile = ["# isolint-ignore-file no-such-rule", "FROM alpine:3.20", "# isolint-ignore", "USER 10001", "# isolint-ignore-file -- why", ""].join("\n");
    expect(await messages({ Dockerfile: dockerfile }, "unused-suppression")).toEqual([
      'Dockerfile:1: "isolint-ignore-file no-such-rule": no rule has the id "no-such-rule".',
      'Dockerfile:3: "isolint-ignore" names no rule, so it suppresses nothing: write the rule ids, e.g. "isolint-ignore no-root-user -- reason".',
      'Dockerfile:5: "isolint-ignore-file" names no rule, so it suppresses nothing: write the rule ids, e.g. "isolint-ignore-file no-root-user -- reason".',
    ]);
  });
});

describe("policy messages and port fields", () => {
  const policy = [
    "id: acme-open-port",
    "severity: warning",
    "principle: minimal-exposure",
    "kinds: [compose]",
    "title: Ports on every interface",
    "why: Reachable from anywhere.",
    "triggers: A port published on every interface.",
    "fix: Bind it to an interface.",
    "match:",
    "  select: port",
    "  where: { allInterfaces: true }",
    '  message: "{{service}} ({{image}}) publishes a port on every interface."',
    "",
  ].join("\n");
  const compose = [
    "services:",
    "  web:",
    "    image: nginx:1.27",
    "    ports:",
    '      - "8080:80"',
    '      - "${WEB_PORT}:443"',
    '      - "[::]:8443:443"',
    '      - "127.0.0.1:9000:9000"',
    "",
  ].join("\n");

  it("{{image}} is the service's image in a port selection; allInterfaces agrees with bind-published-ports", async () => {
    const files = { ".isolint.yaml": "policies: [policies/*.yaml]\n", "policies/open.yaml": policy, "compose.yaml": compose };
    const findings = await lint(tree(files), ["."]);
    const ours = findings.filter((f) => f.ruleId === "acme-open-port").map((f) => `${f.line}: ${f.message}`);
    const builtin = findings.filter((f) => f.ruleId === "bind-published-ports").map((f) => f.line);
    expect(ours).toEqual([
      "5: web (nginx:1.27) publishes a port on every interface.",
      "6: web (nginx:1.27) publishes a port on every interface.",
      "7: web (nginx:1.27) publishes a port on every interface.",
    ]);
    expect(builtin).toEqual([5, 6, 7]);
  });
});

describe("reference messages", () => {
  it("an include: or extends: target that is a folder can't be read, and says why", async () => {
    const files = {
      "compose.yaml": "include:\n  - lib/compose.yaml\nservices:\n  web:\n    extends: { file: lib/compose.yaml, service: base }\n    image: app:1.0\n",
      "lib/compose.yaml/README": "a folder\n",
    };
    expect(await messages(files, "invalid-reference")).toEqual([
      "compose.yaml:2: include: lib/compose.yaml can't be read (the file is a directory)",
      "compose.yaml:5: extends: lib/compose.yaml can't be read (the file is a directory)",
    ]);
  });
});

/**
 * Compose checks see the Dockerfile a service builds through what was kept of it (BuiltImage,
 * not the model): its HEALTHCHECK, its USER and the line of each EXPOSE. The messages name that
 * line — the same whether the Dockerfile was among the files linted or read for context only.
 */
describe("cross-file messages quote the Dockerfile a service builds", () => {
  const dockerfile = ["FROM debian:12-slim", "ARG APP_UID=10001", "USER ${APP_UID}", "EXPOSE 8080 22", ""].join("\n");
  const compose = [
    "services:",
    "  api:",
    "    build: ./api",
    "    user: root",
    '    ports: ["2222:22"]',
    "  worker:",
    "    build:",
    "      context: ./api",
    "      args: { APP_UID: 0 }",
    "",
  ].join("\n");
  const files = { "compose.yaml": compose, "api/Dockerfile": dockerfile };

  for (const paths of [["."], ["compose.yaml"]]) {
    it(`with ${paths[0] === "." ? "the Dockerfile linted" : "the Dockerfile read for context"}`, async () => {
      const findings = await lint(tree(files), paths, { noConfig: true });
      const say = (id: string) => findings.filter((f) => f.ruleId === id && f.file === "compose.yaml").map((f) => `${f.line}: ${f.message}`);
      expect(say("no-root-user")).toEqual([
        "4: Service api runs as root: user: root, overriding USER 10001 at api/Dockerfile:3.",
        "9: Service worker runs as root: build arg APP_UID=0 turns USER ${APP_UID} at api/Dockerfile:3 (10001 by default) into 0.",
      ]);
      expect(say("no-remote-admin-ports")).toEqual(["5: Service api publishes a remote administration port: 22 (SSH) (2222:22), which api/Dockerfile:4 EXPOSEs."]);
      expect(say("healthcheck-defined")).toEqual([
        "2: Service api defines no healthcheck (nor does api/Dockerfile).",
        "6: Service worker defines no healthcheck (nor does api/Dockerfile).",
      ]);
    });
  }
});

describe("minimal-base-image names an image that exists", () => {
  const cases: [string, string][] = [
    ["python:3-bullseye", "Use python:3-slim (or another slim or alpine variant), or copy the build into a distroless final stage."],
    ["node:16-bullseye", "Use node:16-slim (or another slim or alpine variant), or copy the build into a distroless final stage."],
    ["golang:1.24", "Use golang:1.24-alpine (or another slim or alpine variant), or copy the build into a distroless final stage."],
    ["eclipse-temurin:17-jre-focal", "Use eclipse-temurin:17-jre-alpine (or another slim or alpine variant), or copy the build into a distroless final stage."],
    ["php:8.0.9-apache", "Use a slim or alpine variant, or copy the build into a distroless final stage."],
    ["buildpack-deps:bookworm", "Use debian:bookworm-slim (or another slim or alpine variant), or copy the build into a distroless final stage."],
    ["debian:12", "Use debian:12-slim or a distroless base."],
    ["debian:11.9", "Use debian:11.9-slim or a distroless base."],
    ["debian:sid", "Use debian:sid-slim or a distroless base."],
    ["buildpack-deps:jammy", "Use a slim or alpine variant, or copy the build into a distroless final stage."],
    ["golang:1.22-windowsservercore-ltsc2022", "Use a slim or alpine variant, or copy the build into a distroless final stage."],
    ["perl:5.38-threaded", "Use perl:5.38-slim-threaded (or another slim or alpine variant), or copy the build into a distroless final stage."],
  ];
  it.each(cases)("%s", async (image, fix) => {
    const findings = await lint(tree({ Dockerfile: `FROM ${image}\nUSER 1000\nCMD ["app"]\n` }), ["."], { noConfig: true });
    expect(findings.filter((f) => f.ruleId === "minimal-base-image").map((f) => f.fix)).toEqual([fix]);
  });
});

describe("exec-form-entrypoint's fix rewrites only what a JSON array keeps", () => {
  const fix = async (base: string, line: string) => {
    const findings = await lint(tree({ Dockerfile: `FROM ${base}\nUSER 1000\n${line}\n` }), ["."], { noConfig: true });
    return findings.filter((f) => f.ruleId === "exec-form-entrypoint").map((f) => `${f.message} | ${f.fix}`);
  };
  const GENERIC = 'Write it as JSON: CMD ["/bin/sh", "-c", "exec …"] or a small entrypoint script that ends with exec';
  it.each([
    ["CMD node server.js", 'Write it as JSON: CMD ["node", "server.js"]'],
    ['CMD nginx -g "daemon off;"', 'Write it as JSON: CMD ["nginx", "-g", "daemon off;"]'],
    ["CMD gunicorn --bind 0.0.0.0:$PORT app:app", GENERIC],
    ["CMD python app.py > /tmp/app.log 2>&1", GENERIC],
    ["CMD java -jar /app/*.jar", GENERIC],
    ["CMD FOO=bar app", GENERIC],
    ["CMD app ~/config.yml", GENERIC],
    ["CMD ['app', '--serve']", GENERIC],
  ])("%s", async (line, expected) => {
    expect((await fix("alpine:3.20", line))[0]!.split(" | ")[1]).toBe(expected);
  });
  it("names the shell PID 1 really is: /bin/sh, or cmd on a Windows base", async () => {
    expect((await fix("ghcr.io/acme/nanoserver-exporter:1.2", "CMD exporter --port 9100"))[0]).toMatch(/PID 1 is \/bin\/sh -c/);
    expect((await fix("mcr.microsoft.com/windows/servercore:ltsc2022", "CMD app.exe --port 80"))[0]).toMatch(/PID 1 is cmd \/S \/C/);
  });
});
