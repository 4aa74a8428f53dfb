import { pathToFileURL } from "node:url";
import version from "virtual:package-version";
import type { RuleMeta } from "../engine/types.js";
import type { Finding, Principle, Severity } from "../model/finding.js";
import { cmp } from "../model/finding.js";
import type { TextReporter } from "./types.js";
import { encodeUriPath, fence, RULES_DOC_URI } from "./links.js";

/**
 * SARIF 2.1.0, the subset GitHub code scanning reads
 * (https://docs.oasis-open.org/sarif/sarif/v2.1.0/ and GitHub's "SARIF support for code scanning").
 *
 * - One run. `tool.driver.rules` lists the rules that the results refer to, sorted by id, and
 *   every result carries `ruleId` and `ruleIndex` into that list.
 * - Locations are relative to `%SRCROOT%` (the directory isolint ran in, declared in
 *   `originalUriBaseIds`), with `/` separators. Columns are UTF-16 code units; `endColumn` is
 *   exclusive, as in the findings.
 * - Suppressed findings are kept, with an `inSource` suppression and the comment's reason as
 *   its justification (a baseline's: `external`) (CONTRACT.md; GitHub shows them as dismissed, not as open alerts).
 * - No `partialFingerprints`: GitHub computes them from the source when it is uploaded.
 * - `security-severity` (GitHub maps > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, < 4 low) follows the
 *   rule's default severity: error 8.0, warning 5.0, info 2.0; an error that breaks tenant
 *   isolation is 9.1 (critical: one tenant reaching another) and a least-privilege error 8.5.
 *   Rules of the `correctness` principle (a file that can't be parsed, an unused suppression) are
 *   not security findings: they get neither the `security` tag nor a security severity, so GitHub
 *   lists them as plain errors/warnings/notes.
 */

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
export const INFORMATION_URI = "https://github.com/isolint/isolint";

type SarifLevel = "error" | "warning" | "note";

const LEVEL: Record<Severity, SarifLevel> = { error: "error", warning: "warning", info: "note" };

/** The `security-severity` of a rule (a string, as GitHub wants it), or null for non-security rules. */
export function securitySeverity(severity: Severity, principle: Principle): string | null {
  if (principle === "correctness") return null;
  if (severity === "error") {
    if (principle === "tenant-isolation") return "9.1";
    if (principle === "least-privilege") return "8.5";
    return "8.0";
  }
  return severity === "warning" ? "5.0" : "2.0";
}

/** `no-root-user` → `NoRootUser`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

function helpText(meta: RuleMeta): string {
  const parts = [meta.why.trim(), `How to fix: ${meta.fix.trim()}`];
  if (meta.example?.bad) parts.push(`Bad:\n${meta.example.bad.trimEnd()}`);
  if (meta.example?.good) parts.push(`Good:\n${meta.example.good.trimEnd()}`);
  return parts.join("\n\n");
}

function helpMarkdown(meta: RuleMeta): string {
  const lang = meta.kinds.length === 1 && meta.kinds[0] === "dockerfile" ? "dockerfile" : meta.kinds.includes("dockerfile") ? "" : "yaml";
  const parts = [`**${meta.title.trim()}**`, meta.why.trim(), `**How to fix:** ${meta.fix.trim()}`];
  if (meta.example?.bad) parts.push(`Bad:\n\n${fence(meta.example.bad, lang)}`);
  if (meta.example?.good) parts.push(`Good:\n\n${fence(meta.example.good, lang)}`);
  if (meta.references?.length) parts.push(`References: ${meta.references.join("; ")}`);
  return parts.join("\n\n");
}

/** Metadata for a rule id the rule set doesn't know (should not happen; keeps the output valid). */
function fallbackMeta(f: Finding): RuleMeta {
  return {
    id: f.ruleId,
    severity: f.severity,
    principle: f.principle,
    kinds: [],
    title: f.ruleId,
    why: f.message,
    triggers: "",
    fix: f.fix,
  };
}

function descriptor(meta: RuleMeta): Record<string, unknown> {
  const sec = securitySeverity(meta.severity, meta.principle);
  const tags = sec === null ? [meta.principle] : [meta.principle, "security"];
  const properties: Record<string, unknown> = { tags };
  if (sec !== null) properties["security-severity"] = sec;
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title.trim() },
    fullDescription: { text: meta.why.trim() },
    help: { text: helpText(meta), markdown: helpMarkdown(meta) },
    helpUri: `${RULES_DOC_URI}#${meta.id}`,
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties,
  };
}

const atLeast1 = (n: number) => (Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1);

function region(f: Finding): Record<string, number> {
  const startLine = atLeast1(f.line);
  const startColumn = atLeast1(f.column);
  let endLine = atLeast1(f.endLine);
  let endColumn = atLeast1(f.endColumn);
  if (endLine < startLine || (endLine === startLine && endColumn < startColumn)) {
    endLine = startLine;
    endColumn = startColumn;
  }
  return { startLine, startColumn, endLine, endColumn };
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: Record<string, unknown>[];
}

export function toSarif(result: Parameters<TextReporter>[0], opts: Parameters<TextReporter>[1]): SarifLog {
  const findings = [...result.findings];
  const metas = new Map<string, RuleMeta>();
  for (const f of findings) {
    if (!metas.has(f.ruleId)) metas.set(f.ruleId, result.rules.get(f.ruleId)?.meta ?? fallbackMeta(f));
  }
  const ids = [...metas.keys()].sort(cmp);
  const index = new Map(ids.map((id, i) => [id, i]));
  const results = findings.map((f) => {
    const r: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUriPath(f.file.replace(/\\/g, "/")), uriBaseId: "%SRCROOT%" },
            region: region(f),
          },
        },
      ],
    };
    if (f.suppressed) {
      // A baseline is kept outside the source: SARIF's `external` kind.
      const s: Record<string, string> = { kind: f.suppressed.external ? "external" : "inSource" };
      if (f.suppressed.reason) s.justification = f.suppressed.reason;
      r.suppressions = [s];
    }
    return r;
  });
  const root = pathToFileURL(result.cwd).href;
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "isolint",
            version,
            semanticVersion: version,
            informationUri: INFORMATION_URI,
            rules: ids.map((id) => descriptor(metas.get(id)!)),
          },
        },
        originalUriBaseIds: {
          "%SRCROOT%": {
            uri: root.endsWith("/") ? root : `${root}/`,
            description: { text: "The directory isolint ran in; result paths are relative to it." },
          },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

export const sarifReporter: TextReporter = (result, opts) => JSON.stringify(toSarif(result, opts), null, 2) + "\n";
