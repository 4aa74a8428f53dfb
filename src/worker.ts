// Entry point of the worker thread (started by src/app/parallel.ts for large trees).
import { loadCore } from "./boot/load-core.js";

// Workers run for large trees only: the folder runs' cache.
loadCore<typeof import("./core.js")>(__dirname, require, "tree").exports.runWorker();
