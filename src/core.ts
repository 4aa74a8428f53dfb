// Everything the three entry points (dist/isolint.js, dist/worker.js, dist/action.js) run,
// bundled as one CommonJS file (dist/core.cjs) that src/boot/load-core.ts loads with a code
// cache. The worker's and the Action's code is imported lazily: the CLI's start-up doesn't
// run it.
export { main, processIo } from "./cli/main.js";
export { runCoverage } from "./app/coverage.js";

export async function runWorker(): Promise<void> {
  return (await import("./app/worker-main.js")).runWorker();
}

export async function runAction(...args: Parameters<typeof import("./action/run.js").runAction>): Promise<number> {
  return (await import("./action/run.js")).runAction(...args);
}
