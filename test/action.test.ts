/**
 * Runs the built GitHub Action (dist/action.js, as action.yml does) in a temporary workspace
 * with the environment a runner gives it. Needs `npm run build` first (`npm test` does it).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { getInput, outputLine, parsePaths } from "../src/action/run.js";

const repo = join(import.meta.dirname, "..");
const ACTION = join(repo, "dist", "action.js");
const SECRET = "ghs_thisIsNotARealTokenButMustNeverBePrinted";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ws: string;
  summary: string;
  outputs: string;
}

function runAction(inputs: Record<string, string>, files: Record<string, string>, opts: { summary?: string } = {}): Run {
  const root = mkdtempSync(join(tmpdir(), "isolint-action-"));
  dirs.push(root);
  const ws = join(root, "workspace");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(ws, name)), { recursive: true });
    writeFileSync(join(ws, name), text);
  }
  mkdirSync(ws, { recursive: true });
  const summary = join(root, "step_summary");
  const outputs = join(root, "output");
  writeFileSync(summary, opts.summary ?? "");
  writeFileSync(outputs, "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: "true",
    CI: "true",
    GITHUB_WORKSPACE: ws,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: outputs,
    GITHUB_TOKEN: SECRET,
    INPUT_GITHUB_TOKEN: SECRET,
    // action.yml defaults, as the runner passes them
    INPUT_PATHS: ".",
    INPUT_CONFIG: "",
    "INPUT_FAIL-ON": "error",
    INPUT_FORMAT: "stylish",
    "INPUT_SARIF-FILE": "isolint.sarif",
    INPUT_BASELINE: "",
    INPUT_ANNOTATIONS: "on",
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, "_").toUpperCase()}`] = v;
  // run from elsewhere: the action must use GITHUB_WORKSPACE
  const r = spawnSync(process.execPath, [ACTION], { cwd: root, env, encoding: "utf8", timeout: 60_000 });
  const result = { status: r.status, stdout: r.stdout, stderr: r.stderr, ws, summary: readFileSync(summary, "utf8"), outputs: readFileSync(outputs, "utf8") };
  expect(result.stdout + result.stderr + result.summary + result.outputs).not.toContain(SECRET);
  return result;
}

function outputsOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      out[heredoc[1]!] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) {
      out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return out;
}

const BAD = "FROM node:20\nRUN apt-get update && apt-get install -y openssh-server\nEXPOSE 22\nCMD node server.js\n";
const GOOD = 'FROM node:20.11-slim\nUSER node\nHEALTHCHECK CMD ["node", "h.js"]\nCMD ["node", "server.js"]\n';

describe("GitHub Action (dist/action.js)", () => {
  it("is built (npm run build)", () => {
    expect(existsSync(ACTION)).toBe(true);
  });

  it("annotates, writes SARIF, the job summary and the outputs, and fails on errors", () => {
    const r = runAction({}, { "svc/Dockerfile": BAD, "ok/Dockerfile": GOOD, "README.md": "hi" });
    expect(r.status).toBe(1);
    // the stylish log, with workflow commands stopped around it
    const stop = /^::stop-commands::([0-9a-f-]+)$/m.exec(r.stdout);
    expect(stop).not.toBeNull();
    expect(r.stdout).toContain(`::${stop![1]}::`);
    expect(r.stdout).toMatch(/^svc\/Dockerfile\n(?:\s+\d+:\d+ .*\n)*\s+1:1\s+error\s+The final stage runs as root/m);
    // annotations after it
    expect(r.stdout).toMatch(/^::error file=svc\/Dockerfile,line=1,col=1,endLine=1,endColumn=\d+,title=isolint%3A no-root-user::The final stage runs as root/m);
    expect(r.stdout).toMatch(/^::error file=svc\/Dockerfile,line=3,.*title=isolint%3A no-remote-admin-ports::/m);
    expect(r.stdout).toMatch(/^::warning file=svc\/Dockerfile,line=2,.*no-ssh-server/m);
    expect(r.stdout).toMatch(/^::notice file=svc\/Dockerfile,/m);
    expect(r.stdout.indexOf("::error file=")).toBeGreaterThan(r.stdout.indexOf(`::${stop![1]}::`));

    const sarif = JSON.parse(readFileSync(join(r.ws, "isolint.sarif"), "utf8"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results.some((x: any) => x.ruleId === "no-root-user" && x.locations[0].physicalLocation.artifactLocation.uri === "svc/Dockerfile")).toBe(true);

    expect(r.summary).toMatch(/^## isolint\n/);
    expect(r.summary).toContain("[svc/Dockerfile:1](svc/Dockerfile#L1)");

    const out = outputsOf(r.outputs);
    expect(out).toEqual({ errors: "2", warnings: expect.any(String), "sarif-file": "isolint.sarif" });
    expect(Number(out.warnings)).toBeGreaterThanOrEqual(2);
  });

  it("passes on a clean workspace and honours fail-on", () => {
    const clean = runAction({}, { Dockerfile: GOOD });
    expect(clean.status).toBe(0);
    expect(clean.stdout).not.toMatch(/^::error /m);
    expect(outputsOf(clean.outputs)).toEqual({ errors: "0", warnings: "0", "sarif-file": "isolint.sarif" });
    expect(clean.summary).toContain("No problems");

    expect(runAction({ "fail-on": "never" }, { Dockerfile: BAD }).status).toBe(0);
    expect(runAction({ "fail-on": "warning" }, { Dockerfile: 'FROM node:20.11-slim\nUSER node\nHEALTHCHECK CMD ["x"]\nCMD node s.js\n' }).status).toBe(1);
  });

  it("takes paths, format, annotations off and an empty sarif-file", () => {
    const r = runAction({ paths: "svc", format: "json", annotations: "off", "sarif-file": "" }, { "svc/Dockerfile": BAD, "other/Dockerfile": BAD });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/^::(error|warning|notice) /m);
    const json = JSON.parse(r.stdout.replace(/^::stop-commands::.*\n/, "").replace(/::[0-9a-f-]+::\n$/, ""));
    expect(new Set(json.findings.map((f: any) => f.file))).toEqual(new Set(["svc/Dockerfile"]));
    expect(existsSync(join(r.ws, "isolint.sarif"))).toBe(false);
    expect(outputsOf(r.outputs)["sarif-file"]).toBe("");
  });

  it("prints the github format as annotations, once", () => {
    const r = runAction({ format: "github", "sarif-file": "reports/out.sarif" }, { Dockerfile: BAD });
    expect(r.stdout).not.toContain("::stop-commands::");
    expect(r.stdout.match(/title=isolint%3A no-root-user/g)).toHaveLength(1);
    expect(existsSync(join(r.ws, "reports", "out.sarif"))).toBe(true);
    expect(outputsOf(r.outputs)["sarif-file"]).toBe("reports/out.sarif");
  });

  it("appends to an existing job summary", () => {
    const r = runAction({}, { Dockerfile: BAD }, { summary: "# Earlier step\n" });
    expect(r.summary.startsWith("# Earlier step\n\n## isolint\n")).toBe(true);
  });

  it("fails only on findings the baseline doesn't know", () => {
    // A baseline that knows nothing: every finding is new.
    const empty = JSON.stringify({ version: 1, tool: "isolint", findings: [] });
    expect(runAction({ baseline: "isolint-baseline.json" }, { Dockerfile: BAD, "isolint-baseline.json": empty }).status).toBe(1);
    // A baseline written from the same files: nothing is new.
    const dir = mkdtempSync(join(tmpdir(), "isolint-baseline-"));
    dirs.push(dir);
    writeFileSync(join(dir, "Dockerfile"), BAD);
    spawnSync(process.execPath, [join(repo, "dist/isolint.js"), "audit", ".", "--write-baseline", "b.json"], { cwd: dir, encoding: "utf8" });
    const written = readFileSync(join(dir, "b.json"), "utf8");
    const r = runAction({ baseline: "b.json" }, { Dockerfile: BAD, "b.json": written });
    expect(r.status).toBe(0);
    // An entry that no longer matches is a notice.
    const stale = runAction({ baseline: "b.json" }, { Dockerfile: GOOD, "b.json": written });
    expect(stale.status).toBe(0);
    expect(stale.stdout).toMatch(/^::notice title=isolint::\d+ baseline entries no longer match/m);
    // A missing baseline is a usage error.
    expect(runAction({ baseline: "missing.json" }, { Dockerfile: GOOD }).status).toBe(2);
  });

  it("exits 2 on a usage error without echoing the input", () => {
    const r = runAction({ "fail-on": `bogus-${SECRET}` }, { Dockerfile: GOOD });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^::error title=isolint::input "fail-on" must be one of error, warning, info, never/m);
    expect(r.stderr).toContain('isolint: input "fail-on" must be one of');
    expect(runAction({ annotations: "maybe" }, { Dockerfile: GOOD }).status).toBe(2);
    expect(runAction({ format: "pdf" }, { Dockerfile: GOOD }).status).toBe(2);
    const missing = runAction({ paths: "does-not-exist" }, { Dockerfile: GOOD });
    expect(missing.status).toBe(2);
    expect(missing.stdout).toMatch(/^::error title=isolint::/m);
  });
});

describe("action helpers", () => {
  it("reads inputs the way GitHub names them", () => {
    expect(getInput({ "INPUT_FAIL-ON": " warning " }, "fail-on")).toBe("warning");
    expect(getInput({ INPUT_SOME_NAME: "x" }, "some name")).toBe("x");
    expect(getInput({}, "paths")).toBe("");
  });

  it("splits paths by line, else by whitespace", () => {
    expect(parsePaths("")).toEqual(["."]);
    expect(parsePaths("a b\tc")).toEqual(["a", "b", "c"]);
    expect(parsePaths("dir with space\nother\n\n")).toEqual(["dir with space", "other"]);
    // One line that names an existing path with spaces is that path.
    expect(parsePaths("dir with space", (p) => p === "dir with space")).toEqual(["dir with space"]);
    expect(parsePaths("dir with space\n", (p) => p === "dir with space")).toEqual(["dir with space"]);
    expect(parsePaths("a b", (p) => p === "a")).toEqual(["a", "b"]);
  });

  it("writes outputs as name=value, multi-line values with a heredoc delimiter", () => {
    expect(outputLine("errors", "3")).toBe("errors=3\n");
    const ml = outputLine("text", "a\nb");
    const m = /^text<<(ghadelimiter_[0-9a-f-]+)\na\nb\n\1\n$/.exec(ml);
    expect(m).not.toBeNull();
  });

  it("action.yml declares the inputs and outputs the action reads", () => {
    const action = parse(readFileSync(join(repo, "action.yml"), "utf8"));
    expect(action.runs).toEqual({ using: "node24", main: "dist/action.js" });
    expect(Object.keys(action.inputs).sort()).toEqual(["annotations", "baseline", "config", "fail-on", "format", "paths", "sarif-file"]);
    expect(action.inputs["fail-on"].default).toBe("error");
    expect(action.inputs["sarif-file"].default).toBe("isolint.sarif");
    expect(action.inputs.annotations.default).toBe("on");
    expect(Object.keys(action.outputs).sort()).toEqual(["errors", "sarif-file", "warnings"]);
  });
});
