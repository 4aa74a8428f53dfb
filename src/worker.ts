// Worker thread: lints a share of the Dockerfiles on its own, for large trees (src/app/parallel.ts).
import { parentPort, workerData } from "node:worker_threads";
import { lintDockerfilesStandalone } from "./app/audit.js";
import type { LoadConfigOptions } from "./engine/load-config.js";

const data = workerData as { cwd: string; config: LoadConfigOptions; entries: { path: string; abs: string }[]; queue: SharedArrayBuffer };
lintDockerfilesStandalone(data.cwd, data.config, data.entries, data.queue).then((done) => parentPort!.postMessage(done));
