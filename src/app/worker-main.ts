// The worker thread's work, for large trees (src/app/parallel.ts): validates the Compose files
// against the schema, then lints Dockerfiles from the queue it shares with the main thread.
// dist/worker.js loads the bundle and calls runWorker.
import { workerData } from "node:worker_threads";
import { lintDockerfilesStandalone } from "./audit.js";
import type { WorkerJob, WorkerMessage } from "./parallel.js";
import { phaseDone } from "./timing.js";

export async function runWorker(): Promise<void> {
  const job = workerData as WorkerJob;
  phaseDone("worker started");
  const post = (m: WorkerMessage) => job.port.postMessage(m);

  if (job.compose.length > 0) {
    const { composeTextSchemaProblems } = await import("../parse/compose/parse.js");
    post({ type: "schema", problems: job.compose.map((c) => [c.path, composeTextSchemaProblems(c.text)]) });
    phaseDone(`worker checked ${job.compose.length} Compose files`);
  } else post({ type: "schema", problems: [] });
  post({ type: "done", ...(await lintDockerfilesStandalone(job.cwd, job.config, job.entries, job.queue, (results) => post({ type: "results", results }))) });
}
