import { Worker } from "node:worker_threads";
import type { LoadConfigOptions } from "../engine/load-config.js";
import type { SchemaProblemAt } from "../model/compose.js";
import type { Finding } from "../model/finding.js";
import type { Counts } from "./finding-store.js";

/** What a worker needs to lint Dockerfiles exactly as the main thread would. */
export interface ParallelOptions {
  /** The built worker script (dist/worker.js). */
  workerScript: string | URL;
  /** How the main thread loaded its config: the worker loads the same (functions don't cross threads). */
  config: LoadConfigOptions;
  cwd: string;
}

export interface WorkerFileResult {
  /** The file's index in the shared queue. */
  index: number;
  path: string;
  /** The file's findings, or — once they went to a run on disk — only how many of each. */
  findings?: Finding[];
  counts?: Counts;
}

export interface WorkerDone {
  results: WorkerFileResult[];
  /** Sorted runs of findings the worker wrote to the spill folder (src/app/finding-runs.ts). */
  runs: string[];
  /** A rule that threw, on the file at this queue index. */
  internalErrors: { ruleId: string; file: string; message: string; index: number }[];
}

/** The job a worker is started with (src/worker.ts). */
export interface WorkerJob {
  cwd: string;
  config: LoadConfigOptions;
  /** Compose files to validate against the schema, first. */
  compose: { path: string; text: string }[];
  /** Dockerfiles to take from the shared queue, by index. */
  entries: { path: string; abs: string }[];
  queue: SharedArrayBuffer;
  /** How findings are kept and spilled (as the main thread's store does). */
  spill: WorkerSpill;
}

export interface WorkerSpill {
  quiet: boolean;
  spillAfter?: number;
  /** The main thread's spill folder (it removes it), or null when none could be made. */
  spillDir: string | null;
}

export type WorkerMessage =
  | { type: "schema"; problems: [string, SchemaProblemAt[]][] }
  | ({ type: "done" } & WorkerDone);

export interface WorkerRun {
  /** The Compose files' schema problems, by report path. */
  schema: Promise<Map<string, SchemaProblemAt[]>>;
  /** The Dockerfiles the worker took from the queue, linted on their own (no Compose context). */
  done: Promise<WorkerDone>;
  /** Ends the thread now (the run failed on the main thread). */
  stop(): void;
}

/** Starts a worker thread: it validates the Compose files, then lints Dockerfiles from the shared queue. */
export function startWorker(opts: ParallelOptions, compose: WorkerJob["compose"], entries: readonly { path: string; abs: string | null }[], queue: SharedArrayBuffer, spill: WorkerSpill): WorkerRun {
  const job: WorkerJob = { cwd: opts.cwd, config: opts.config, compose, entries: entries.map((e) => ({ path: e.path, abs: e.abs! })), queue, spill };
  // A young generation of 24 MB (8 MB semi-spaces; V8's default grows to 16 MB ones) keeps the
  // worker ≈ 20 MB smaller at the monorepo's peak, at no cost in time (measured side by side).
  const worker = new Worker(opts.workerScript, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 24 } });
  const schema = settleLater<Map<string, SchemaProblemAt[]>>();
  const done = settleLater<WorkerDone>();
  const fail = (e: Error) => {
    schema.reject(e);
    done.reject(e);
  };
  worker.on("message", (m: WorkerMessage) => {
    if (m.type === "schema") schema.resolve(new Map(m.problems));
    else {
      done.resolve({ results: m.results, runs: m.runs, internalErrors: m.internalErrors });
      void worker.terminate();
    }
  });
  worker.once("error", fail);
  worker.once("exit", (code) => {
    if (code !== 0) fail(new Error(`the worker thread stopped with code ${code}`));
  });
  return { schema: schema.promise, done: done.promise, stop: () => void worker.terminate() };
}

/** A promise with its resolve and reject at hand (Node 20 has no Promise.withResolvers). */
function settleLater<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Whichever the caller doesn't await must not become an unhandled rejection.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
