import { tokenizeShell, type ShellCommand, type ShellOperator, type ShellWord } from "./tokenize.js";

/** Words that may precede the real command in a shell list (`if x; then sudo y; fi`). */
const RESERVED = new Set(["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "time", "esac"]);

/** Commands that run the rest of their arguments as another command. */
const WRAPPERS = new Set(["exec", "nohup", "command", "builtin", "setsid", "stdbuf", "nice", "ionice", "chronic", "eatmydata"]);

/** Wrappers whose first non-option word is a user, not the command. */
const USER_SWITCHERS = new Set(["gosu", "su-exec", "chpst"]);

/** An argument list (`["nginx", "-g", "daemon off;"]`) as one shell command ending in `op`, without offsets. */
export function execCommand(argv: readonly string[], op: ShellOperator = ""): ShellCommand {
  return { words: argv.map((value) => ({ value, start: 0, end: 0 })), op, start: 0, end: 0 };
}

export const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"]);

export function basename(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash >= 0 ? path.slice(slash + 1) : path;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export interface ResolvedCommand {
  /** The command that actually runs, wrappers and leading assignments removed. */
  argv: ShellWord[];
  /** Basenames of the wrappers that were stripped, in order (`sudo`, `exec`, `env`, `gosu`…). */
  wrappers: string[];
}

/**
 * Strips reserved words, `VAR=x` prefixes and wrappers such as `exec`, `env`, `nohup`, `sudo`
 * and `gosu user`, so that `argv[0]` is the program that runs.
 */
export function resolveCommand(words: readonly ShellWord[]): ResolvedCommand {
  const wrappers: string[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i]!.value;
    if (RESERVED.has(w) || ASSIGNMENT.test(w)) {
      i++;
      continue;
    }
    const name = basename(w);
    if (WRAPPERS.has(name)) {
      wrappers.push(name);
      i++;
      // `nice -n 10 x`, `stdbuf -oL x`: skip options (and the value of -n).
      while (i < words.length && words[i]!.value.startsWith("-")) {
        i += words[i]!.value === "-n" ? 2 : 1;
      }
      continue;
    }
    if (name === "env") {
      wrappers.push(name);
      i++;
      while (i < words.length && (words[i]!.value.startsWith("-") || ASSIGNMENT.test(words[i]!.value))) {
        const opt = words[i]!.value;
        i += opt === "-u" || opt === "-C" || opt === "-S" ? 2 : 1;
      }
      continue;
    }
    if (name === "timeout") {
      wrappers.push(name);
      i++;
      while (i < words.length && words[i]!.value.startsWith("-")) i++;
      i++; // the duration
      continue;
    }
    if (name === "sudo" || name === "doas") {
      wrappers.push(name);
      i++;
      while (i < words.length && words[i]!.value.startsWith("-")) {
        const opt = words[i]!.value;
        i += /^-[ugpCDhrt]$|^--(user|group|prompt|chdir|host|role|type)$/.test(opt) ? 2 : 1;
      }
      continue;
    }
    if (USER_SWITCHERS.has(name)) {
      wrappers.push(name);
      i += 2; // the switcher and the user
      continue;
    }
    break;
  }
  return { argv: words.slice(i), wrappers };
}

/** The script of `sh -c "…"` / `bash -lc '…'`, when the command is a shell running a string. */
export function shellCString(argv: readonly ShellWord[]): string | null {
  if (argv.length < 2 || !SHELLS.has(basename(argv[0]!.value))) return null;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!.value;
    if (/^-[a-z]*c[a-z]*$/.test(w)) return argv[i + 1]?.value ?? null;
    if (!w.startsWith("-")) return null;
  }
  return null;
}

/**
 * A shell script that hands PID 1 to the program it starts: it begins with `exec`, or its last
 * command is `exec …` (`set -e; envsubst < t > conf && exec nginx -g 'daemon off;'`), so the
 * shell is replaced and signals reach the program.
 */
export function scriptExecs(script: string): boolean {
  const commands = tokenizeShell(script);
  // `… fi`, `… esac`: the closing word is not the script's last command.
  let end = commands.length - 1;
  while (end > 0 && commands[end]!.words.length === 1 && CLOSERS.has(commands[end]!.words[0]!.value)) end--;
  const last = commands[end];
  if (!last || last.op === "&" || last.op === "|") return false;
  // `exec >/log 2>&1` only redirects: it runs no program and replaces nothing.
  const execsProgram = (c: ShellCommand) => {
    const r = resolveCommand(c.words);
    return r.wrappers.includes("exec") && r.argv.some((w) => !/^\d*[<>]/.test(w.value));
  };
  if (end === 0 || /^\s*exec\s/.test(script)) return execsProgram(commands[0]!) || execsProgram(last);
  // A script that ends in `if …; then exec a; else exec b; fi`: every branch of that last
  // block must hand over, not only the last one.
  let from = end;
  if (end < commands.length - 1) while (from > 0 && commands[from]!.words[0]?.value !== "if") from--;
  for (let i = from; i < end; i++) {
    const next = commands[i + 1]!.words[0]?.value;
    if ((next === "else" || next === "elif" || next === "fi") && !execsProgram(commands[i]!)) return false;
  }
  return execsProgram(last);
}

const CLOSERS = new Set(["fi", "esac", "done", "}"]);

/**
 * Every simple command of a script, looking through `sh -c "…"` strings once more,
 * each with its argv resolved. `background` is true when the command ends with `&`.
 */
export interface RunCommand {
  argv: string[];
  wrappers: string[];
  background: boolean;
  op: ShellCommand["op"];
}

export function flattenCommands(commands: readonly ShellCommand[], depth = 0): RunCommand[] {
  const out: RunCommand[] = [];
  for (const cmd of commands) {
    const { argv, wrappers } = resolveCommand(cmd.words);
    if (argv.length === 0) continue;
    const inner = depth < 3 ? shellCString(argv) : null;
    if (inner !== null) {
      // `sudo sh -c '…'` runs each inner command under sudo; `sh -c '…' &` runs them all in
      // the background: what wraps or follows the shell applies to what it runs.
      const innerCommands = flattenCommands(tokenizeShell(inner), depth + 1);
      innerCommands.forEach((c, i) => {
        out.push({
          argv: c.argv,
          wrappers: wrappers.length ? [...wrappers, ...c.wrappers] : c.wrappers,
          background: c.background || cmd.op === "&",
          op: i === innerCommands.length - 1 ? cmd.op : c.op,
        });
      });
      continue;
    }
    out.push({ argv: argv.map((w) => w.value), wrappers, background: cmd.op === "&", op: cmd.op });
  }
  return out;
}

const SERVICE_STARTERS = new Set(["service", "rc-service", "invoke-rc.d"]);

/**
 * The service a command starts through the init system — `service nginx start`,
 * `rc-service nginx restart`, `/etc/init.d/nginx start`, `systemctl start nginx` — or null.
 */
export function serviceStarted(argv: readonly string[]): string | null {
  const program = argv[0] ?? "";
  const name = basename(program);
  if (SERVICE_STARTERS.has(name) && argv.length >= 3 && /^(start|restart)$/.test(argv[2]!)) return argv[1]!;
  if (program.startsWith("/etc/init.d/") && /^(start|restart)$/.test(argv[1] ?? "")) return name;
  if (name === "systemctl" && /^(start|restart)$/.test(argv[1] ?? "")) return argv[2] ?? null;
  return null;
}
