import type { Reporter } from "./types.js";
import { jsonReporter } from "./json.js";
import { stylishReporter } from "./stylish.js";

/** Formats of `isolint audit` (src/cli/commands.ts): stylish and json load with the CLI; the others on demand. */
export { AUDIT_FORMATS } from "../cli/commands.js";

export async function loadReporter(name: string): Promise<Reporter> {
  switch (name) {
    case "json":
      return jsonReporter;
    case "stylish":
      return stylishReporter;
    case "sarif":
      return (await import("./sarif.js")).sarifReporter;
    case "github":
      return (await import("./github.js")).githubReporter;
    case "markdown":
      return (await import("./markdown.js")).markdownReporter;
    case "junit":
      return (await import("./junit.js")).junitReporter;
    default:
      throw new Error(`unknown format ${name}`);
  }
}
