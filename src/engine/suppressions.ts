import type { Comment } from "../model/dockerfile.js";
import type { Finding } from "../model/finding.js";

/** One `# isolint-ignore[-file] ids -- reason` comment. */
export interface Suppression {
  comment: Comment;
  scope: "line" | "file";
  ids: string[];
  reason: string;
  /** The line whose findings it suppresses (the next line, or its own line when trailing). */
  target: number;
  used: Set<string>;
}

const DIRECTIVE = /^isolint-ignore(-file)?(?:\s+(.*))?$/;

export function parseSuppressions(comments: readonly Comment[]): Suppression[] {
  const out: Suppression[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const rest = m[2] ?? "";
    const dashes = rest.search(/(^|\s)--(\s|$)/);
    const idsPart = dashes < 0 ? rest : rest.slice(0, dashes);
    const reason = dashes < 0 ? "" : rest.slice(dashes).replace(/^\s*--\s*/, "");
    const ids = idsPart.split(/[\s,]+/).filter(Boolean);
    out.push({
      comment: c,
      scope: m[1] ? "file" : "line",
      ids,
      reason: reason.trim(),
      target: c.trailing ? c.line : c.line + 1,
      used: new Set(),
    });
  }
  return out;
}

/**
 * Marks the findings an inline comment suppresses (they stay in the list with `suppressed`)
 * and returns the comments' ids that suppressed nothing, for `unused-suppression` — with the
 * id "" for a comment that names no rule at all (it can suppress nothing: ids are required).
 */
export function applySuppressions(
  findings: Finding[],
  suppressions: Suppression[],
  /** The first line of the statement a line belongs to (a continued Dockerfile instruction): a comment above it covers every line of it. */
  statementStart: (line: number) => number = (line) => line,
): { suppression: Suppression; id: string }[] {
  if (suppressions.length === 0) return [];
  const unused: { suppression: Suppression; id: string }[] = [];
  for (const s of suppressions) if (s.ids.length === 0) unused.push({ suppression: s, id: "" });
  for (const f of findings) {
    for (const s of suppressions) {
      if (!s.ids.includes(f.ruleId)) continue;
      if (s.scope === "line" && s.target !== f.line && s.target !== statementStart(f.line)) continue;
      f.suppressed = { reason: s.reason };
      s.used.add(f.ruleId);
      break;
    }
  }
  for (const s of suppressions) for (const id of s.ids) if (!s.used.has(id)) unused.push({ suppression: s, id });
  return unused;
}
