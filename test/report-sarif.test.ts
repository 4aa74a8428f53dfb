import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { afterAll, describe, expect, it } from "vitest";
import { audit } from "../src/app/audit.js";
import { main } from "../src/cli/main.js";
import { loadConfig } from "../src/engine/load-config.js";
import { builtinRuleList, RuleSet } from "../src/engine/registry.js";
import type { Finding } from "../src/model/finding.js";
import { pascalCase, sarifReporter, securitySeverity, toSarif } from "../src/report/sarif.js";
import { summarize, type AuditResult } from "../src/report/types.js";

const SCHEMA = join(import.meta.dirname, "..", "..", "shared", "schemas", "sarif-schema-2.1.0.json");
const hasSchema = existsSync(SCHEMA);
if (!hasSchema) console.warn(`report-sarif: ${SCHEMA} is absent; schema validation is skipped`);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "isolint-sarif-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function run(cwd: string): Promise<AuditResult> {
  const { config, rules } = await loadConfig({ cwd, explicit: null, disabled: true });
  return await audit({ cwd, paths: ["."], config, rules, forceKind: null, quiet: false });
}

const BAD = 'FROM node:20\nRUN apt-get update && apt-get install -y sudo openssh-server\nEXPOSE 22\nCMD node server.js\n';
const SUPPRESSED = '# isolint-ignore no-root-user -- the vendor image needs root | for now\nFROM alpine:3.20\nCMD ["sh"]\n';

let validator: ((data: unknown) => boolean) & { errors?: unknown } | null = null;
function validate(doc: unknown): void {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8")));
  }
  const ok = validator(doc);
  expect(ok ? null : validator.errors).toBeNull();
}

type Sarif = { version: string; $schema: string; runs: any[] };

const cwd = workspace({ "svc/Dockerfile": BAD, "Dockerfile": SUPPRESSED, "dir with space/Dockerfile": "FROM alpine\nCMD [\"sh\"]\n" });
const result = await run(cwd);

describe("sarif reporter", () => {
  const text = sarifReporter(result, { color: false });
  const doc = JSON.parse(text) as Sarif;
  const sarifRun = doc.runs[0];

  it.skipIf(!hasSchema)("is valid against the SARIF 2.1.0 schema", () => {
    validate(doc); // with a suppressed result among them
  });

  it.skipIf(!hasSchema)("the schema check catches a broken log", () => {
    const broken = JSON.parse(text);
    broken.runs[0].results[0].level = "fatal";
    expect(() => validate(broken)).toThrow();
  });

  it("has one run with the isolint driver", () => {
    expect(doc.version).toBe("2.1.0");
    expect(doc.runs).toHaveLength(1);
    const driver = sarifRun.tool.driver;
    expect(driver.name).toBe("isolint");
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.informationUri).toBe("https://github.com/isolint/isolint");
    expect(sarifRun.originalUriBaseIds["%SRCROOT%"].uri).toMatch(/^file:\/\/.*\/$/);
  });

  it("lists the rules the results use, sorted, and indexes them", () => {
    const ids = sarifRun.tool.driver.rules.map((r: any) => r.id);
    const used = [...new Set(sarifRun.results.map((r: any) => r.ruleId))].sort();
    expect(ids).toEqual(used);
    for (const r of sarifRun.results) expect(sarifRun.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    const root = sarifRun.tool.driver.rules.find((r: any) => r.id === "no-root-user");
    expect(root.name).toBe("NoRootUser");
    expect(root.shortDescription.text).toBe("Don't run the application as root");
    expect(root.fullDescription.text).toMatch(/shares the host's one kernel/);
    expect(root.help.text).toMatch(/How to fix/);
    expect(root.help.markdown).toMatch(/```\w*\nFROM python:3.12-slim/);
    expect(root.helpUri).toBe("https://github.com/isolint/isolint/blob/main/docs/rules.md#no-root-user");
    expect(root.defaultConfiguration.level).toBe("error");
    expect(root.properties.tags).toEqual(["least-privilege", "security"]);
    expect(root.properties["security-severity"]).toBe("8.5");
  });

  it("maps findings to results with relative locations", () => {
    const shown = [...result.findings].filter((f) => !f.suppressed);
    expect(sarifRun.results).toHaveLength([...result.findings].length); // suppressed ones included, marked
    const f = shown.find((x) => x.ruleId === "no-remote-admin-ports")!;
    const r = sarifRun.results.find((x: any) => x.ruleId === "no-remote-admin-ports");
    expect(r.level).toBe("error");
    expect(r.message.text).toBe(f.message);
    expect(r.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "svc/Dockerfile", uriBaseId: "%SRCROOT%" },
      region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
    });
    const spaced = sarifRun.results.find((x: any) => x.locations[0].physicalLocation.artifactLocation.uri.startsWith("dir"));
    expect(spaced.locations[0].physicalLocation.artifactLocation.uri).toBe("dir%20with%20space/Dockerfile");
    const levels = new Set(sarifRun.results.map((x: any) => x.level));
    expect([...levels].every((l) => ["error", "warning", "note"].includes(l as string))).toBe(true);
    expect(text).not.toMatch(/partialFingerprints/);
  });

  it("keeps suppressed findings, marked with an inSource suppression (CONTRACT.md)", () => {
    expect(result.summary.suppressed).toBe(1);
    const s = sarifRun.results.filter((r: any) => r.suppressions);
    expect(s).toHaveLength(1);
    expect(s[0].ruleId).toBe("no-root-user");
    expect(s[0].suppressions).toEqual([{ kind: "inSource", justification: "the vendor image needs root | for now" }]);
    expect(sarifRun.results).toHaveLength([...result.findings].length);
  });

  it("is deterministic", async () => {
    expect(sarifReporter(await run(cwd), { color: false })).toBe(text);
  });

  it("the CLI's SARIF carries the suppressed finding; the text report leaves it out", async () => {
    const out: string[] = [];
    const io = { cwd, env: {}, stdout: (s: string | Uint8Array) => void out.push(typeof s === "string" ? s : new TextDecoder().decode(s)), stderr: () => {}, stdoutIsTTY: false, readStdin: () => new Uint8Array() };
    expect(await main(["audit", "--format", "sarif", "--no-config", "."], io)).toBe(1);
    expect(out.join("")).toMatch(/"suppressions"/);
    out.length = 0;
    await main(["audit", "--format", "stylish", "--no-config", "."], io);
    expect(out.join("")).toMatch(/no USER after FROM node:20/);
    expect(out.join("")).not.toMatch(/no USER after FROM alpine:3\.20/);
  });
});

describe("sarif details", () => {
  it("maps security severity by level and principle", () => {
    expect(securitySeverity("error", "tenant-isolation")).toBe("9.1");
    expect(securitySeverity("error", "least-privilege")).toBe("8.5");
    expect(securitySeverity("error", "minimal-exposure")).toBe("8.0");
    expect(securitySeverity("warning", "tenant-isolation")).toBe("5.0");
    expect(securitySeverity("info", "minimal-footprint")).toBe("2.0");
    expect(securitySeverity("error", "correctness")).toBeNull();
    expect(pascalCase("no-root-user")).toBe("NoRootUser");
  });

  const rules = new RuleSet(builtinRuleList());
  const finding = (over: Partial<Finding>): Finding => ({
    ruleId: "parse-error",
    severity: "error",
    file: "a/Dockerfile",
    line: 3,
    column: 2,
    endLine: 3,
    endColumn: 2,
    message: "broken",
    principle: "correctness",
    fix: "fix it",
    ...over,
  });
  const byHand = (findings: Finding[]): AuditResult => ({ findings, summary: summarize(findings, 1), files: ["a/Dockerfile"], rules, cwd: "/tmp/project" });

  it.skipIf(!hasSchema)("stays valid for unknown rules, empty regions and no findings", () => {
    const r = byHand([finding({}), finding({ ruleId: "custom-policy", principle: "tenant-isolation", line: 0, column: 0, endLine: 0, endColumn: 0 })]);
    const doc = toSarif(r, { color: false });
    validate(doc);
    const results = (doc.runs[0] as any).results;
    expect(results[1].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
    validate(toSarif(byHand([]), { color: false }));
  });

  it("gives correctness rules no security tag", () => {
    const doc = toSarif(byHand([finding({})]), { color: false }) as any;
    const rule = doc.runs[0].tool.driver.rules[0];
    expect(rule.id).toBe("parse-error");
    expect(rule.properties.tags).toEqual(["correctness"]);
    expect(rule.properties["security-severity"]).toBeUndefined();
    expect(doc.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBe("file:///tmp/project/");
  });
});
