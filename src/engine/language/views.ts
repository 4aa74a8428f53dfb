/**
 * What the rule language can select, and the fields each selectable offers. Views are built
 * from the same model the TypeScript checks read — nothing here parses text.
 */
import type { ComposeModel, Service } from "../../model/compose.js";
import type { DockerfileModel, Instruction } from "../../model/dockerfile.js";
import type { Range } from "../../model/range.js";
import { nodeAt, type YNode } from "../../model/ynode.js";
import { basename, serviceStarted } from "../../parse/shell/commands.js";
import { expandWord } from "../../parse/dockerfile/expand.js";
import { finalChain } from "../../checks/helpers/final-image.js";
import { instructionRange } from "../../checks/helpers/ranges.js";
import { instructionNaming, startProcess } from "../../checks/helpers/start.js";
import { daemonOf } from "../../data/daemons.js";
import { isRootUser } from "../../checks/helpers/users.js";
import { bindsAllInterfaces, boundToLoopback } from "../../checks/helpers/compose-ports.js";
import { vlist, vmap, vscalar, type FieldSpec, type Item, type MergedScope, type SelectableSpec, type VNode } from "./types.js";

// ---------- specs (documentation and load-time checking of policies) ----------

const S = (doc: string): FieldSpec => ({ type: "string", doc });
const B = (doc: string): FieldSpec => ({ type: "boolean", doc });
const N = (doc: string): FieldSpec => ({ type: "number", doc });
const L = (doc: string, fields?: Record<string, FieldSpec>): FieldSpec => (fields ? { type: "list", doc, fields } : { type: "list", doc });

const PORT_FIELDS: Record<string, FieldSpec> = {
  text: S("the entry as written (long syntax rendered as short)"),
  hostIp: S("host interface, absent when none is given"),
  published: S("host port or range"),
  target: N("container port (first of a range)"),
  targetEnd: N("last container port of a range"),
  protocol: S("tcp, udp or sctp"),
  allInterfaces: B("binds every host interface (no host IP, 0.0.0.0 or ::)"),
  loopback: B("bound to 127.0.0.0/8 or ::1"),
  valid: B("the container port is a valid port or range"),
  unresolved: B("interpolation left a variable without a value"),
};

const MOUNT_FIELDS: Record<string, FieldSpec> = {
  type: S("bind, volume, tmpfs, npipe, cluster or image"),
  source: S("host path (bind) or volume name"),
  target: S("path in the container"),
  readOnly: B("mounted read-only"),
  text: S("the entry as written"),
};

export const SELECTABLES: Record<string, SelectableSpec> = {
  service: {
    doc: "each Compose service (an override file's partial service reports only what it sets)",
    kind: "compose",
    fields: {
      name: S("service name"),
      file: S("Compose file"),
      image: S("image reference, after interpolation"),
      imageName: S("repository without registry or tag, e.g. nginx, bitnami/redis"),
      imageRegistry: S("registry host, absent for Docker Hub"),
      imageTag: S("tag"),
      imageDigest: S("digest"),
      imageUnresolved: B("the image's name or tag is a variable with no value here (no default, not in .env): not judged"),
      rootUser: B("`user:` is root-equivalent (root, 0, root:*, 0:*)"),
      capAdd: L("cap_add, upper-case without the CAP_ prefix"),
      capDrop: L("cap_drop, upper-case without the CAP_ prefix"),
      securityOpts: L("security_opt entries split into key and value", {
        key: S("no-new-privileges, seccomp, apparmor, label, systempaths…"),
        value: S("the value after : or =, absent for a bare key"),
        text: S("as written"),
      }),
      publishedPorts: L("ports, short and long syntax", PORT_FIELDS),
      exposedPorts: L("expose entries", { text: S("as written"), valid: B("a valid port or range") }),
      mounts: L("volumes, short and long syntax", MOUNT_FIELDS),
      labelMap: { type: "map", doc: "labels as a map (list syntax converted); keys with dots: labelMap[isolint.tenant]", open: true },
      env: L("environment entries", { name: S("variable"), value: S("value, absent when passed through") }),
      tenant: S("the isolint.tenant label, else the tenant of the VM spec that runs it or of the config's tenants: globs"),
      trust: S("the isolint.trust label"),
    },
    rawKeys: [],
  },
  port: {
    doc: "each published port of each Compose service",
    kind: "compose",
    fields: { service: S("service name"), ...PORT_FIELDS },
  },
  mount: {
    doc: "each volume of each Compose service",
    kind: "compose",
    fields: { service: S("service name"), ...MOUNT_FIELDS },
  },
  setting: {
    doc: "each top-level key of each Compose service (one finding per key, e.g. pid: host and ipc: host)",
    kind: "compose",
    fields: {
      service: S("service name"),
      key: S("the Compose key, e.g. pid"),
      value: { type: "any", doc: "its value after interpolation", open: true },
    },
  },
  instruction: {
    doc: "each Dockerfile instruction",
    kind: "dockerfile",
    fields: {
      keyword: S("upper-case keyword"),
      args: S("arguments as written (continuations joined)"),
      stage: N("index of the build stage"),
      final: B("part of the final image (the last stage and the stages it builds on)"),
      execForm: B("JSON (exec) form"),
      start: B("the CMD or ENTRYPOINT that starts the container"),
      programs: L("programs the RUN / CMD / ENTRYPOINT runs (basenames, wrappers such as sudo and env removed)"),
      wrappers: L("wrappers stripped from those commands: sudo, env, exec, nohup, gosu…"),
      installs: L("packages installed by apt-get, apk, dnf/yum, zypper or pacman"),
      daemons: L("server daemons those packages provide (nginx, postgresql, sshd, redis…)"),
      services: L("services the commands start with `service X start`, `rc-service`, /etc/init.d/X start"),
      startProgram: S("for the start instruction: the first program PID 1 runs (after tini / dumb-init)"),
      startPrograms: L("for the start instruction: every program the start command runs (ENTRYPOINT and CMD, through sh -c; basenames)"),
      image: S("FROM: the base image after ARG expansion (absent for FROM <earlier stage>)"),
      imageName: S("FROM: repository without registry or tag"),
      imageRegistry: S("FROM: registry host, absent for Docker Hub"),
      imageTag: S("FROM: tag"),
      imageDigest: S("FROM: digest"),
      user: S("USER: the user after expansion"),
    },
  },
};

// ---------- items ----------

export function yToV(n: YNode): VNode {
  switch (n.kind) {
    case "scalar":
      return n.unresolved ? { value: n.value, range: n.range, unresolved: true } : { value: n.value, range: n.range };
    case "seq":
      return { value: n.items.map(yToV), range: n.range };
    case "map": {
      const m = new Map<string, VNode>();
      for (const [k, v] of n.entries) m.set(k, yToV(v));
      return { value: m, range: n.range };
    }
  }
}

/** Walks a VNode by path segments (maps only). */
export function vAt(node: VNode | undefined, path: readonly string[]): VNode | undefined {
  let cur = node;
  for (const seg of path) {
    if (!cur || !(cur.value instanceof Map)) return undefined;
    cur = cur.value.get(seg);
  }
  return cur;
}

function rawAt(service: Service, path: readonly string[]): VNode | undefined {
  const n = nodeAt(service.node, path);
  return n ? yToV(n) : undefined;
}

function portNode(p: Service["ports"][number]): VNode {
  const t = p.target.ok ? p.target.port : null;
  return vmap(
    {
      text: vscalar(p.text, p.range),
      hostIp: p.hostIp === null ? undefined : vscalar(p.hostIp, p.range),
      published: p.published === null ? undefined : vscalar(p.published, p.range),
      target: t ? vscalar(t.start, p.range) : undefined,
      targetEnd: t ? vscalar(t.end, p.range) : undefined,
      protocol: t ? vscalar(t.protocol, p.range) : undefined,
      // The same tests as bind-published-ports: a policy and the built-in rule agree.
      allInterfaces: vscalar(bindsAllInterfaces(p), p.range),
      loopback: vscalar(boundToLoopback(p), p.range),
      valid: vscalar(p.target.ok, p.range),
      unresolved: vscalar(p.unresolved, p.range),
    },
    p.range,
  );
}

function mountNode(m: Service["volumes"][number]): VNode {
  return vmap(
    {
      type: vscalar(m.type, m.range),
      source: m.source === null ? undefined : vscalar(m.source, m.range),
      target: m.target === null ? undefined : vscalar(m.target, m.range),
      readOnly: vscalar(m.readOnly, m.range),
      text: vscalar(m.text, m.range),
    },
    m.range,
  );
}

/** One normalized field of a service (camelCase names); undefined when the service doesn't set it. */
function serviceField(s: Service, name: string): VNode | undefined {
  switch (name) {
    case "name":
      return vscalar(s.name, s.range);
    case "file":
      return vscalar(s.file, s.range);
    case "image":
      return s.image ? vscalar(s.image.value, s.image.range) : undefined;
    case "imageName":
      return s.image ? vscalar(s.image.ref.name, s.image.range) : undefined;
    case "imageRegistry":
      return s.image?.ref.registry ? vscalar(s.image.ref.registry, s.image.range) : undefined;
    case "imageTag":
      return s.image?.ref.tag ? vscalar(s.image.ref.tag, s.image.range) : undefined;
    case "imageDigest":
      return s.image?.ref.digest ? vscalar(s.image.ref.digest, s.image.range) : undefined;
    case "imageUnresolved": {
      // `${REGISTRY}/app:latest`: the registry is unknown, the name and tag are not.
      if (!s.image) return undefined;
      const node = s.get("image");
      const raw = String(node && node.kind === "scalar" ? node.raw : s.image.value);
      return vscalar(s.image.unresolved && raw.slice(raw.lastIndexOf("/") + 1).includes("$"), s.image.range);
    }
    case "rootUser":
      return s.user ? vscalar(!s.user.unresolved && isRootUser(s.user.value), s.user.range) : undefined;
    case "capAdd":
    case "capDrop": {
      const node = s.get(name === "capAdd" ? "cap_add" : "cap_drop");
      const list = name === "capAdd" ? s.capAdd : s.capDrop;
      return node ? vlist(list.map((c) => (c.unresolved ? { ...vscalar(c.value, c.range), unresolved: true } : vscalar(c.value, c.range))), node.range) : undefined;
    }
    case "securityOpts": {
      const so = s.get("security_opt");
      if (!so) return undefined;
      // An entry that is a variable with no value (`${NNP}`) is unknown, not "something else".
      const raw = so.kind === "seq" ? so.items : [];
      return vlist(
        s.securityOpt.map((o, i) => {
          const item = raw.length === s.securityOpt.length && raw[i]!.kind === "scalar" && raw[i]!.unresolved ? raw[i]! : null;
          // `seccomp:${PROFILE}`: the key is known, the value is not; `${OPT}`: neither is.
          const rawText = item && typeof item.raw === "string" ? item.raw : "";
          const keyUnknown = item !== null && rawText.split(/[:=]/, 1)[0]!.includes("$");
          const sc = (v: string, unknown: boolean) => (unknown ? { ...vscalar(v, o.range), unresolved: true } : vscalar(v, o.range));
          const el = vmap({ key: sc(o.key, keyUnknown), value: o.value === null ? undefined : sc(o.value, item !== null), text: sc(o.text, item !== null) }, o.range);
          return keyUnknown ? { ...el, unresolved: true } : el;
        }),
        so.range,
      );
    }
    case "publishedPorts": {
      const ports = s.get("ports");
      return ports ? vlist(s.ports.map(portNode), ports.range) : undefined;
    }
    case "exposedPorts": {
      const expose = s.get("expose");
      return expose ? vlist(s.expose.map((e) => vmap({ text: vscalar(e.text, e.range), valid: vscalar(e.parsed.ok, e.range) }, e.range)), expose.range) : undefined;
    }
    case "mounts": {
      const vols = s.get("volumes");
      return vols ? vlist(s.volumes.map(mountNode), vols.range) : undefined;
    }
    case "labelMap": {
      const labels = s.get("labels");
      if (!labels) return undefined;
      const m = new Map<string, VNode>();
      for (const [k, v] of s.labels) m.set(k, vscalar(v.value, v.range));
      return { value: m, range: labels.range };
    }
    case "tenant":
    case "trust": {
      const l = s.labels.get(`isolint.${name}`);
      if (l && l.value.trim()) return vscalar(l.value.trim(), l.range);
      // No label: the VM spec's or the config's tenant, as the isolation map shows it.
      return name === "tenant" && s.tenantFromContext ? vscalar(s.tenantFromContext, s.range) : undefined;
    }
    case "env": {
      const env = s.get("environment");
      return env ? vlist(s.environment.map((e) => vmap({ name: vscalar(e.name, e.range), value: e.value === null ? undefined : vscalar(e.value, e.range) }, e.range)), env.range) : undefined;
    }
    default:
      return undefined;
  }
}

const NORMALIZED = new Set(Object.keys(SELECTABLES.service!.fields));

/** A service as the rule language sees it: normalized fields (computed once, on first use) and raw keys. */
export function serviceItem(s: Service): Item {
  const computed = new Map<string, VNode | undefined>();
  let merged: MergedScope | undefined;
  const item: Item = {
    file: s.file,
    range: s.range,
    partial: s.partial,
    layer: s.layerOf !== undefined,
    vars: serviceVars(s),
    get(path) {
      const [head, ...rest] = path;
      if (head === undefined) return undefined;
      if (NORMALIZED.has(head)) {
        if (!computed.has(head)) computed.set(head, serviceField(s, head));
        const n = computed.get(head);
        return rest.length ? vAt(n, rest) : n;
      }
      return rawAt(s, path);
    },
    setElsewhere(path) {
      // As the override's own item reads it: normalized fields (capDrop, labelMap[…]) too.
      return s.overrides.some((o) => {
        const n = serviceItem(o).get(path);
        return n !== undefined && n.value !== null;
      });
    },
    merged() {
      if (s.overrides.length === 0) return undefined;
      return (merged ??= mergedScope(item, s.overrides.map(serviceItem)));
    },
  };
  return item;
}

/** A service with its overrides applied, as Compose merges them: the last file that sets a key wins; lists are joined. */
function mergedScope(base: Item, overrides: readonly Item[]): MergedScope {
  const sources = [base, ...overrides];
  const resolve = (path: readonly string[]): { node: VNode | undefined; fromOverride: boolean } => {
    const nodes: VNode[] = [];
    let lastSource = -1;
    sources.forEach((s, i) => {
      const n = s.get(path);
      if (n === undefined) return;
      nodes.push(n);
      lastSource = i;
    });
    if (nodes.length <= 1) return { node: nodes[0], fromOverride: lastSource > 0 };
    // Lists are joined, except those Compose replaces (command, entrypoint, healthcheck.test).
    const replaced = path[0] === "command" || path[0] === "entrypoint" || (path[0] === "healthcheck" && path[1] === "test");
    if (!replaced && nodes.every((n) => Array.isArray(n.value))) return { node: { value: nodes.flatMap((n) => n.value as VNode[]), range: nodes[0]!.range }, fromOverride: false };
    return { node: nodes[nodes.length - 1], fromOverride: true };
  };
  return { get: (path) => resolve(path).node, fromOverride: (path) => resolve(path).fromOverride };
}

/** The placeholders a message about a service, or something of it, can use ({{value}} is the hit's own). */
function serviceVars(s: Service): Record<string, string> {
  return { service: s.name, file: s.file, image: s.image?.value ?? "" };
}

let itemCache = new WeakMap<object, Map<string, Item[]>>();

/**
 * Drops the items built for a model once its checks are done (they would live as long as the
 * model: on a monorepo, every Compose model and every Dockerfile a service builds). Without a
 * model, drops them all. Items are rebuilt if asked for again.
 */
export function forgetItems(model?: object): void {
  if (model) itemCache.delete(model);
  else itemCache = new WeakMap();
}

/** Items are built once per file and selectable, and shared by every rule that selects them. */
function cached(model: object, select: string, build: () => Item[]): Item[] {
  let perModel = itemCache.get(model);
  if (!perModel) itemCache.set(model, (perModel = new Map()));
  let items = perModel.get(select);
  if (!items) perModel.set(select, (items = build()));
  return items;
}

export function composeItems(select: string, file: ComposeModel): Item[] {
  return cached(file, select, () => buildComposeItems(select, file));
}

function buildComposeItems(select: string, file: ComposeModel): Item[] {
  switch (select) {
    case "service":
      return file.services.map(serviceItem);
    case "port":
      return file.services.flatMap((s) =>
        s.ports.map((p) => {
          const node = portNode(p);
          return scopeItem(node, s.file, p.range, serviceVars(s), { service: vscalar(s.name, s.range) }, s.partial);
        }),
      );
    case "setting":
      return file.services.flatMap((s) =>
        [...s.node.entries].map(([key, node]) => {
          const v = yToV(node);
          const range = node.range; // a value's range is its key's
          return scopeItem(vmap({ key: vscalar(key, range), value: v }, range), s.file, range, serviceVars(s), { service: vscalar(s.name, s.range) }, s.partial);
        }),
      );
    case "mount":
      return file.services.flatMap((s) =>
        s.volumes.map((m) => scopeItem(mountNode(m), s.file, m.range, serviceVars(s), { service: vscalar(s.name, s.range) }, s.partial)),
      );
    default:
      return [];
  }
}

function scopeItem(node: VNode, file: string, range: Range, vars: Record<string, string>, extra: Record<string, VNode>, partial = false): Item {
  return {
    file,
    range,
    vars,
    partial,
    get(path) {
      const [head, ...rest] = path;
      if (head !== undefined && extra[head]) return rest.length ? vAt(extra[head], rest) : extra[head];
      return vAt(node, path);
    },
  };
}

// ---------- Dockerfile ----------

export function dockerfileItems(select: string, df: DockerfileModel): Item[] {
  return cached(df, select, () => buildDockerfileItems(select, df));
}

function buildDockerfileItems(select: string, df: DockerfileModel): Item[] {
  if (select !== "instruction") return [];
  const final = new Set(finalChain(df).map((s) => s.index));
  const start = startProcess(df);
  const startProgram = start?.commands[0]?.argv[0] ?? null;
  const startPrograms = start ? start.commands.map((c) => basename(c.argv[0] ?? "")).filter((p) => p !== "") : [];
  // The one instruction that names what PID 1 runs (ENTRYPOINT when it does, else CMD).
  const startInstr = start ? instructionNaming(start, startProgram ?? "") : null;
  return df.instructions.map((instr) => instructionItem(df, instr, final.has(instr.stage), instr === startInstr, startProgram, startPrograms));
}


/**
 * One instruction as the rule language sees it. Fields are computed on first use: most rules
 * test `keyword` first, and most instructions are not the keyword they look for.
 */
function instructionItem(df: DockerfileModel, instr: Instruction, final: boolean, isStart: boolean, startProgram: string | null, startPrograms: readonly string[]): Item {
  const r = instructionRange(instr);
  const computed = new Map<string, VNode | undefined>();
  const from = instr.keyword === "FROM" ? df.stages.find((s) => s.from === instr) : undefined;
  const base = from && !from.parent && !from.base.unresolved ? from.base : null;
  const at = instructionRange(instr, instr.words[0]);
  const field = (name: string): VNode | undefined => {
    switch (name) {
      case "keyword":
        return vscalar(instr.keyword, r);
      case "args":
        return vscalar(instr.args, r);
      case "stage":
        return vscalar(instr.stage, r);
      case "final":
        return vscalar(final, r);
      case "execForm":
        return vscalar(instr.exec !== null, r);
      case "start":
        return vscalar(isStart, r);
      case "programs":
        return vlist(instr.commands.map((c) => vscalar(basename(c.argv[0] ?? ""), r)), r);
      case "wrappers":
        return vlist(instr.commands.flatMap((c) => c.wrappers.map((w) => vscalar(w, r))), r);
      case "installs":
        return vlist(instr.installs.flatMap((i) => i.packages.map((p) => vscalar(p, r))), r);
      case "daemons":
        return vlist(instr.installs.flatMap((i) => i.packages.flatMap((p) => { const d = daemonOf(p, i.manager); return d ? [vscalar(d, r)] : []; })), r);
      case "services":
        return vlist(instr.commands.flatMap((c) => { const x = serviceStarted(c.argv); return x ? [vscalar(x, r)] : []; }), r);
      case "startProgram":
        return isStart && startProgram !== null ? vscalar(startProgram, r) : undefined;
      case "startPrograms":
        return isStart ? vlist(startPrograms.map((p) => vscalar(p, r)), r) : undefined;
      case "image":
        return base ? vscalar(base.ref, at) : undefined;
      case "imageName":
        return base ? vscalar(base.name, at) : undefined;
      case "imageRegistry":
        return base?.registry ? vscalar(base.registry, at) : undefined;
      case "imageTag":
        return base?.tag ? vscalar(base.tag, at) : undefined;
      case "imageDigest":
        return base?.digest ? vscalar(base.digest, at) : undefined;
      case "user": {
        if (instr.keyword !== "USER" || !instr.words[0]) return undefined;
        const e = expandWord(instr.words[0].raw, instr.scope, df.escape);
        return e.unresolved ? undefined : vscalar(e.value, r);
      }
      default:
        return undefined;
    }
  };
  return {
    file: df.path,
    range: r,
    vars: { keyword: instr.keyword, file: df.path, image: base?.ref ?? "" },
    get(path) {
      const [head, ...rest] = path;
      if (head === undefined) return undefined;
      if (!computed.has(head)) computed.set(head, field(head));
      const n = computed.get(head);
      return rest.length ? vAt(n, rest) : n;
    },
  };
}
