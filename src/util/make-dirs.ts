import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Makes the missing folders above a file, one mkdir each from the deepest existing one down.
 * Not `mkdirSync(…, { recursive: true })`: on a path under /proc that never returns (Node spins
 * there); one plain mkdir fails at once with an error to report.
 */
export function makeParentDirs(file: string): void {
  const missing: string[] = [];
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    try {
      statSync(dir);
      break; // exists (a file there makes the next mkdir or the open fail: reported)
    } catch {
      missing.push(dir);
    }
  }
  for (let i = missing.length - 1; i >= 0; i--) mkdirSync(missing[i]!);
}
