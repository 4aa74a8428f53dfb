import { discover, type DiscoveredFile } from "../discover/discover.js";
import { kindFromContent } from "../discover/kinds.js";
import type { Config } from "../engine/config.js";
import { Engine, type FileModel } from "../engine/engine.js";
import type { RuleSet } from "../engine/registry.js";
import { applySuppressions, parseSuppressions } from "../engine/suppressions.js";
import type { Comment } from "../model/dockerfile.js";
import { compareFindings, SEVERITY_RANK, type FileKind, type Finding } from "../model/finding.js";
import type { ProjectModel } from "../model/project.js";
import type { Range } from "../model/range.js";
import { parseDockerfile } from "../parse/dockerfile/parse.js";
import { decodeText } from "../parse/text.js";
import { readSource } from "./read.js";
import { summarize, type AuditResult } from "../report/types.js";

export interface AuditOptions {
  cwd: string;
  paths: string[];
  config: Config;
  rules: RuleSet;
  forceKind: FileKind | null;
  /** `--quiet`: only errors are reported and counted. */
  quiet: boolean;
  /** Text of stdin when `-` is among the paths. */
  readStdin?: () => Uint8Array;
}

export interface AuditRun extends AuditResult {
  engine: Engine;
}

const STDIN_PATH = "<stdin>";

/** discover → read → parse → rules → suppressions; returns sorted findings. */
export function audit(opts: AuditOptions): AuditRun {
  const { config, cwd } = opts;
  const engine = new Engine(opts.rules, config, cwd);
  const paths = opts.paths.filter((p) => p !== "-");
  const useStdin = opts.paths.includes("-");
  const files: DiscoveredFile[] =
    paths.length > 0 || !useStdin
      ? discover(paths, { cwd, forceKind: opts.forceKind, ignoreGlobs: config.ignore, ignoreBase: config.baseDir })
      : [];

  const project: ProjectModel = {
    cwd,
    compose: [],
    vms: [],
    servicesByDockerfile: new Map(),
    dockerfiles: new Map(),
  };
  const findings: Finding[] = [];
  const linted: string[] = [];

  const lintText = (path: string, kind: FileKind | null, text: string | null, failure: { range: Range; message: string } | null) => {
    linted.push(path);
    if (failure) {
      pushAll(findings, [engine.finding("parse-error", path, failure)]);
      return;
    }
    const k = kind ?? kindFromContent(text!);
    if (!k) {
      pushAll(findings, [
        engine.finding("parse-error", path, {
          range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
          message: "not a Dockerfile, Compose file or VM spec: the name doesn't say and the content doesn't tell (use --kind)",
        }),
      ]);
      return;
    }
    const model = parseModel(k, path, text!);
    if (!model) return;
    const own = engine.runFile(model, project);
    findings.push(...finishFile(engine, path, own, model));
  };

  for (const f of files) {
    const src = readSource(f.abs, config.maxFileSize);
    if (src.ok) lintText(f.path, f.kind, src.text, null);
    else lintText(f.path, f.kind, null, src);
  }
  if (useStdin && opts.readStdin) {
    const decoded = decodeText(opts.readStdin());
    if (decoded.ok) lintText(STDIN_PATH, opts.forceKind, decoded.text, null);
    else lintText(STDIN_PATH, opts.forceKind, null, { range: { line: decoded.line, column: 1, endLine: decoded.line, endColumn: 1 }, message: decoded.message });
  }
  findings.push(...engine.runProject(project));

  let shown = findings;
  if (opts.quiet) shown = shown.filter((f) => f.severity === "error");
  shown.sort(compareFindings);
  linted.sort();
  return { findings: shown, summary: summarize(shown, linted.length), files: linted, rules: opts.rules, cwd, engine };
}

function pushAll(out: Finding[], list: (Finding | null)[]): void {
  for (const f of list) if (f) out.push(f);
}

function parseModel(kind: FileKind, path: string, text: string): FileModel | null {
  switch (kind) {
    case "dockerfile":
      return parseDockerfile(path, text);
    default:
      return null;
  }
}

/** Inline suppressions of one file, and `unused-suppression` for the comments that matched nothing. */
function finishFile(engine: Engine, path: string, own: Finding[], model: FileModel): Finding[] {
  const comments: readonly Comment[] = "comments" in model ? (model.comments as Comment[]) : [];
  if (engine.config.noInlineIgnores || comments.length === 0) return own;
  const suppressions = parseSuppressions(comments);
  const unused = applySuppressions(own, suppressions);
  for (const { suppression, id } of unused) {
    const known = engine.rules.has(id);
    const f = engine.finding("unused-suppression", path, {
      range: suppression.comment.range,
      message: known
        ? `"isolint-ignore${suppression.scope === "file" ? "-file" : ""} ${id}" suppresses nothing${suppression.scope === "line" ? ` on line ${suppression.target}` : " in this file"}.`
        : `"isolint-ignore ${id}": no rule has the id "${id}".`,
    });
    if (f) own.push(f);
  }
  return own;
}

/** Exit status per CONTRACT.md: 1 when a finding reaches the fail-on level. */
export function exitCodeFor(findings: readonly Finding[], failOn: Config["failOn"]): 0 | 1 {
  if (failOn === "never") return 0;
  const threshold = SEVERITY_RANK[failOn];
  return findings.some((f) => !f.suppressed && SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

