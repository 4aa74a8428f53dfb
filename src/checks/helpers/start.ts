import type { DockerfileModel, Instruction } from "../../model/dockerfile.js";
import { basename, execCommand, flattenCommands, SHELLS, type RunCommand } from "../../parse/shell/commands.js";
import { MINIMAL_INITS } from "../../data/daemons.js";
import { lastOf } from "./final-image.js";

/** What PID 1 runs: ENTRYPOINT and CMD combined as Docker combines them. */
export interface StartProcess {
  entrypoint: Instruction | null;
  /** The CMD that takes effect (a CMD inherited from an earlier stage is reset by a later ENTRYPOINT). */
  cmd: Instruction | null;
  /** The simple commands that run, minimal inits (`tini --`) removed. */
  commands: RunCommand[];
}

const starts = new WeakMap<DockerfileModel, StartProcess | null>();

/** Several rules ask; it is worked out once per file. */
export function startProcess(df: DockerfileModel): StartProcess | null {
  if (starts.has(df)) return starts.get(df)!;
  const start = computeStart(df);
  starts.set(df, start);
  return start;
}

function computeStart(df: DockerfileModel): StartProcess | null {
  const entrypoint = lastOf(df, "ENTRYPOINT");
  let cmd = lastOf(df, "CMD");
  if (entrypoint && cmd && cmd.stage < entrypoint.stage) cmd = null;
  if (!entrypoint && !cmd) return null;
  // An exec-form CMD alone is an argv too: `["/entrypoint.sh", "supervisord"]` runs supervisord.
  const commands = entrypoint?.exec
    ? argvCommands([...entrypoint.exec, ...(cmd ? cmd.exec ?? ["/bin/sh", "-c", cmd.args] : [])])
    : !entrypoint && cmd?.exec
      ? argvCommands(cmd.exec)
      : withoutMinimalInit((entrypoint ?? cmd)!.commands);
  return { entrypoint, cmd: entrypoint && !entrypoint.exec ? null : cmd, commands };
}

/**
 * PID 1's argv (an exec-form ENTRYPOINT and its CMD, or Compose's entrypoint and command words
 * together) as the simple commands that run: into `sh -c` scripts, minimal inits removed.
 */
export function argvCommands(argv: readonly string[]): RunCommand[] {
  return withoutMinimalInit(flattenCommands([execCommand(argv)])).flatMap(throughEntrypointScript);
}

/**
 * An entrypoint script (`/docker-entrypoint.sh`, `entrypoint`, `start.sh`): it prepares the
 * container and then runs its arguments — the CMD — with `exec "$@"`, so what PID 1 ends up
 * running is the CMD (`ENTRYPOINT ["/docker-entrypoint.sh"]` + `CMD ["supervisord"]`).
 */
const ENTRYPOINT_SCRIPT = /(^|\/)([\w.-]*entrypoint[\w.-]*|[\w.-]+\.sh)$/i;

function throughEntrypointScript(c: RunCommand): RunCommand[] {
  // `["/bin/bash", "/docker-entrypoint.sh", …]`: the script run by a shell.
  const at = SHELLS.has(basename(c.argv[0] ?? "")) && ENTRYPOINT_SCRIPT.test(c.argv[1] ?? "") ? 1 : 0;
  const script = c.argv[at] ?? "";
  // `entrypoint.sh --port 80`: options of the script itself, not a command it runs.
  if (c.argv.length < at + 2 || !ENTRYPOINT_SCRIPT.test(script) || c.argv[at + 1]!.startsWith("-")) return [c];
  return argvCommands(c.argv.slice(at + 1)).map((r) => ({ ...r, wrappers: [...c.wrappers, basename(script), ...r.wrappers] }));
}

/** The commands with `tini --`, `dumb-init` and friends taken off the front: they run the rest. */
export function withoutMinimalInit(commands: readonly RunCommand[]): RunCommand[] {
  return commands.flatMap(stripMinimalInit);
}

/** `tini -g -- app` → `app` (looking into `sh -c` again if that is what remains). */
function stripMinimalInit(c: RunCommand): RunCommand[] {
  if (!MINIMAL_INITS.has(basename(c.argv[0] ?? ""))) return [c];
  let i = 1;
  while (i < c.argv.length && c.argv[i]!.startsWith("-")) {
    if (c.argv[i] === "--") {
      i++;
      break;
    }
    i++;
  }
  const rest = c.argv.slice(i);
  if (rest.length === 0) return [];
  return flattenCommands([execCommand(rest, c.op)]).map((r) => ({ ...r, wrappers: [...c.wrappers, ...r.wrappers] }));
}

/** The instruction of the start command that names `program` (ENTRYPOINT when it does, else CMD). */
export function instructionNaming(start: StartProcess, program: string): Instruction {
  const ep = start.entrypoint;
  if (ep && (ep.exec ? ep.exec.some((w) => w.includes(program)) : ep.args.includes(program))) return ep;
  return start.cmd ?? ep!;
}
