/**
 * Issue 9: no crash, nothing lost — on any input. Each test puts one bad file beside a good
 * Dockerfile (`USER root`) and runs the built CLI on the folder: the run must exit 0 or 1 (2 is
 * for usage errors, never for a bad file), print the contract's JSON, report the bad file at
 * the right place, and still lint the good one.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, cli, tree, type CliResult } from "./helpers/cli.js";
import { checkPositions, checkSorted, findingsOf, parseReport, type Report } from "./helpers/report.js";

const ROOT_DOCKERFILE = 'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n';
const GOOD = "good/Dockerfile";

/** A temporary folder with these files (text or bytes). */
function folder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "isolint-robust-"));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}

interface Run {
  r: CliResult;
  report: Report;
  ms: number;
  dir: string;
}

/** `isolint audit . --format json` in a folder with these files and the good Dockerfile. */
function lint(files: Record<string, string | Uint8Array>, args: string[] = [], setup?: (dir: string) => void): Run {
  const dir = folder({ [GOOD]: ROOT_DOCKERFILE, ...files });
  setup?.(dir);
  return run(dir, args);
}

function run(dir: string, args: string[] = []): Run {
  const start = performance.now();
  const r = cli(["audit", ".", "--format", "json", ...args], dir);
  const ms = performance.now() - start;
  expect(r.stderr).toBe("");
  expect([0, 1]).toContain(r.status);
  const report = parseReport(r.stdout);
  checkSorted(report);
  return { r, report, ms, dir };
}

/** The good file beside the bad one was linted. */
function expectGoodLinted(report: Report): void {
  expect(findingsOf(report, GOOD, "no-root-user").map((f) => `${f.line}:${f.column}`)).toEqual(["2:6"]);
}

/** One finding of this rule on this file, at this line, with a message matching. */
function expectFinding(report: Report, file: string, ruleId: string, line: number, message?: RegExp): void {
  const found = findingsOf(report, file, ruleId);
  expect(found.map((f) => f.line), `${ruleId} on ${file}: ${JSON.stringify(report.findings.filter((f) => f.file === file).map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`))}`).toEqual([line]);
  if (message) expect(found[0]!.message).toMatch(message);
}

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));
const utf16le = (s: string) => bytes([0xff, 0xfe], [...Buffer.from(s, "utf16le")]);
const utf16be = (s: string) => bytes([0xfe, 0xff], [...Buffer.from(s, "utf16le").swap16()]);
const PRIVILEGED = "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n";

describe("encodings", () => {
  it("invalid UTF-8 in a Dockerfile: linted leniently", () => {
    const { report } = lint({ "bad/Dockerfile": bytes("FROM alpine:3.20\nRUN echo ", [0xff, 0xfe, 0x80, 0xc3], "\nUSER root\n") });
    expect(findingsOf(report, "bad/Dockerfile", "parse-error")).toEqual([]);
    expectFinding(report, "bad/Dockerfile", "no-root-user", 3);
    expectGoodLinted(report);
  });
  it("invalid UTF-8 in YAML: a parse-error at the line", () => {
    const { report } = lint({ "bad/compose.yaml": bytes("services:\n  web:\n    image: x\n    labels:\n      a: ", [0xc3, 0x28], "\n") });
    expectFinding(report, "bad/compose.yaml", "parse-error", 5, /invalid UTF-8/);
    expectGoodLinted(report);
  });
  it("invalid UTF-8 in YAML named explicitly, its kind known from the content: a parse-error too", () => {
    const dir = folder({ "stack.txt": bytes("services:\n  web:\n    image: x\n    labels:\n      a: ", [0xc3, 0x28], "\n") });
    const { report } = run(dir, ["stack.txt"]);
    expectFinding(report, "stack.txt", "parse-error", 5, /invalid UTF-8/);
  });
  it("invalid UTF-8 in YAML on stdin (--kind compose): a parse-error too", async () => {
    const { audit } = await import("../src/app/audit.js");
    const { loadConfig } = await import("../src/engine/load-config.js");
    const dir = folder({});
    const { config, rules } = await loadConfig({ cwd: dir, explicit: null, disabled: true });
    const stdin = bytes("services:\n  web:\n    image: x\n    labels:\n      a: ", [0xc3, 0x28], "\n");
    const run = await audit({ cwd: dir, paths: ["-"], config, rules, forceKind: "compose", quiet: false, readStdin: () => stdin });
    expect([...run.findings].filter((f) => f.ruleId === "parse-error").map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual(["<stdin>:5 invalid UTF-8: YAML must be Unicode text"]);
  });
  it("a UTF-8 byte-order mark is dropped, positions unchanged", () => {
    const { report } = lint({ "bad/Dockerfile": bytes([0xef, 0xbb, 0xbf], "FROM alpine:3.20\nUSER root\n"), "bad/compose.yaml": bytes([0xef, 0xbb, 0xbf], PRIVILEGED) });
    expect(findingsOf(report, "bad/Dockerfile", "no-root-user").map((f) => `${f.line}:${f.column}`)).toEqual(["2:6"]);
    expect(findingsOf(report, "bad/compose.yaml", "no-privileged").map((f) => `${f.line}:${f.column}`)).toEqual(["4:5"]);
    expect(report.findings.filter((f) => f.ruleId === "parse-error")).toEqual([]);
    expectGoodLinted(report);
  });
  it.each([
    ["LE", utf16le],
    ["BE", utf16be],
  ])("UTF-16 %s files with a byte-order mark are decoded", (_name, encode) => {
    const { report } = lint({ "bad/Dockerfile": encode("FROM alpine:3.20\r\nUSER root\r\n"), "bad/compose.yaml": encode(PRIVILEGED) });
    expect(findingsOf(report, "bad/Dockerfile", "no-root-user").map((f) => `${f.line}:${f.column}`)).toEqual(["2:6"]);
    expect(findingsOf(report, "bad/compose.yaml", "no-privileged").map((f) => `${f.line}:${f.column}`)).toEqual(["4:5"]);
    expect(report.findings.filter((f) => f.ruleId === "parse-error")).toEqual([]);
    expectGoodLinted(report);
  });
});

describe("line ends", () => {
  const dockerfile = "FROM alpine:3.20\nRUN apk add curl \\\n    git\nUSER root\n";
  for (const [name, eol] of [
    ["CRLF", "\r\n"],
    ["lone CR", "\r"],
  ] as const) {
    it(`${name}: findings on the right lines`, () => {
      const { report } = lint({ "bad/Dockerfile": dockerfile.replace(/\n/g, eol), "bad/compose.yaml": `# a comment\n${PRIVILEGED}`.replace(/\n/g, eol) });
      expect(findingsOf(report, "bad/Dockerfile", "no-root-user").map((f) => `${f.line}:${f.column}`)).toEqual(["4:6"]);
      expect(findingsOf(report, "bad/compose.yaml", "no-privileged").map((f) => `${f.line}:${f.column}`)).toEqual(["5:5"]);
      expect(report.findings.filter((f) => f.ruleId === "parse-error")).toEqual([]);
      expectGoodLinted(report);
    });
  }
  it("a YAML syntax error after lone CRs is on the right line", () => {
    const { report } = lint({ "bad/compose.yaml": "services:\r  web:\r    image: x\r    image: y\r" });
    expectFinding(report, "bad/compose.yaml", "parse-error", 4);
    expectGoodLinted(report);
  });
});

describe("binary and empty files", () => {
  it("NUL bytes: skipped with a parse-error at the line", () => {
    const { report } = lint({ "bad/Dockerfile": bytes("FROM alpine\n", [0, 1, 2, 0xff]), "bad/compose.yaml": bytes("services:\n  web:\n", [0]), "bin/Dockerfile.gz": bytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]) });
    expectFinding(report, "bad/Dockerfile", "parse-error", 2, /binary/);
    expectFinding(report, "bad/compose.yaml", "parse-error", 3, /binary/);
    expectFinding(report, "bin/Dockerfile.gz", "parse-error", 1, /binary/);
    expectGoodLinted(report);
  });
  it.each([
    ["an empty Dockerfile", "bad/Dockerfile", "", /no instructions/],
    ["a Dockerfile of blanks and comments", "bad/Dockerfile", "\n  \n# only a comment\n", /no instructions/],
    ["an empty compose.yaml", "bad/compose.yaml", "", /empty/],
    ["a compose.yaml of comments and ---", "bad/compose.yaml", "# only a comment\n---\n", /empty/],
    ["an empty VM spec", "bad/x.vm.yaml", "", /empty/],
  ])("%s: a parse-error", (_name, file, text, message) => {
    const { report } = lint({ [file]: text });
    expectFinding(report, file, "parse-error", 1, message);
    expectGoodLinted(report);
  });
});

describe("size limit", () => {
  const big = "FROM alpine:3.20\nUSER root\n" + `RUN echo ${"x".repeat(100)}\n`.repeat(55_000); // ≈ 5.7 MB
  it("a file over 5 MB is skipped with a finding", () => {
    const { report } = lint({ "big/Dockerfile": big });
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    expectFinding(report, "big/Dockerfile", "parse-error", 1, /over the 5\.0 MiB limit \(maxFileSize\)/);
    // The fix says what to do about a big file, not "fix the syntax".
    expect(findingsOf(report, "big/Dockerfile", "parse-error")[0]!.fix).toMatch(/^Raise maxFileSize in \.isolint\.yaml/);
    expect(findingsOf(report, "big/Dockerfile", "no-root-user")).toEqual([]);
    expectGoodLinted(report);
  });
  it("maxFileSize in .isolint.yaml sets the limit, either way", () => {
    const raised = lint({ ".isolint.yaml": "maxFileSize: 10MiB\n", "big/Dockerfile": big }).report;
    expect(findingsOf(raised, "big/Dockerfile", "parse-error")).toEqual([]);
    expectFinding(raised, "big/Dockerfile", "no-root-user", 2);
    const lowered = lint({ ".isolint.yaml": "maxFileSize: 1KiB\n", "small/Dockerfile": `FROM alpine:3.20\nUSER root\n# ${"x".repeat(2000)}\n` }).report;
    expectFinding(lowered, "small/Dockerfile", "parse-error", 1, /over the .* MiB limit \(maxFileSize\)/);
    expectGoodLinted(lowered);
  });
});

describe("YAML that Compose rejects", () => {
  it("duplicate keys", () => {
    const { report } = lint({ "bad/compose.yaml": "services:\n  web:\n    image: x\n    image: y\n" });
    expectFinding(report, "bad/compose.yaml", "parse-error", 4, /unique/);
    expectGoodLinted(report);
  });
  it("tabs for indentation", () => {
    const { report } = lint({ "bad/compose.yaml": "services:\n\tweb:\n\t\timage: x\n" });
    expectFinding(report, "bad/compose.yaml", "parse-error", 2, /[Tt]ab/);
    expectGoodLinted(report);
  });
  it("an unterminated quote is reported where the quote opens", () => {
    const { report } = lint({ "bad/compose.yaml": 'services:\n  web:\n    image: "nginx\n    user: root\n' });
    expectFinding(report, "bad/compose.yaml", "parse-error", 3, /quote/);
    expectGoodLinted(report);
  });
  it("several documents in a compose.yaml: each is linted", () => {
    const { report } = lint({ "multi/compose.yaml": "services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  db:\n    image: postgres:16\n    privileged: true\n" });
    expect(findingsOf(report, "multi/compose.yaml", "parse-error")).toEqual([]);
    expectFinding(report, "multi/compose.yaml", "no-privileged", 8);
    expectGoodLinted(report);
  });
});

describe("resource exhaustion", () => {
  it("a YAML alias bomb (billion laughs) is refused within a second", () => {
    let text = 'x-a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    for (let i = 1; i <= 9; i++) text += `x-a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(", ")}]\n`;
    text += "services:\n  web:\n    image: nginx\n    labels: *a9\n";
    const { report, ms } = lint({ "bomb/compose.yaml": text });
    expectFinding(report, "bomb/compose.yaml", "parse-error", 1, /alias/);
    expectGoodLinted(report);
    expect(ms).toBeLessThan(3000); // about 0.3 s; 3 s on a slow CI machine
  });
  it.each([
    ["block style (the fast parser)", (i: number) => `x-d${i}: &a v${i}\nx-u${i}: *a\n`],
    ["flow style (yaml)", (i: number) => `x-d${i}: &a [v${i}]\nx-u${i}: {k: *a}\n`],
  ])("20 000 definitions and uses of one anchor name, %s: linted in seconds, not minutes", (_name, pair) => {
    let text = "services:\n  web:\n    image: nginx:1.27\n";
    for (let i = 0; i < 20_000; i++) text += pair(i);
    const { report, ms } = lint({ "anchors/compose.yaml": text });
    expect(findingsOf(report, "anchors/compose.yaml", "parse-error")).toEqual([]);
    expectGoodLinted(report);
    expect(ms).toBeLessThan(10_000); // about 1 s; an alias lookup per definition would be minutes
  });
  it("10 000 ARG and ENV instructions (each keeps the variables it saw): a parse-error in seconds, not gigabytes", () => {
    const text =
      Array.from({ length: 10_000 }, (_, i) => `ARG A${i}=v${i}\n`).join("") +
      "FROM alpine:${A9999}\n" +
      Array.from({ length: 10_000 }, (_, i) => `ARG A${i}\nENV E${i}=\${A${i}}\n`).join("") +
      "USER ${E9999}\n";
    const { report, ms } = lint({ "many-vars/Dockerfile": text });
    expectFinding(report, "many-vars/Dockerfile", "parse-error", 2002, /too many ARG\/ENV variables/);
    expectGoodLinted(report);
    expect(ms).toBeLessThan(10_000); // about 0.6 s; it took minutes and 3 GB
  });
  it("a parser directive with 100 000 spaces before its last word: at once (no backtracking)", () => {
    const { report, ms } = lint({ "directive/Dockerfile": `# syntax=x${" ".repeat(100_000)}y\nFROM alpine:3.20\nUSER 1000\n` });
    expect(findingsOf(report, "directive/Dockerfile", "parse-error")).toEqual([]);
    expectGoodLinted(report);
    expect(ms).toBeLessThan(5_000); // it took 9 s
  });
  it("ENV values that double at each line (a variable bomb): linted, not a crash that loses every file", () => {
    let text = "FROM alpine:3.20\nENV V0=ab\n";
    for (let i = 1; i < 40; i++) text += `ENV V${i}=\${V${i - 1}}\${V${i - 1}}\n`;
    const { report, r } = lint({ "bomb/Dockerfile": `${text}USER \${V39}\n` });
    expect(r.status).toBe(1);
    expect(findingsOf(report, "bomb/Dockerfile", "parse-error")).toEqual([]);
    expectGoodLinted(report);
  });
  it("a Compose file with 20 000 services (≈ 150 000 findings) and a Dockerfile with 130 000 EXPOSE lines: every format", () => {
    const compose = `services:\n${Array.from({ length: 20_000 }, (_, i) => `  s${i}:\n    image: nginx:1.27\n`).join("")}`;
    const dockerfile = `FROM alpine:3.20\n${"EXPOSE 22\n".repeat(130_000)}USER 1000\n`;
    const dir = folder({ [GOOD]: ROOT_DOCKERFILE, "many/compose.yaml": compose, "many/Dockerfile": dockerfile });
    for (const format of ["json", "stylish"]) {
      // To a file: the report is tens of megabytes.
      const r = cli(["audit", ".", "--format", format, "--output", `out.${format}`], dir);
      expect([r.status, r.stderr]).toEqual([1, ""]);
      const text = readFileSync(join(dir, `out.${format}`), "utf8");
      expect(text).toContain(GOOD);
      if (format === "json") expect(findingsOf(parseReport(text), "many/Dockerfile", "no-remote-admin-ports").length).toBe(130_000);
    }
  }, 120_000);
  it("a VM size with 100 000 spaces inside: a schema problem at once (no backtracking)", () => {
    const vm = `apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata:\n  name: a\nspec:\n  cpus: 1\n  memory: "1${" ".repeat(100_000)}x"\n`;
    const { report, ms } = lint({ "size/a.vm.yaml": vm });
    expect(findingsOf(report, "size/a.vm.yaml", "schema-violation").length).toBeGreaterThan(0);
    expectGoodLinted(report);
    expect(ms).toBeLessThan(5_000);
  });
  it("a YAML file with 150 000 blank lines named explicitly, its kind guessed from the content: at once", () => {
    const dir = folder({ [GOOD]: ROOT_DOCKERFILE, "blank.conf": `# isolint.dev/\n${"\n".repeat(150_000)}a: 1\n` });
    const started = Date.now();
    const { report } = run(dir, ["blank.conf", GOOD]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(findingsOf(report, "blank.conf", "parse-error").length).toBe(1);
    expectGoodLinted(report);
  });
  it("a flow map of 50 000 keys on one line: linted in seconds", () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: ${i}`).join(", ");
    const { report, ms } = lint({ "wide/compose.yaml": `services:\n  web:\n    image: nginx:1.27\nx-wide: {${keys}}\n` });
    expect(findingsOf(report, "wide/compose.yaml", "parse-error")).toEqual([]);
    expectGoodLinted(report);
    expect(ms).toBeLessThan(10_000); // a duplicate check per key against all keys would be minutes
  });
  it.each([
    ["sequences", `services:\n  web:\n    image: x\n    labels: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`],
    ["maps", `x-deep: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\nservices: {}\n`],
  ])("10 000 nested flow %s: a parse-error, no stack overflow", (_name, text) => {
    const { report } = lint({ "deep/compose.yaml": text });
    expectFinding(report, "deep/compose.yaml", "parse-error", 1, /too deep/);
    expectGoodLinted(report);
  });
  it("deeply nested block maps (1 000 levels): refused, no stack overflow", () => {
    let text = "services:\n  web:\n    image: x\nx-deep:\n";
    for (let i = 0; i < 1000; i++) text += `${" ".repeat(i + 1)}k${i}:\n`;
    text += `${" ".repeat(1001)}v: 1\n`;
    const { report } = lint({ "deep/compose.yaml": text });
    expectFinding(report, "deep/compose.yaml", "parse-error", 1, /too deep|deeper than/);
    expectGoodLinted(report);
  });
  it("a 1 MB single-line RUN and 100 000 continuation lines: linted, quickly", () => {
    const { report, ms } = lint({
      "long/Dockerfile": `FROM alpine:3.20\nRUN echo ${"a".repeat(1_000_000)}\nUSER root\n`,
      "cont/Dockerfile": `FROM alpine:3.20\nRUN set -e${" \\\n    && true".repeat(100_000)}\nUSER root\n`,
    });
    expectFinding(report, "long/Dockerfile", "no-root-user", 3);
    expectFinding(report, "cont/Dockerfile", "no-root-user", 100_003);
    expectGoodLinted(report);
    expect(ms).toBeLessThan(5000); // was quadratic: 13 s for the continuations alone
  });
  it("deeply nested shell, variable defaults and JSON in a Dockerfile: no stack overflow", () => {
    const { report } = lint({
      "shell/Dockerfile": `FROM alpine:3.20\nRUN ${"(".repeat(100_000)}true${")".repeat(100_000)} && echo ${"$(".repeat(50_000)}x${")".repeat(50_000)}\nUSER root\n`,
      "args/Dockerfile": `ARG A=\${B:-${"${C:-".repeat(100_000)}x${"}".repeat(100_001)}\nFROM alpine:$A\nUSER root\n`,
      "json/Dockerfile": `FROM alpine:3.20\nUSER root\nCMD ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`,
    });
    expectFinding(report, "shell/Dockerfile", "no-root-user", 3);
    expectFinding(report, "args/Dockerfile", "no-root-user", 3);
    expectFinding(report, "json/Dockerfile", "no-root-user", 2);
    expectGoodLinted(report);
  });
  it("Compose interpolation nested 50 000 deep: no stack overflow", () => {
    const { report } = lint({ "interp/compose.yaml": `services:\n  web:\n    image: "${"${A:-".repeat(50_000)}x${"}".repeat(50_000)}"\n    privileged: true\n` });
    expectFinding(report, "interp/compose.yaml", "no-privileged", 4);
    expectGoodLinted(report);
  });
});

describe("the file system", () => {
  // chmod doesn't stop root from reading: as root, the CLI runs as nobody for these tests
  // (and they are skipped when that isn't possible).
  const isRoot = process.getuid?.() === 0;
  const NOBODY = 65534;
  // (nobody must be able to run the CLI from where the repository is: not so under /root.)
  const canDrop = !isRoot || spawnSync(process.execPath, [BIN, "--version"], { cwd: tmpdir(), uid: NOBODY, gid: NOBODY }).status === 0;
  const cliUnprivileged = (args: string[], cwd: string): CliResult => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { PATH: process.env.PATH, NO_COLOR: "1" }, ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const lockedFolder = (files: Record<string, string>, locked: string[]) => {
    const dir = folder(files);
    chmodSync(dir, 0o755);
    for (const p of Object.keys(files)) chmodSync(dirname(join(dir, p)), 0o755);
    for (const p of locked) chmodSync(join(dir, p), 0o000);
    return dir;
  };
  it.skipIf(!canDrop)("an unreadable file under a folder: a parse-error, the rest is linted", () => {
    const dir = lockedFolder({ [GOOD]: ROOT_DOCKERFILE, "locked/Dockerfile": ROOT_DOCKERFILE, "locked/compose.yaml": PRIVILEGED }, ["locked/Dockerfile", "locked/compose.yaml"]);
    const r = cliUnprivileged(["audit", ".", "--format", "json"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const report = parseReport(r.stdout);
    expectFinding(report, "locked/Dockerfile", "parse-error", 1, /cannot be read: permission denied/);
    expectFinding(report, "locked/compose.yaml", "parse-error", 1, /cannot be read: permission denied/);
    expectGoodLinted(report);
  });
  it.skipIf(!canDrop)("an unreadable file or folder named explicitly is exit 2", () => {
    const dir = lockedFolder({ Dockerfile: ROOT_DOCKERFILE, "sub/Dockerfile": ROOT_DOCKERFILE }, ["Dockerfile", "sub"]);
    for (const p of ["Dockerfile", "sub"]) {
      const r = cliUnprivileged(["audit", p, "--format", "json"], dir);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`isolint: ${p}: permission denied\n`);
    }
  });
  it("a path named explicitly that doesn't exist is exit 2, with a one-line message", () => {
    const dir = folder({ [GOOD]: ROOT_DOCKERFILE });
    const r = cli(["audit", "good", "missing/Dockerfile", "--format", "json"], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("isolint: missing/Dockerfile: no such file or directory\n");
  });
  it("a FIFO named explicitly is reported, not waited on", () => {
    const dir = folder({ [GOOD]: ROOT_DOCKERFILE });
    if (spawnSync("mkfifo", [join(dir, "Dockerfile.pipe")]).status !== 0) return; // no mkfifo here
    const start = performance.now();
    const { report } = run(dir);
    expect(report.findings.some((f) => f.file === "Dockerfile.pipe")).toBe(false); // not found by name under a folder
    const r = cli(["audit", "good", "Dockerfile.pipe", "--format", "json"], dir);
    expect(r.status).toBe(1);
    const explicit = parseReport(r.stdout);
    expectFinding(explicit, "Dockerfile.pipe", "parse-error", 1, /not a regular file/);
    expectGoodLinted(explicit);
    expect(performance.now() - start).toBeLessThan(10_000);
  });
  it(".gitignore, .env and .isolint.yaml that lead to /dev/zero: no hang", () => {
    if (!existsSync("/dev/zero")) return;
    const { report } = lint({ "app/compose.yaml": PRIVILEGED }, [], (dir) => {
      symlinkSync("/dev/zero", join(dir, ".gitignore"));
      symlinkSync("/dev/zero", join(dir, "app/.gitignore"));
      symlinkSync("/dev/zero", join(dir, "app/.env"));
    });
    expectFinding(report, "app/compose.yaml", "no-privileged", 4);
    expectGoodLinted(report);
    const dir = folder({ [GOOD]: ROOT_DOCKERFILE });
    symlinkSync("/dev/zero", join(dir, ".isolint.yaml"));
    const r = cli(["audit", "."], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("isolint: .isolint.yaml: the config is not a regular file\n");
  });
  it("a symlink loop is not followed", () => {
    const { report } = lint({}, [], (dir) => {
      symlinkSync(".", join(dir, "good/loop"));
      symlinkSync("..", join(dir, "good/up"));
      symlinkSync("self", join(dir, "good/self")); // dangling loop: self → self
    });
    expect(new Set(report.findings.map((f) => f.file))).toEqual(new Set([GOOD]));
    expect(report.summary.files).toBe(1);
    expectGoodLinted(report);
  });
  it("symlinks leading outside the scanned folder are not followed", () => {
    const outside = folder({ "Dockerfile": ROOT_DOCKERFILE, "compose.yaml": PRIVILEGED });
    const { report } = lint({}, [], (dir) => {
      symlinkSync(outside, join(dir, "ext"));
      symlinkSync(join(outside, "Dockerfile"), join(dir, "Dockerfile"));
      symlinkSync(join(outside, "compose.yaml"), join(dir, "compose.yaml"));
    });
    expect(report.findings.map((f) => f.file).filter((f) => f !== GOOD)).toEqual([]);
    expectGoodLinted(report);
  });
  it("a symlink to a file inside the folder is linted", () => {
    const { report } = lint({ "real/Dockerfile.base": ROOT_DOCKERFILE }, [], (dir) => symlinkSync("../real/Dockerfile.base", join(dir, "good/Dockerfile.link")));
    expectFinding(report, "good/Dockerfile.link", "no-root-user", 2);
  });
  it("paths with spaces and non-ASCII names", () => {
    const { report } = lint({ "dir with space/Dockerfile": ROOT_DOCKERFILE, "ünïcode/Dockerfile": ROOT_DOCKERFILE, "日本/compose.yaml": PRIVILEGED, "quote'and\"/Dockerfile": ROOT_DOCKERFILE });
    expectFinding(report, "dir with space/Dockerfile", "no-root-user", 2);
    expectFinding(report, "ünïcode/Dockerfile", "no-root-user", 2);
    expectFinding(report, "日本/compose.yaml", "no-privileged", 4);
    expectFinding(report, "quote'and\"/Dockerfile", "no-root-user", 2);
    expectGoodLinted(report);
  });
  it("a directory named Dockerfile or compose.yaml is a directory, not a file", () => {
    const { report } = lint({ "Dockerfile/readme.txt": "not a Dockerfile\n", "compose.yaml/x": "x\n", "nested/Dockerfile/Dockerfile": ROOT_DOCKERFILE });
    expectFinding(report, "nested/Dockerfile/Dockerfile", "no-root-user", 2);
    expect(report.findings.filter((f) => f.ruleId === "parse-error")).toEqual([]);
    expectGoodLinted(report);
  });
  it("a Compose build: context outside the folder or missing", () => {
    const { report } = lint({
      "app/compose.yaml": "services:\n  up:\n    build: ../../../../..\n  gone:\n    build: ./missing\n  abs:\n    build: { context: /nonexistent-isolint, dockerfile: Dockerfile }\n  web:\n    image: nginx:1.27\n    privileged: true\n",
    });
    expect(findingsOf(report, "app/compose.yaml", "parse-error")).toEqual([]);
    expectFinding(report, "app/compose.yaml", "no-privileged", 10);
    expectGoodLinted(report);
  });
});

describe("output", () => {
  it("control characters from a file don't reach the terminal (stylish)", () => {
    const dir = folder({ Dockerfile: "FROM alpine\u001b[2K\u001b[1A\u0007\nUSER root\n" });
    const r = cli(["audit", "."], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stdout).toContain("\\u001b[2K");
  });
});

describe("positions stay inside the files", () => {
  it("for every case above that has findings", () => {
    const files: Record<string, string> = {
      "a/Dockerfile": "FROM alpine\r\nRUN a \\\r\n b\r\nUSER root",
      "b/compose.yaml": "services:\r  web:\r    image: x\r    ports: [\"80:80\"]",
      "c/Dockerfile": "FROM alpine\nRUN <<EOF\necho\n",
      "d/compose.yaml": 'services:\n  web:\n    image: "x',
    };
    const { report } = lint(files);
    checkPositions(report, new Map(Object.entries(files)));
    expect(report.findings.length).toBeGreaterThan(0);
  });
});

describe("an unreadable folder below a scanned path", () => {
  it("is named on stderr and the rest is linted", () => {
    const isRoot = process.getuid?.() === 0;
    const dir = tree({ "ok/Dockerfile": "FROM alpine:3.20\nUSER root\n", "locked/Dockerfile": "FROM alpine:3.20\n" });
    chmodSync(join(dir, "locked"), 0o000);
    try {
      if (isRoot) {
        // chmod doesn't stop root: run as nobody when we can, else there is nothing to test.
        const probe = spawnSync("su", ["nobody", "-s", "/bin/sh", "-c", `cd '${dir}' && '${process.execPath}' '${BIN}' audit . --format json`], { encoding: "utf8" });
        if (probe.error || (probe.status !== 0 && probe.status !== 1)) return;
        expect(probe.stderr).toContain("cannot read the folder locked/ (permission denied): skipped");
        expect(JSON.parse(probe.stdout).findings.some((f: { file: string }) => f.file === "ok/Dockerfile")).toBe(true);
        return;
      }
      const r = cli(["audit", ".", "--format", "json"], dir);
      expect(r.stderr).toContain("cannot read the folder locked/ (permission denied): skipped");
      expect(JSON.parse(r.stdout).findings.some((f: { file: string }) => f.file === "ok/Dockerfile")).toBe(true);
    } finally {
      chmodSync(join(dir, "locked"), 0o755);
    }
  });
});
