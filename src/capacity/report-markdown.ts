import { cell } from "../report/markdown.js";
import { assumptionsOf } from "./assumptions.js";
import { CONSTANTS_DATE } from "./constants.js";
import { SCENARIO_TITLES, type CapacityModel } from "./model.js";
import { assumptionValue, bytesRange, cpusText, fitText, hostLine, imageSizeText, imageText, memoryText, startupText, summaryLine, UNCERTAINTY } from "./report-text.js";
import { formatCpus } from "./units.js";

/** `isolint capacity --format markdown`: for a job summary or a pull-request comment. */
export function renderMarkdown(m: CapacityModel): string {
  const out: string[] = [];
  const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
  out.push("## isolint capacity", "", summaryLine(m) + ".");
  const host = hostLine(m);
  if (host) out.push("", host + ".");
  out.push("", "| Scenario | Disk | Memory | vCPU | Start-up low / typical / high | Fit on host |", "|---|---|---|--:|---|---|");
  for (const s of m.scenarios) {
    out.push(`| ${cell(SCENARIO_TITLES[s.id])} | ${cell(bytesRange(s.diskBytes))} | ${cell(bytesRange(s.memoryBytes))} | ${formatCpus(s.cpus)} | ${cell(startupText(s.startupSeconds))} | ${cell(fitText(s))} |`);
  }
  out.push("", "### Services", "");
  if (m.workloads.length === 0) out.push("No Compose service, Dockerfile or VM workload was found.");
  else {
    out.push("| Service | File | Image | Image size | Memory (each) | vCPU (each) | Replicas |", "|---|---|---|---|---|---|--:|");
    for (const w of m.workloads) {
      out.push(`| ${cell(w.name)} | ${code(w.file)} | ${code(imageText(w))} | ${cell(imageSizeText(w))} | ${cell(memoryText(w))} | ${cell(cpusText(w))} | ${w.replicas} |`);
    }
  }
  if (m.unknownImages.length) {
    out.push("", "### Images of unknown size", "", "Not in the size table; the default was used. Give the real size with `--set imageSizes.<image>=<size>` or the config's `capacity: { imageSizes: … }`.", "");
    for (const u of m.unknownImages) out.push(`- ${code(u.image)}: assumed ${cell(bytesRange(u.assumedBytes))}; used by ${cell(u.usedBy.join(", "))}`);
  }
  out.push("", "<details><summary>Assumptions and sources (constants of " + CONSTANTS_DATE + ")</summary>", "", "| Name | Value | What | Source |", "|---|---|---|---|");
  for (const a of assumptionsOf(m)) {
    out.push(`| ${code(a.name)}${a.overridden ? " (set by you)" : ""} | ${cell(assumptionValue(a))} | ${cell(a.note)} | ${cell(a.source).replace(/&lt;(https?:\/\/[^\s&|]+)&gt;/g, (_, url: string) => `<${url.replace(/\\(.)/g, "$1")}>`)} |`);
  }
  out.push("", "</details>", "", `_${cell(UNCERTAINTY)}_`, "");
  return out.join("\n");
}
