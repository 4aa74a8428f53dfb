import type { Range } from "./range.js";
import type { RunCommand } from "../parse/shell/commands.js";
import type { PackageInstall } from "../parse/shell/packages.js";

/** A piece of instruction text with its exact place in the file. */
export interface Word {
  /** As written (continuations joined, quotes kept). */
  raw: string;
  range: Range;
}

export interface Flag extends Word {
  name: string;
  value: string | null;
}

/** The result of expanding `$VAR` / `${VAR:-default}` with the build arguments and ENV in scope. */
export interface Expanded {
  value: string;
  /** A variable without a known value was referenced: the real value is unknown. */
  unresolved: boolean;
}

export interface KeyValue {
  key: string;
  /** Value after quote removal, before expansion; null for `ARG NAME` without a default. */
  value: string | null;
  /** Value after expansion with the variables in scope. */
  expanded: Expanded | null;
  range: Range;
}

export interface Heredoc {
  marker: string;
  stripTabs: boolean;
  body: string;
  /** First and last line of the body (1-based), excluding the terminator. */
  startLine: number;
  endLine: number;
}

export interface ImageRef {
  /** As written after expansion, e.g. `docker.io/library/node:20-slim@sha256:…`. */
  ref: string;
  /** Repository without registry host for Docker Hub official images, e.g. `node`, `bitnami/redis`. */
  name: string;
  /** Registry host when present (`ghcr.io`), else null (Docker Hub). */
  registry: string | null;
  tag: string | null;
  digest: string | null;
  /**
   * What the image is can't be known from this file: a `${VAR}` without a value, or a name
   * that a Compose service building the Dockerfile defines in `build.additional_contexts`.
   */
  unresolved: boolean;
}

/** Every instruction keeps the same generic shape; keyword-specific fields are filled when relevant. */
export interface Instruction {
  keyword: string;
  range: Range;
  keywordRange: Range;
  /** The arguments after the keyword: continuations joined, comment lines removed, heredoc bodies excluded. */
  args: string;
  flags: Flag[];
  /** Whitespace-separated words after the flags (quotes respected). */
  words: Word[];
  /** The JSON (exec) form, for RUN / CMD / ENTRYPOINT / SHELL and friends; null for shell form. */
  exec: string[] | null;
  heredocs: Heredoc[];
  /** Index into `Dockerfile.stages`, or -1 for instructions before the first FROM. */
  stage: number;
  /** ARG / ENV / LABEL pairs. */
  pairs: KeyValue[];
  /** RUN / CMD / ENTRYPOINT / HEALTHCHECK CMD: the simple commands that will run. */
  commands: RunCommand[];
  /** RUN: packages installed by the commands. */
  installs: PackageInstall[];
  /** Variables in scope at this instruction (ARG + ENV of the stage). */
  scope: Scope;
}

export type Scope = ReadonlyMap<string, string | null>;

export interface Stage {
  index: number;
  from: Instruction;
  /** The base as written (`node:20`, `build`, `${BASE}`) and expanded. */
  base: ImageRef;
  /** `FROM x AS <alias>` (lower-cased, as Docker matches it). */
  alias: string | null;
  /** The earlier stage this one builds on (`FROM builder`), or null for an external image. */
  parent: Stage | null;
  instructions: Instruction[];
}

export interface Comment {
  line: number;
  /** Text after `#`. */
  text: string;
  range: Range;
  /** The comment follows code on its line (YAML only: in a Dockerfile `#` there is an argument). */
  trailing?: boolean;
}

export interface ParseProblem {
  range: Range;
  message: string;
}

export interface DockerfileModel {
  kind: "dockerfile";
  path: string;
  escape: "\\" | "`";
  directives: Record<string, string>;
  instructions: Instruction[];
  stages: Stage[];
  comments: Comment[];
  /** The first problem that keeps Docker from building the file, if any. */
  problem: ParseProblem | null;
}
