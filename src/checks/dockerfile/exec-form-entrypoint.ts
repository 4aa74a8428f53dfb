import type { Check } from "../../engine/types.js";
import type { DockerfileModel, Instruction } from "../../model/dockerfile.js";
import { basename, scriptExecs, SHELLS } from "../../parse/shell/commands.js";
import { finalInstructions, lastOf, rootStage } from "../helpers/final-image.js";
import { instructionRange } from "../helpers/ranges.js";

export const execFormDockerfile: Check["dockerfile"] = (df, ctx) => {
  const last = lastOf(df, "ENTRYPOINT");
  // `ENTRYPOINT []` clears the entrypoint: CMD is then what PID 1 runs.
  const entrypoint = last?.exec?.length === 0 ? null : last;
  const cmd = lastOf(df, "CMD");
  // With an exec-form ENTRYPOINT, a shell-form CMD is only its arguments.
  const target = entrypoint ? (entrypoint.exec ? null : entrypoint) : cmd;
  if (!target || target.exec || target.args === "") return;
  const windows = isWindowsImage(df);
  const shell = shellAt(df, target) ?? (windows ? "cmd /S /C" : null);
  // `CMD set -e && exec nginx`: the shell replaces itself with the program (POSIX shells).
  if ((shell === null || SHELLS.has(basename(shell.split(" ", 1)[0]!))) && scriptExecs(target.args)) return;
  ctx.report({
    range: instructionRange(target),
    message: `${target.keyword} uses shell form, so PID 1 is ${shell ?? "/bin/sh -c"} and SIGTERM never reaches the service.`,
    fix: `Write it as JSON: ${target.keyword} ${suggestExec(target, windows, cmd !== null)}`,
  });
};

/** A Windows base (its default shell is `cmd /S /C`, its paths have backslashes). */
function isWindowsImage(df: DockerfileModel): boolean {
  const base = rootStage(df)?.base;
  if (!base) return false;
  const name = base.name.toLowerCase();
  const tag = (base.tag ?? "").toLowerCase();
  // Microsoft's Windows images, and Microsoft's images built on them (dotnet/aspnet:8.0-nanoserver-ltsc2022).
  if (name === "microsoft/nanoserver" || name === "microsoft/windowsservercore") return true;
  return base.registry === "mcr.microsoft.com" && (name.startsWith("windows/") || /(^|-)(nanoserver|windowsservercore)(-|$)/.test(tag));
}

/** The SHELL in effect at an instruction (`powershell -Command`), or null for the default /bin/sh -c. */
function shellAt(df: DockerfileModel, instr: Instruction): string | null {
  let shell: Instruction | null = null;
  for (const i of finalInstructions(df)) {
    if (i === instr) break;
    if (i.keyword === "SHELL" && i.exec && i.exec.length > 0) shell = i;
  }
  if (!shell) return null;
  const text = shell.exec!.join(" ");
  return text === "/bin/sh -c" ? null : text;
}

function suggestExec(instr: Instruction, windows: boolean, lastOfCmd: boolean): string {
  const c = instr.commands;
  // A JSON array runs without a shell: no `$VAR`, globs or redirections, and backslashes
  // would need escaping — only a plain command is rewritten as one.
  const args = instr.args;
  const unquoted = args.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, "");
  const plain =
    !windows &&
    !/^\s*\[/.test(args) &&
    !/[*?[\]<>|&;`~\\]/.test(unquoted) &&
    !args.replace(/'[^']*'/g, "").includes("$") &&
    // Every word is an argument (no `FOO=bar`, `time` or other words the shell consumes), and an
    // ENTRYPOINT with a CMD behind it would then get that CMD appended.
    c.length === 1 &&
    c[0]!.wrappers.length === 0 &&
    c[0]!.argv.length === instr.words.length &&
    !(instr.keyword === "ENTRYPOINT" && lastOfCmd);
  if (plain) return JSON.stringify(c[0]!.argv).replace(/","/g, '", "');
  return windows ? `["C:\\\\app\\\\app.exe", "--flag"] (JSON needs each backslash doubled)` : `["/bin/sh", "-c", "exec …"] or a small entrypoint script that ends with exec`;
}
