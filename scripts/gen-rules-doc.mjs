// Writes docs/rules.md from rules/*.yaml (the SARIF helpUri points here). `--check` fails
// when the committed file is stale; the test suite runs that.
import { readFileSync, writeFileSync } from "node:fs";
import { loadBuiltinRules } from "./virtual-modules.mjs";

const PRINCIPLES = {
  "least-privilege": "Don't run applications as root; escaping a container usually needs root inside it.",
  "one-service": "One service or database per container is easy to manage, monitor, and cost.",
  "tenant-isolation": "Containers share the host kernel; mixed-user / multi-tenant workloads belong in VMs.",
  "minimal-exposure": "A port not exposed outside the container can't be reached; keep it that way.",
  "resource-limits": "cgroups give containers the resource protection of a VM, if limits are set.",
  "filesystem-isolation": "Namespaces hide the host's files from the container; host mounts and sockets undo that.",
  "minimal-footprint": "Containers need no full guest OS; that is where their speed and density come from.",
  correctness: "A file isolint cannot read is a file nobody checked.",
};
const ENGINE = new Set(["parse-error", "schema-violation", "unused-suppression", "invalid-reference"]);
const KIND = { dockerfile: "Dockerfile", compose: "Compose", vm: "VM spec" };
const oneLine = (s) => String(s).replace(/\s+/g, " ").trim();

export function renderRulesDoc() {
  const rules = loadBuiltinRules();
  const out = ["# Rules", "", "Generated from `rules/*.yaml` by `node scripts/gen-rules-doc.mjs`; `isolint explain <id>` prints the same.", ""];
  out.push("| id | severity | kinds | principle | how |", "|---|---|---|---|---|");
  for (const r of rules) out.push(`| [\`${r.id}\`](#${r.id}) | ${r.severity} | ${r.kinds.map((k) => KIND[k]).join(", ")} | ${r.principle} | ${r.match && r.check ? "declarative + TypeScript" : r.match ? "declarative" : ENGINE.has(r.id) ? "engine" : "TypeScript"} |`);
  for (const [principle, text] of Object.entries(PRINCIPLES)) {
    const list = rules.filter((r) => r.principle === principle);
    if (!list.length) continue;
    out.push("", `## ${principle}`, "", `> ${text}`);
    for (const r of list) {
      out.push("", `### ${r.id}`, "", `**${r.title}** — ${r.severity}, ${r.kinds.map((k) => KIND[k]).join(", ")}`, "");
      out.push(`**Why.** ${oneLine(r.why)}`, "", `**What triggers it.** ${oneLine(r.triggers)}`, "", `**How to fix.** ${oneLine(r.fix)}`);
      const lang = r.kinds.length === 1 && r.kinds[0] === "dockerfile" ? "dockerfile" : r.kinds.every((k) => k !== "dockerfile") ? "yaml" : "";
      if (r.example?.bad) out.push("", "Flagged:", "", "```" + lang, r.example.bad.trimEnd(), "```");
      if (r.example?.good) out.push("", "Fine:", "", "```" + lang, r.example.good.trimEnd(), "```");
      if (r.references?.length) out.push("", `References: ${r.references.join("; ")}.`);
    }
  }
  return out.join("\n") + "\n";
}

if (process.argv[1] && process.argv[1].endsWith("gen-rules-doc.mjs")) {
  const text = renderRulesDoc();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync("docs/rules.md", "utf8");
    } catch {}
    if (current !== text) {
      console.error("docs/rules.md is stale: run node scripts/gen-rules-doc.mjs");
      process.exit(1);
    }
  } else writeFileSync("docs/rules.md", text);
}
