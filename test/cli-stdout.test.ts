/**
 * The CLI writes its reports to fd 1 itself (src/cli/stdout.ts). Whatever stdout is — a file,
 * a pipe read slowly, a non-blocking pipe, a pipe whose reader quits early — the bytes are
 * the report's, in order, and a reader that quits is no error.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, tree } from "./helpers/cli.js";

// Enough findings for a report well over a pipe's 64 KiB buffer.
const files: Record<string, string> = {};
for (let i = 0; i < 150; i++) files[`svc${i}/Dockerfile`] = `FROM node:latest\nUSER root\nEXPOSE 22\nRUN apt-get install -y sudo openssh-server\nCMD npm start\n`;
const dir = tree(files);
const env = { PATH: process.env.PATH, NO_COLOR: "1" };
const toFile = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" audit . --format json > out.json`], { cwd: dir, env });
const expected = readFileSync(join(dir, "out.json"), "utf8");

describe("standard output", () => {
  it("the report is big enough to fill a pipe", () => {
    expect(toFile.status).toBe(1);
    expect(expected.length).toBeGreaterThan(256 * 1024);
  });

  it("through a pipe read slowly: the same bytes as to a file", async () => {
    const child = spawn(process.execPath, [BIN, "audit", ".", "--format", "json"], { cwd: dir, env });
    const chunks: Buffer[] = [];
    child.stdout.pause();
    await new Promise((r) => setTimeout(r, 300));
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stdout.resume();
    const status = await new Promise((r) => child.on("close", r));
    expect(status).toBe(1);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(expected);
  });

  it("a reader that quits early (| head) gets no error on stderr and the exit status stays", async () => {
    const child = spawn(process.execPath, [BIN, "audit", "."], { cwd: dir, env });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const status = await new Promise((r) => child.on("close", r));
    expect(stderr).toBe("");
    expect(status).toBe(1);
  });

  it.skipIf(!existsSync("/dev/full"))("a full disk (/dev/full) is one line on stderr and exit 2, not an internal error", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" audit . --format json > /dev/full`], { cwd: dir, env, encoding: "utf8" });
    expect(r.stderr).toBe("isolint: cannot write to standard output: ENOSPC\n");
    expect(r.status).toBe(2);
  });

  // A non-blocking pipe (set up by another program) refuses a write when full: EAGAIN. Python
  // is the simplest way to hand a child such a pipe.
  const python = spawnSync("python3", ["-c", "import fcntl"]).status === 0;
  it.skipIf(!python || process.platform === "win32")("through a non-blocking pipe: the same bytes", () => {
    const script = [
      "import os, fcntl, subprocess, sys, time",
      "r, w = os.pipe()",
      "fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)",
      "p = subprocess.Popen(sys.argv[1:], stdout=w)",
      "os.close(w)",
      "time.sleep(0.5)",
      "out = b''",
      "while True:",
      "    b = os.read(r, 65536)",
      "    if not b: break",
      "    out += b",
      "sys.stdout.buffer.write(out)",
      "sys.exit(p.wait())",
    ].join("\n");
    const r = spawnSync("python3", ["-c", script, process.execPath, BIN, "audit", ".", "--format", "json"], { cwd: dir, env, encoding: "utf8", maxBuffer: 1 << 28 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(expected);
  });
});
