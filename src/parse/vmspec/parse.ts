import validateVmSpec from "virtual:vm-spec-validator";
import type { ErrorObject } from "ajv";
import { dirname, isAbsolute, resolve } from "node:path";
import type { Located, SchemaProblemAt } from "../../model/compose.js";
import type { Range } from "../../model/range.js";
import type { Trust, VmPort, VmSpec, VmSpecModel, VmWorkload } from "../../model/vmspec.js";
import { isMapNode, isScalarNode, isSeqNode, located, locateProblem, nodeAt, scalarString, toPlain, type YMap, type YNode } from "../../model/ynode.js";
import { nearest } from "../../util/suggest.js";
import { insideAny, reportPath } from "../../discover/discover.js";
import { parseImageRef } from "../dockerfile/image-ref.js";
import { parsePortRange } from "../ports.js";
import { parseSize } from "../size.js";
import { parseYamlFile } from "../yaml/document.js";

export interface VmSpecInput {
  path: string;
  abs: string;
  text: string;
  cwd: string;
  /** Directories that were scanned: a `compose:` reference must stay inside one of them. */
  roots: readonly string[];
}

const LINE1: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** One parse of a VM spec file: one VM per YAML document, problems located at their keys. */
export function parseVmSpec(input: VmSpecInput): VmSpecModel {
  const yaml = parseYamlFile(input.text, null);
  const model: VmSpecModel = {
    kind: "vm",
    path: input.path,
    abs: input.abs,
    vms: [],
    problem: yaml.problem,
    schemaProblems: [],
    comments: yaml.comments,
  };
  if (yaml.problem) return model;
  const docs = yaml.roots;
  if (docs.every((d) => d === null)) {
    model.problem = { range: LINE1, message: "the VM spec is empty" };
    return model;
  }
  docs.forEach((root, index) => {
    if (root === null) return;
    if (!isMapNode(root)) {
      model.schemaProblems.push({ range: root.range, message: "a VM spec document must be a map with apiVersion, kind, metadata and spec" });
      return;
    }
    // Another tool's document beside the VMs (a Kubernetes ConfigMap): not ours to judge.
    if (isForeignDocument(root)) return;
    const data = toPlain(root);
    if (!validateVmSpec(data)) {
      model.schemaProblems.push(...describeVmErrors(validateVmSpec.errors ?? [], root, data));
      // Lint what can be read anyway, if the document is recognisably a VM.
      if (scalarString(root.entries.get("kind")) !== "VirtualMachine") return;
    }
    model.vms.push(buildVm(root, index, input));
  });
  return model;
}

function isForeignDocument(root: YMap): boolean {
  const apiVersion = scalarString(root.entries.get("apiVersion"));
  const kind = scalarString(root.entries.get("kind"));
  // KubeVirt's kind is VirtualMachine too: an API group other than isolint.dev says enough.
  return apiVersion !== null && !apiVersion.startsWith("isolint.dev/") && kind !== null && (kind !== "VirtualMachine" || apiVersion.includes("/"));
}

function buildVm(root: YMap, index: number, input: VmSpecInput): VmSpec {
  const metadata = root.entries.get("metadata");
  const spec = root.entries.get("spec");
  const nameNode = nodeAt(metadata, ["name"]);
  const tenant = located(nodeAt(metadata, ["tenant"]));
  const num = (n: YNode | undefined) => (isScalarNode(n) && typeof n.value === "number" && Number.isInteger(n.value) && n.value >= 1 ? n.value : null);
  const size = (n: YNode | undefined) => (isScalarNode(n) ? parseSize(n.value) : null);
  const portsNode = nodeAt(spec, ["ports"]);
  const ports: VmPort[] = isSeqNode(portsNode)
    ? portsNode.items.filter(isMapNode).map((p) => {
        const port = scalarString(p.entries.get("port")) ?? "";
        const protocol = scalarString(p.entries.get("protocol"));
        const hostIp = scalarString(p.entries.get("host_ip"));
        const text = `${port}${protocol ? `/${protocol}` : ""}`;
        return { text, range: p.range, parsed: parsePortRange(text), hostIp: hostIp ?? "0.0.0.0", hostIpGiven: hostIp !== null };
      })
    : [];
  const workloadsNode = nodeAt(spec, ["workloads"]);
  const workloads: VmWorkload[] = isSeqNode(workloadsNode)
    ? workloadsNode.items.filter(isMapNode).map((w, i) => buildWorkload(w, i, tenant, input))
    : [];
  return {
    name: scalarString(nameNode)?.trim() || `(document ${index + 1})`,
    range: nameNode?.range ?? root.range,
    document: index,
    tenant,
    hypervisor: scalarString(nodeAt(spec, ["hypervisor"])),
    cpus: num(nodeAt(spec, ["cpus"])),
    memoryBytes: size(nodeAt(spec, ["memory"])),
    diskBytes: size(nodeAt(spec, ["disk"])),
    os: scalarString(nodeAt(spec, ["os"])),
    user: located(nodeAt(spec, ["user"])),
    ports,
    workloads,
    node: root,
  };
}

function buildWorkload(w: YMap, i: number, vmTenant: Located<string> | null, input: VmSpecInput): VmWorkload {
  const name = scalarString(w.entries.get("name")) ?? `workload ${i + 1}`;
  const trustText = scalarString(w.entries.get("trust"));
  const trust: Trust = trustText === "untrusted" ? "untrusted" : "trusted";
  const image = located(w.entries.get("image"));
  const composeNode = w.entries.get("compose");
  const composePath = scalarString(composeNode);
  let compose: VmWorkload["compose"] = null;
  if (composePath !== null && composeNode) {
    const abs = isAbsolute(composePath) ? composePath : resolve(dirname(input.abs), composePath);
    compose = {
      path: composePath,
      range: composeNode.range,
      abs,
      reportPath: reportPath(input.cwd, abs),
      outsideRoot: !insideAny(input.roots, abs),
    };
  }
  return {
    name,
    range: w.entries.get("name")?.range ?? w.range,
    tenant: located(w.entries.get("tenant")) ?? vmTenant,
    trust,
    image: image ? { ...image, ref: parseImageRef(image.value) } : null,
    compose,
  };
}


// ---------- schema messages ----------

const SPEC_KEYS = ["hypervisor", "cpus", "memory", "disk", "os", "user", "ports", "workloads"];
const KEYS_BY_PARENT: Record<string, string[]> = {
  "": ["apiVersion", "kind", "metadata", "spec"],
  metadata: ["name", "tenant", "labels", "annotations"],
  spec: SPEC_KEYS,
  port: ["port", "protocol", "host_ip"],
  workload: ["name", "tenant", "trust", "image", "compose"],
};

/** ajv errors → one message per problem, in words, at the offending key. */
export function describeVmErrors(errors: ErrorObject[], root: YMap, data: unknown): SchemaProblemAt[] {
  const out = new Map<string, SchemaProblemAt>();
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  for (const [pointer, list] of byPath) {
    const segs = pointer.split("/").slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, "/").replace(/~0/g, "~")));
    const label = formatPath(segs);
    const value = nodeValue(data, segs);
    const parentKind = segs.length === 0 ? "" : segs[0] === "metadata" && segs.length === 1 ? "metadata" : segs[0] === "spec" && segs.length === 1 ? "spec" : segs[1] === "ports" ? "port" : segs[1] === "workloads" ? "workload" : "";
    // A failed anyOf (image or compose) also reports each branch's "required": keep the anyOf.
    const hasAnyOf = list.some((e) => e.keyword === "anyOf");
    for (const e of list) {
      if (hasAnyOf && e.keyword === "required") continue;
      let message: string | null = null;
      let at: (string | number)[] = segs;
      let key: string | undefined;
      const isSize = /^(memory|disk)$/.test(String(segs[segs.length - 1])) && segs[0] === "spec" && segs.length === 2;
      if (isSize && e.keyword !== "required" && e.keyword !== "additionalProperties") {
        message = `${label} ${JSON.stringify(value)} is not a size (use e.g. 2GiB, 512Mi, 2G or bytes)`;
        out.set(`${formatPath(at)}|size`, { range: locateProblem(root, at), message });
        continue;
      }
      switch (e.keyword) {
        case "additionalProperties": {
          key = (e.params as { additionalProperty: string }).additionalProperty;
          const near = nearest(key, KEYS_BY_PARENT[parentKind] ?? []);
          message = `unknown key "${key}"${label ? ` in ${label}` : ""}${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}`;
          at = [...segs, key];
          break;
        }
        case "required": {
          const missing = (e.params as { missingProperty: string }).missingProperty;
          message = `${label ? `${label}.` : ""}${missing} is required`;
          break;
        }
        case "const":
          message = `${label} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
          break;
        case "enum":
          message = `${label} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(", ")}`;
          break;
        case "oneOf":
        case "pattern":
          if (/memory|disk/.test(String(segs[segs.length - 1]))) message = `${label} ${JSON.stringify(value)} is not a size (use e.g. 2GiB, 512Mi, 2G or bytes)`;
          else if (e.keyword === "pattern") message = `${label} ${JSON.stringify(value)} has the wrong form`;
          break;
        case "anyOf":
          if (segs[1] === "workloads") message = `${label} needs an image or a compose file`;
          break;
        case "type":
        case "minimum":
          if (segs[segs.length - 1] === "cpus") message = `${label} must be an integer >= 1`;
          else if (e.keyword === "type") message = `${label} must be ${typeWord((e.params as { type: string | string[] }).type)}`;
          else message = `${label} ${e.message}`;
          break;
        case "minLength":
          message = `${label} must not be empty`;
          break;
        default:
          message = `${label || "the document"} ${e.message ?? "is invalid"}`;
      }
      if (!message) continue;
      const range = locateProblem(root, at, key);
      const id = `${formatPath(at)}|${message}`;
      if (!out.has(id)) out.set(id, { range, message });
    }
  }
  // A size or cpus value that fails both branches of its oneOf also fails `type`/`pattern`: keep one message per path.
  const seen = new Set<string>();
  return [...out.values()].filter((p) => {
    const k = `${p.range.line}:${p.range.column}:${p.message.split(" ")[0]}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function typeWord(t: string | string[]): string {
  const one = (x: string) => (x === "integer" ? "an integer" : x === "array" ? "a list" : x === "object" ? "a map" : `a ${x}`);
  return Array.isArray(t) ? t.map(one).join(" or ") : one(t);
}

function formatPath(segs: readonly (string | number)[]): string {
  let s = "";
  for (const seg of segs) s += typeof seg === "number" ? `[${seg}]` : s ? `.${seg}` : seg;
  // Findings read better without the `spec.` prefix everyone knows: `cpus must be…`.
  return s.replace(/^spec\./, "");
}

function nodeValue(data: unknown, segs: readonly (string | number)[]): unknown {
  let cur = data;
  for (const s of segs) cur = cur && typeof cur === "object" ? (cur as Record<string | number, unknown>)[s] : undefined;
  return cur;
}

