import { main, processIo } from "./cli/main.js";

// Set the exit code and let pending output flush; process.exit() could cut a piped report short.
main(process.argv.slice(2), { ...processIo(), workerScript: new URL("./worker.js", import.meta.url) }).then((code) => {
  process.exitCode = code;
});
