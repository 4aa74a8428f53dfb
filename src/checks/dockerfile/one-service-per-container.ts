import type { Check, CheckContext } from "../../engine/types.js";
import type { DockerfileModel } from "../../model/dockerfile.js";
import { basename, serviceStarted, type RunCommand } from "../../parse/shell/commands.js";
import { SUPERVISORS, daemonOf } from "../../data/daemons.js";
import { finalInstructions } from "../helpers/final-image.js";
import { instructionRange } from "../helpers/ranges.js";
import { instructionNaming, startProcess } from "../helpers/start.js";

export const oneServiceDockerfile: Check["dockerfile"] = (df, ctx) => {
  checkStartCommand(df, ctx);
  checkInstalledDaemons(df, ctx);
};

function checkStartCommand(df: DockerfileModel, ctx: CheckContext): void {
  const start = startProcess(df);
  if (!start) return;
  const verdict = judgeStartCommands(start.commands);
  if (!verdict) return;
  const instr = instructionNaming(start, verdict.program);
  ctx.report({ range: instructionRange(instr), message: `${instr.keyword} ${verdict.message}` });
}

/** Commands that only prepare or keep a container alive, never a service of their own. */
const TRIVIAL = new Set([
  "echo", "printf", "set", "export", "cd", "test", "[", "[[", "true", "false", ":", "sleep", "mkdir", "chown", "chmod",
  "cp", "mv", "rm", "ln", "cat", "sed", "envsubst", "touch", "wait", "exit", "source", ".", "trap", "ulimit", "umask",
  "tail", "ls", "find", "grep", "awk", "date", "env", "id", "whoami", "sync", "chgrp", "install", "eval", "read", "shift",
  "unset", "local", "usermod", "useradd", "adduser", "addgroup", "groupadd", "tee", "wget", "curl", "update-ca-certificates",
]);


export interface StartVerdict {
  message: string;
  program: string;
}

/** Whether a start command runs a supervisor or several long-running services. Shared with Compose. */
export function judgeStartCommands(commands: readonly RunCommand[]): StartVerdict | null {
  let services = 0;
  const names: string[] = [];
  for (let k = 0; k < commands.length; k++) {
    const c = commands[k]!;
    const argv = c.argv;
    const program = argv[0] ?? "";
    const name = basename(program);
    if (SUPERVISORS.has(name) || program === "/init" || program === "/sbin/init" || program === "/usr/sbin/init") {
      return { message: `starts the process supervisor ${name === "init" ? program : name}, which runs several services in one container.`, program: name === "init" ? program : name };
    }
    const apps = name === "pm2-runtime" || name === "pm2" ? pm2Apps(argv) : 0;
    if (apps >= 2) return { message: `starts ${apps} apps under ${name}.`, program: name };
    const starts = serviceStarted(argv);
    if (starts) {
      services++;
      names.push(starts);
      continue;
    }
    if (TRIVIAL.has(name)) continue;
    const last = k === commands.length - 1;
    // `nginx && php-fpm -F`: nginx forks into the background by default, so it is a service too.
    if (c.background || last || daemonizes(name, argv)) {
      services++;
      names.push(name);
    }
  }
  // `case $x in a) nginx;; b) redis-server;; esac`: the branches are alternatives, one runs.
  if (services < 2 || commands.some((c) => c.argv[0] === "case")) return null;
  return { message: `starts ${services} long-running services (${names.join(", ")}) in one container.`, program: names[0]! };
}

/**
 * Servers that fork into the background when started without their foreground flag: run
 * before another command, they keep running beside it. A config test (`nginx -t`) is not.
 */
function daemonizes(name: string, argv: readonly string[]): boolean {
  const args = argv.slice(1);
  if (args.some((a) => /^-(t|T|v|V|h|\?)$|^--(version|help|test)$/.test(a))) return false;
  const joined = args.join(" ");
  if (name === "nginx") return !/daemon\s+off/.test(joined);
  if (/^php[\d.]*-fpm[\d.]*$/.test(name)) return !args.some((a) => a === "-F" || a === "--nodaemonize");
  if (name === "sshd") return !args.includes("-D");
  if (name === "crond" || name === "cron") return !args.includes("-f");
  if (name === "apachectl" || name === "apache2ctl") return args.includes("start");
  if (name === "httpd") return args.includes("-k") && args.includes("start");
  if (name === "redis-server") return /daemonize\s+yes/.test(joined);
  return false;
}

/** pm2 options that take a value (`-i max`, `--name api`): the value is not an app. */
const PM2_VALUE_OPTIONS = new Set([
  "-i", "--instances", "-n", "--name", "--env", "-o", "--output", "-e", "--error", "-l", "--log", "-p", "--pid",
  "--max-memory-restart", "--node-args", "--interpreter", "--interpreter-args", "--cwd", "--ignore-watch",
  "--log-date-format", "--log-type", "--kill-timeout", "--listen-timeout", "--restart-delay",
  "--exp-backoff-restart-delay", "--max-restarts", "--min-uptime", "-c", "--cron", "--cron-restart", "--namespace",
  "--instance-var", "--public", "--secret", "--machine-name", "--only", "--watch-delay", "-x", "--execute-command",
]);

/** The apps a pm2 / pm2-runtime command line starts: scripts, not options, their values or a config file. */
function pm2Apps(argv: readonly string[]): number {
  let apps = 0;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!;
    if (w === "--") break; // the rest are the app's own arguments
    if (w.startsWith("-")) {
      if (PM2_VALUE_OPTIONS.has(w)) i++;
      continue;
    }
    if (/^(start|startOrRestart|startOrReload)$/.test(w) || /\.(config\.)?(json|ya?ml)$|ecosystem/.test(w)) continue;
    apps++;
  }
  return apps;
}

function checkInstalledDaemons(df: DockerfileModel, ctx: CheckContext): void {
  const seen = new Map<string, string>();
  for (const instr of finalInstructions(df)) {
    if (instr.keyword !== "RUN" || instr.installs.length === 0) continue;
    const before = seen.size;
    for (const install of instr.installs) {
      for (const pkg of install.packages) {
        const daemon = daemonOf(pkg, install.manager);
        if (daemon && !seen.has(daemon)) seen.set(daemon, pkg);
      }
    }
    if (seen.size >= 2 && before < 2) {
      const list = [...seen.values()].join(" + ");
      ctx.report({
        range: instructionRange(instr),
        message: `The image installs ${seen.size} server daemons (${list}): run each in its own container.`,
      });
    }
  }
}
