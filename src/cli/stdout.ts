import { fstatSync, writeSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * The CLI's standard output, without process.stdout: touching process.stdout loads Node's
 * stream modules (≈ 2.5 ms of a ≈ 75 ms pre-commit run), and on Linux it writes files, pipes
 * and terminals synchronously anyway. So reports go to fd 1 with fs.writeSync, except:
 * - EAGAIN (fd 1 is a non-blocking pipe that another process set up): the rest goes through
 *   process.stdout, which waits for the pipe to drain;
 * - EPIPE (the reader is gone: `isolint … | head`): nothing more is written and nothing is
 *   shown — the reader wanted no more. (process.stdout threw an unhandled 'error' there.)
 * Any other failure (ENOSPC: `> /dev/full`) is an OutputError: one line, exit 2.
 * On Windows process.stdout is used throughout (console encoding).
 */
export function stdoutWriter(): (s: string | Uint8Array) => void {
  let mode: "fd" | "stream" | "closed" = process.platform === "win32" ? "stream" : "fd";
  let listening = false;
  const viaStream = (data: string | Uint8Array) => {
    if (!listening) {
      listening = true;
      process.stdout.on("error", (e: NodeJS.ErrnoException) => {
        // Whatever it is, the rest of the report can't be written: say so in one line.
        mode = "closed";
        if (e.code === "EPIPE") return;
        process.stderr.write(`isolint: ${outputError(e).message}\n`);
        process.exitCode = 2;
      });
    }
    process.stdout.write(data);
  };
  return (s) => {
    if (mode === "closed" || s.length === 0) return;
    if (mode === "stream") return viaStream(s);
    const bytes = typeof s === "string" ? Buffer.from(s, "utf8") : s;
    const progress = { written: 0 };
    try {
      writeAll(1, bytes, progress);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EPIPE") mode = "closed";
      else if (code === "EAGAIN") {
        mode = "stream";
        viaStream(bytes.subarray(progress.written));
      } else throw outputError(e as NodeJS.ErrnoException);
    }
  };
}

/**
 * Writes a chunk to a file descriptor whole (a write may take less than it is given); throws
 * the file system's error. `progress.written` says how far it got.
 */
export function writeAll(fd: number, chunk: string | Uint8Array, progress = { written: 0 }): void {
  const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
  while (progress.written < bytes.length) progress.written += writeSync(fd, bytes, progress.written);
}

/** Standard output refused the report (not a reader that quit): the user's to see, not a bug. */
export class OutputError extends Error {}

const outputError = (e: NodeJS.ErrnoException) => new OutputError(`cannot write to standard output: ${e.code ?? e.message}`);

/**
 * Whether fd 1 is a terminal (for colour). A file or a pipe — a pre-commit hook, CI, a
 * redirect — is known from fstat alone; only a character device asks node:tty (which loads
 * the stream modules too).
 */
export function stdoutIsTerminal(): boolean {
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  // Loaded here, not imported: an import would load it (and the stream modules) on every run.
  const tty = createRequire(process.execPath)("node:tty") as typeof import("node:tty");
  return tty.isatty(1);
}
