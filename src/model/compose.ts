import type { Comment, ImageRef, ParseProblem } from "./dockerfile.js";
import type { Range } from "./range.js";
import type { YMap, YNode } from "./ynode.js";
import type { PortParse } from "../parse/ports.js";
import type { RunCommand } from "../parse/shell/commands.js";

/** A value with the place a finding about it points at. */
export interface Located<T> {
  value: T;
  range: Range;
  /** Interpolation left a variable without a value. */
  unresolved: boolean;
}

/** One `ports:` entry, short or long syntax, normalized. */
export interface PublishedPort {
  /** As written (short syntax), or a short-syntax rendering of the long syntax. */
  text: string;
  range: Range;
  /** Host interface, null when none is given (every interface). */
  hostIp: string | null;
  /** Host port or range as written, null when Docker picks one. */
  published: string | null;
  /** The container side: port or range with protocol, or why it is invalid. */
  target: PortParse;
  /** The host side, when given and not a variable. */
  publishedParsed: PortParse | null;
  unresolved: boolean;
  /**
   * The host interface can't be known: an unresolved variable stands where the IP is, or the
   * entry is a lone unresolved variable. `${PORT}:80` still binds every interface.
   */
  hostIpUnknown: boolean;
}

/** One `expose:` entry. */
export interface ExposedPort {
  text: string;
  range: Range;
  parsed: PortParse;
  unresolved: boolean;
}

/** One `volumes:` entry, short or long syntax. */
export interface Mount {
  type: "bind" | "volume" | "tmpfs" | "npipe" | "cluster" | "image";
  /** Host path (bind), volume name, or null (anonymous volume, tmpfs). */
  source: string | null;
  target: string | null;
  readOnly: boolean;
  text: string;
  range: Range;
  unresolved: boolean;
}

export interface EnvVar {
  name: string;
  /** null: passed through from the host (`- NAME` or `NAME:` with no value). */
  value: string | null;
  raw: string | null;
  range: Range;
  unresolved: boolean;
}

export interface SecurityOpt {
  /** `no-new-privileges`, `seccomp`, `apparmor`, `label`, `systempaths`… (lower-case). */
  key: string;
  value: string | null;
  text: string;
  range: Range;
}

export interface StartCommandSpec {
  /** The key (`command` or `entrypoint`) and where it is. */
  key: "command" | "entrypoint";
  range: Range;
  commands: RunCommand[];
  /**
   * The argument list Compose passes: a list as written, a string split into words (operators
   * such as `&&` are words then: no shell reads them). An entrypoint's and a command's words
   * are concatenated into PID 1's argv.
   */
  words: string[];
  text: string;
  /** Written as a list: exec form, as a Dockerfile's JSON array. */
  list: boolean;
}

export interface BuildSpec {
  range: Range;
  /** Build context as written, or null for a remote (git/URL) context. */
  context: string | null;
  /** Dockerfile path as reported (relative to the cwd), or null when unknown / remote / inline. */
  dockerfilePath: string | null;
  /** Absolute path of the Dockerfile, when local. */
  dockerfileAbs: string | null;
  /** `build.dockerfile_inline` text. */
  inline: string | null;
  /** `build.additional_contexts` names: `FROM <name>` in the Dockerfile refers to them. */
  additionalContexts: string[];
  /** `build.args` (map or `NAME=value` list): they replace the Dockerfile's ARG defaults. */
  args: Map<string, Located<string>>;
}

export interface Service {
  name: string;
  file: string;
  /** The service's name key. */
  range: Range;
  /** The whole service map after merges and interpolation: the rule language reads this. */
  node: YMap;
  image: (Located<string> & { ref: ImageRef }) | null;
  build: BuildSpec | null;
  user: Located<string> | null;
  ports: PublishedPort[];
  expose: ExposedPort[];
  volumes: Mount[];
  labels: Map<string, Located<string>>;
  environment: EnvVar[];
  securityOpt: SecurityOpt[];
  capAdd: Located<string>[];
  capDrop: Located<string>[];
  command: StartCommandSpec | null;
  entrypoint: StartCommandSpec | null;
  /** The service's `healthcheck:` (null when absent). */
  healthcheck: YNode | null;
  runtime: Located<string> | null;
  /** Keys that are set, mapped to where (for `privileged`, `pid`, `read_only`…). */
  get(key: string): YNode | undefined;
  /**
   * Another Compose file in the same folder defines this service too and this file is the
   * partial one (an override): rules about what is missing skip it, the base file reports.
   */
  partial: boolean;
  /** The same service in `compose.override.yaml` beside this file, which Compose merges by default. */
  overrides: Service[];
  /** A partial service that is one of those layers (of compose.override.yaml, or an include's later path): its base. */
  layerOf?: Service;
  /**
   * The tenant the isolation picture gives it when no `isolint.tenant` label says: the VM
   * spec's that runs it, or the config's `tenants:` globs (set when kernels are built).
   */
  tenantFromContext?: string;
}

export interface SchemaProblemAt {
  range: Range;
  message: string;
}

export interface ComposeModel {
  kind: "compose";
  path: string;
  /** Absolute path, to resolve `build:` contexts and `.env`. */
  abs: string;
  services: Service[];
  /** YAML syntax error (the file is not linted further). */
  problem: ParseProblem | null;
  schemaProblems: SchemaProblemAt[];
  comments: Comment[];
  /** The whole document, for the rule language and the schema. */
  root: YMap | null;
  /** `extends:` / `include:` references that can't be followed (reported as invalid-reference). */
  referenceProblems: SchemaProblemAt[];
  /** Compose files this one includes (`include:`): their services join this project. */
  /** `overlays`: a later path of one entry's list (`path: [a.yaml, b.yaml]`), merged onto the first as an override. */
  includes: { path: string; abs: string; reportPath: string; range: Range; overlays?: string }[];
}
