// Entry point of the worker thread (started by src/app/parallel.ts for large trees).
import { loadCore } from "./boot/load-core.js";

loadCore<typeof import("./core.js")>(__dirname, require).exports.runWorker();
