import type { RuleSet } from "../engine/registry.js";
import type { RuleMeta } from "../engine/types.js";
import { paint } from "../report/color.js";

const KIND_LETTER = { dockerfile: "D", compose: "C", vm: "V" } as const;

/** `isolint rules --format json`: one object per rule, sorted by id. */
export function rulesJson(rules: RuleSet): string {
  const list = rules.ids().map((id) => {
    const m = rules.get(id)!.meta;
    return {
      id: m.id,
      severity: m.severity,
      principle: m.principle,
      kinds: m.kinds,
      title: m.title,
      fix: oneLine(m.fix),
      references: m.references ?? [],
      declarative: m.match !== undefined,
      ...(m.source ? { source: m.source } : {}),
    };
  });
  return JSON.stringify(list, null, 2) + "\n";
}

/** `isolint rules`: a table of id, severity, principle and kinds. */
export function rulesTable(rules: RuleSet, color: boolean): string {
  const p = paint(color);
  const metas = rules.ids().map((id) => rules.get(id)!.meta);
  const w = Math.max(...metas.map((m) => m.id.length));
  const lines = [p.bold(`${"id".padEnd(w)}  severity  kinds  principle`)];
  for (const m of metas) {
    const kinds = m.kinds.map((k) => KIND_LETTER[k]).join("");
    lines.push(`${m.id.padEnd(w)}  ${m.severity.padEnd(8)}  ${kinds.padEnd(5)}  ${m.principle}${m.source ? p.dim(`  (policy: ${m.source})`) : ""}`);
  }
  lines.push("", p.dim(`${metas.length} rules. Kinds: D = Dockerfile, C = Compose, V = VM spec. \`isolint explain <id>\` tells more.`));
  return lines.join("\n") + "\n";
}

/** `isolint explain <id>`: why, what triggers it, how to fix, an example, references. */
export function explainRule(m: RuleMeta, color: boolean): string {
  const p = paint(color);
  const out: string[] = [];
  out.push(p.bold(`${m.id}: ${m.title}`));
  out.push(p.dim(`severity ${m.severity} · principle ${m.principle} · kinds ${m.kinds.join(", ")}${m.source ? ` · policy ${m.source}` : ""}`));
  out.push("", p.bold("Why"), wrap(m.why), "", p.bold("What triggers it"), wrap(m.triggers), "", p.bold("How to fix"), wrap(m.fix));
  if (m.example?.bad || m.example?.good) {
    out.push("", p.bold("Example"));
    if (m.example.bad) out.push(p.red("  ✗ flagged:"), indent(m.example.bad));
    if (m.example.good) out.push(p.green("  ✓ fine:"), indent(m.example.good));
  }
  if (m.references?.length) out.push("", p.bold("References"), ...m.references.map((r) => `  - ${r}`));
  return out.join("\n") + "\n";
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function indent(s: string): string {
  return s.replace(/\n$/, "").split("\n").map((l) => `      ${l}`).join("\n");
}

function wrap(text: string, width = 92): string {
  const words = oneLine(text).split(" ");
  const lines: string[] = [];
  let cur = "  ";
  for (const w of words) {
    if (cur.length + w.length + 1 > width && cur.trim()) {
      lines.push(cur.trimEnd());
      cur = "  ";
    }
    cur += (cur.trim() ? " " : "") + w;
  }
  if (cur.trim()) lines.push(cur.trimEnd());
  return lines.join("\n");
}
