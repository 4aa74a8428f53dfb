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
