import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { decodeText } from "../parse/text.js";
import type { Range } from "../model/range.js";

/** A file that can't be linted: why, and what to do (parse-error's generic fix is about syntax). */
export type SourceRead = { ok: true; text: string; invalidUtf8Line: number | null } | { ok: false; range: Range; message: string; fix: string };

const IGNORE_IT = "or add it to ignore: in .isolint.yaml";

const LINE1: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Reads a file as text, or says (as a parse-error) why it can't be linted. */
export function readSource(abs: string, maxBytes: number): SourceRead {
  let bytes: Buffer;
  let fd = -1;
  try {
    // One open, one fstat, one read: the size check costs no extra path lookup.
    // Non-blocking, so that a FIFO named on the command line is reported, not waited on.
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, range: LINE1, message: "the file is a directory", fix: `Name the folder to lint the files in it, ${IGNORE_IT}.` };
    if (!st.isFile()) return { ok: false, range: LINE1, message: "not a regular file (a device, socket or pipe): skipped", fix: `Lint the file it stands for, ${IGNORE_IT}.` };
    const size = st.size;
    if (size > maxBytes) {
      const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
      return { ok: false, range: LINE1, message: `file is ${mib(size)}, over the ${mib(maxBytes)} limit (maxFileSize): skipped`, fix: `Raise maxFileSize in .isolint.yaml if the file is meant to be linted, ${IGNORE_IT}.` };
    }
    bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    if (read < size) bytes = bytes.subarray(0, read);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EISDIR" ? "it is a directory" : code === "ENOENT" ? "no such file" : (code ?? "error");
    return { ok: false, range: LINE1, message: `the file cannot be read: ${why}`, fix: `Make the file readable by the user running isolint, ${IGNORE_IT}.` };
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    return { ok: false, range: { line: decoded.line, column: 1, endLine: decoded.line, endColumn: 1 }, message: decoded.message, fix: `Save it as text (UTF-8, or UTF-16 with a byte-order mark); a binary file named like one isolint lints can be left out: ${IGNORE_IT.slice(3)}.` };
  }
  return { ok: true, text: decoded.text, invalidUtf8Line: decoded.invalidUtf8Line };
}
