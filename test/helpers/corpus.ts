/** The shared corpus's files, for the oracle tests. */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { kindFromName } from "../../src/discover/kinds.js";

/** Every Dockerfile below `dir` (by the contract's names), in a stable order. */
export function corpusDockerfiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) return corpusDockerfiles(p);
      return kindFromName(name) === "dockerfile" ? [p] : [];
    });
}
