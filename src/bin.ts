import module from "node:module";

// Node 22+ can keep compiled code between runs (in the OS temp folder): a pre-commit run then
// skips most of its start-up compile. It must be on before the rest of isolint is loaded.
// Node 20 has no such cache; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { main, processIo } = await import("./cli/main.js");

// Set the exit code and let pending output flush; process.exit() could cut a piped report short.
process.exitCode = await main(process.argv.slice(2), { ...processIo(), workerScript: new URL("./worker.js", import.meta.url) });
