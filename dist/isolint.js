#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import module from"node:module";module.enableCompileCache?.();var{main,processIo}=await import("./chunks/main-FNGOX5GY.js");process.exitCode=await main(process.argv.slice(2),{...processIo(),workerScript:new URL("./worker.js",import.meta.url)});
