import { paint, type Paint } from "../report/color.js";
import { assumptionsOf, sourceText } from "./assumptions.js";
import { CONSTANTS_DATE } from "./constants.js";
import { SCENARIO_TITLES, type CapacityModel, type Scenario, type ScenarioId } from "./model.js";
import { assumptionValue, bytesRange, cpusText, fitText, hostLine, imageSizeText, imageText, memoryText, startupText, summaryLine, UNCERTAINTY } from "./report-text.js";
import { formatBytes, formatCpus, formatSeconds } from "./units.js";

/**
 * The terminal report: one row per scenario, a bar chart per resource (so the VM / container
 * difference shows at a glance), the services, the images of unknown size, the assumptions.
 */
export function renderTable(m: CapacityModel, color: boolean): string {
  const p = paint(color);
  const out: string[] = [];
  out.push(p.bold("isolint capacity") + p.dim(` — ${summaryLine(m)}`));
  const host = hostLine(m);
  if (host) out.push(host);
  out.push("");

  const head = ["Scenario", "Disk", "Memory", "vCPU", "Start-up low / typical / high", "Fit on host"];
  const rows = m.scenarios.map((s) => [SCENARIO_TITLES[s.id], bytesRange(s.diskBytes), bytesRange(s.memoryBytes), formatCpus(s.cpus), startupText(s.startupSeconds), fitText(s)]);
  out.push(...grid([head, ...rows], ["l", "l", "l", "r", "l", "l"], (row, col, text) => (row === 0 ? p.bold(text) : col === 0 ? scenarioPaint(p, m.scenarios[row - 1]!.id)(text) : text)));
  out.push("");

  out.push(...bars(m.scenarios, "Disk, typical", (s) => s.diskBytes.typical, formatBytes, p));
  out.push(...bars(m.scenarios, "Memory, typical", (s) => s.memoryBytes.typical, formatBytes, p));
  out.push(...bars(m.scenarios, "vCPU", (s) => s.cpus, formatCpus, p));
  out.push(...bars(m.scenarios, "Start-up, typical", (s) => s.startupSeconds.typical, formatSeconds, p));

  out.push(p.bold("Services"));
  if (m.workloads.length === 0) out.push("  No Compose service, Dockerfile or VM workload was found.");
  else {
    const vmOf = new Map<string, string>();
    for (const vm of m.vms) for (const w of vm.workloads) vmOf.set(w.id, vm.name);
    const sHead = ["Service", "Image", "Image size", "Memory (each)", "vCPU (each)", "Replicas"];
    if (vmOf.size) sHead.push("In VM");
    // One block per file: the rows stay narrow and the file is named once.
    const rows: (string[] | string)[] = [sHead];
    let file: string | null = null;
    for (const w of m.workloads) {
      if (w.file !== file) rows.push((file = w.file));
      const row = [w.origin === "dockerfile" ? "(on its own)" : w.name, imageText(w), imageSizeText(w), memoryText(w), cpusText(w), String(w.replicas)];
      if (vmOf.size) row.push(vmOf.get(w.id) ?? "—");
      rows.push(row);
    }
    const table = rows.filter((r): r is string[] => Array.isArray(r));
    const lines = grid(table, sHead.map((_, i) => (i === 5 ? "r" : "l")), (row, _col, text) => (row === 0 ? p.bold(text) : text));
    let li = 0;
    for (const r of rows) out.push(typeof r === "string" ? `  ${p.underline(r)}` : `    ${lines[li++]}`);
  }
  out.push("");

  if (m.unknownImages.length) {
    out.push(p.bold("Images of unknown size") + p.dim(" (not in the size table: the default was used)"));
    for (const u of m.unknownImages) {
      out.push(`  ${p.yellow(u.image)}: assumed ${bytesRange(u.assumedBytes)}; used by ${u.usedBy.join(", ")}`);
    }
    const example = m.unknownImages.find((u) => !u.image.startsWith("(") && !u.image.includes("$"))?.image.replace(/[:@].*$/, "") ?? "acme/api";
    out.push(p.dim(`  Give the real size: --set imageSizes.${example}=300MB, or capacity: { imageSizes: { "${example}": 300000000 } } in .isolint.yaml`));
    out.push("");
  }

  out.push(p.bold("Assumptions") + p.dim(` (constants of ${CONSTANTS_DATE}; override in the config's capacity: section or with --set name=value)`));
  const assumptions = assumptionsOf(m);
  const refs: string[] = [];
  const ref = (id: string) => (refs.includes(id) ? refs.indexOf(id) : refs.push(id) - 1) + 1;
  for (const a of assumptions) {
    const cites = a.overridden ? p.yellow(" (set by you)") : a.sourceIds.length ? p.dim(` [${a.sourceIds.map(ref).join(", ")}]`) : p.dim(" (assumption)");
    out.push(`  ${a.overridden ? p.yellow(a.name) : a.name} = ${assumptionValue(a)}${cites}`);
    out.push(p.dim(`      ${a.note}`));
  }
  out.push("");
  out.push(p.bold("Sources"));
  refs.forEach((id, i) => out.push(`  [${i + 1}] ${sourceText([id])}`));
  out.push("");
  out.push(p.dim(UNCERTAINTY));
  return `${out.join("\n")}\n`;
}

function scenarioPaint(p: Paint, id: ScenarioId): (s: string) => string {
  return id === "containers" ? p.green : id === "vm-per-service" ? p.yellow : id === "microvm-per-service" ? p.blue : p.bold;
}

const BAR_WIDTH = 36;
const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/** A horizontal bar `value / max` of the width, in eighths of a cell; a sliver for any value above 0. */
export function bar(value: number, maxValue: number, width = BAR_WIDTH): string {
  if (!(maxValue > 0) || !(value > 0)) return "";
  const eighths = Math.max(1, Math.round((value / maxValue) * width * 8));
  return "█".repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
}

function bars(scenarios: readonly Scenario[], title: string, value: (s: Scenario) => number, fmt: (n: number) => string, p: Paint): string[] {
  const top = Math.max(0, ...scenarios.map(value));
  const labelWidth = Math.max(...scenarios.map((s) => SCENARIO_TITLES[s.id].length));
  const out = [p.bold(title)];
  for (const s of scenarios) {
    const b = bar(value(s), top);
    out.push(`  ${SCENARIO_TITLES[s.id].padEnd(labelWidth)}  ${scenarioPaint(p, s.id)(b)}${" ".repeat(BAR_WIDTH + 1 - [...b].length)}${fmt(value(s))}`);
  }
  out.push("");
  return out;
}

/** Columns padded to the widest cell; `style` colours a cell after padding so widths stay right. */
function grid(rows: string[][], align: ("l" | "r")[], style: (row: number, col: number, text: string) => string): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? "")].length)));
  return rows.map((r, ri) =>
    r
      .map((cell, c) => {
        const pad = " ".repeat(widths[c]! - [...cell].length);
        const text = align[c] === "r" ? pad + cell : c === r.length - 1 ? cell : cell + pad;
        return style(ri, c, text);
      })
      .join("  ")
      .trimEnd(),
  );
}
