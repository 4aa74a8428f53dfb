import { Worker } from "node:worker_threads";
import type { LoadConfigOptions } from "../engine/load-config.js";
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
  results: WorkerFileResult[];
  internalErrors: { ruleId: string; file: string; message: string }[];
}

/** Lints Dockerfiles on their own (no Compose context) on a worker thread, taking them from the shared queue. */
export function lintOnWorker(opts: ParallelOptions, entries: readonly { path: string; abs: string | null }[], queue: SharedArrayBuffer): Promise<WorkerDone> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(opts.workerScript, {
      workerData: { cwd: opts.cwd, config: opts.config, entries: entries.map((e) => ({ path: e.path, abs: e.abs })), queue },
    });
    worker.once("message", (m: WorkerDone) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the worker thread stopped with code ${code}`));
    });
  });
}
