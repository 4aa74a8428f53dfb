import type { Reporter } from "./types.js";
import { jsonReporter } from "./json.js";
import { stylishReporter } from "./stylish.js";

/** Formats of `isolint audit`. stylish and json load with the CLI; the others on demand. */
export const AUDIT_FORMATS = ["stylish", "json"] as const;

export async function loadReporter(name: string): Promise<Reporter> {
  switch (name) {
    case "json":
      return jsonReporter;
    case "stylish":
      return stylishReporter;
    default:
      throw new Error(`unknown format ${name}`);
  }
}
