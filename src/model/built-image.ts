import type { PortRange } from "../parse/ports.js";
import type { Scope } from "./dockerfile.js";

/**
 * What the Compose checks read of a Dockerfile that a service builds — kept for the whole
 * run instead of the Dockerfile's model (≈ 30 KB of model against a few hundred bytes here,
 * for thousands of Dockerfiles in a monorepo). Made by `builtImage` (src/checks/helpers).
 */
export interface BuiltImage {
  /** The Dockerfile's report path. */
  path: string;
  /** The final image has a HEALTHCHECK (of any kind, `NONE` included). */
  hasHealthcheck: boolean;
  /** The last USER of the final image, or null when there is none. */
  user: BuiltImageUser | null;
  /** Every EXPOSE port of every stage whose value is known and valid, with its line. */
  exposes: readonly { port: PortRange; line: number }[];
  /** The repository the final image starts from (`neo4j` of `FROM neo4j:5.20`), when known. */
  baseName: string | null;
}

export interface BuiltImageUser {
  /** The user after expanding the ARG/ENV defaults, or null when USER has no word. */
  value: string | null;
  unresolved: boolean;
  line: number;
  /** The USER word as written (`${APP_UID}`), what build args may change. */
  raw: string;
  /** ARG/ENV in scope at that USER, and the Dockerfile's escape character, to expand `raw` again. */
  scope: Scope;
  escape: string;
}
