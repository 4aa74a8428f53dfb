import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { LoadConfigOptions } from "../engine/load-config.js";
import type { SchemaProblemAt } from "../model/compose.js";
import type { Finding } from "../model/finding.js";

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
  findings: Finding[];
}

export interface WorkerDone {
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
  /** Where the worker posts its messages (the main thread reads them as it goes, see `take`). */
  port: MessagePort;
}

export type WorkerMessage =
  | { type: "schema"; problems: [string, SchemaProblemAt[]][] }
  | { type: "results"; results: WorkerFileResult[] }
  | ({ type: "done" } & WorkerDone);

export interface WorkerRun {
  /** The Compose files' schema problems, by report path. */
  schema: Promise<Map<string, SchemaProblemAt[]>>;
  /** When the worker has emptied the queue (every result is then there for `take`). */
  done: Promise<WorkerDone>;
  /**
   * The results the worker has sent since the last call, without waiting: the main thread
   * calls it between files, so that results don't pile up in the port while it is busy.
   */
  take(): WorkerFileResult[];
  /** Ends the thread now (the run failed on the main thread). */
  stop(): void;
}

/** Starts a worker thread: it validates the Compose files, then lints Dockerfiles from the shared queue. */
export function startWorker(opts: ParallelOptions, compose: WorkerJob["compose"], entries: readonly { path: string; abs: string | null }[], queue: SharedArrayBuffer): WorkerRun {
  const { port1, port2 } = new MessageChannel();
  const job: WorkerJob = { cwd: opts.cwd, config: opts.config, compose, entries: entries.map((e) => ({ path: e.path, abs: e.abs! })), queue, port: port2 };
  // A young generation of 24 MB (8 MB semi-spaces; V8's default grows to 16 MB ones) keeps the
  // worker ≈ 20 MB smaller at the monorepo's peak, at no cost in time (measured side by side).
  const worker = new Worker(opts.workerScript, { workerData: job, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 24 } });
  const schema = settleLater<Map<string, SchemaProblemAt[]>>();
  const done = settleLater<WorkerDone>();
  const fail = (e: Error) => {
    schema.reject(e);
    done.reject(e);
  };
  let received: WorkerFileResult[] = [];
  // Each message arrives once, by the event loop or by `take`'s synchronous read.
  const handle = (m: WorkerMessage) => {
    if (m.type === "schema") schema.resolve(new Map(m.problems));
    else if (m.type === "results") for (const r of m.results) received.push(r);
    else {
      done.resolve({ internalErrors: m.internalErrors });
      port1.close();
      void worker.terminate();
    }
  };
  port1.on("message", handle);
  worker.once("error", fail);
  worker.once("exit", (code) => {
    if (code !== 0) fail(new Error(`the worker thread stopped with code ${code}`));
  });
  return {
    schema: schema.promise,
    done: done.promise,
    take() {
      for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) handle(m.message as WorkerMessage);
      const out = received;
      received = [];
      return out;
    },
    stop: () => {
      port1.close();
      void worker.terminate();
    },
  };
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
