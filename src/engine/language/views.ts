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
import { instructionNaming, startProcess } from "../../checks/helpers/start.js";
import { daemonOf } from "../../data/daemons.js";
import { isRootUser } from "../../checks/helpers/users.js";
import { isLoopback } from "../../checks/helpers/network.js";
import { vlist, vmap, vscalar, type FieldSpec, type Item, type SelectableSpec, type VNode } from "./types.js";

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
      tenant: S("the isolint.tenant label"),
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
      return { value: n.value, range: n.range };
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
      allInterfaces: vscalar(!p.unresolved && (p.hostIp === null || p.hostIp === "0.0.0.0" || p.hostIp === "::"), p.range),
      loopback: vscalar(p.hostIp !== null && isLoopback(p.hostIp), p.range),
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

/** The normalized fields of a service, built once per service and shared by every rule. */
function serviceFields(s: Service): Map<string, VNode> {
  const f = new Map<string, VNode>();
  const put = (k: string, v: VNode | undefined) => {
    if (v) f.set(k, v);
  };
  put("name", vscalar(s.name, s.range));
  put("file", vscalar(s.file, s.range));
  if (s.image) {
    put("image", vscalar(s.image.value, s.image.range));
    put("imageName", vscalar(s.image.ref.name, s.image.range));
    if (s.image.ref.registry) put("imageRegistry", vscalar(s.image.ref.registry, s.image.range));
    if (s.image.ref.tag) put("imageTag", vscalar(s.image.ref.tag, s.image.range));
    if (s.image.ref.digest) put("imageDigest", vscalar(s.image.ref.digest, s.image.range));
  }
  if (s.user) put("rootUser", vscalar(!s.user.unresolved && isRootUser(s.user.value), s.user.range));
  const caps = (list: Service["capAdd"], key: string) => {
    const node = s.get(key);
    if (node) put(key === "cap_add" ? "capAdd" : "capDrop", vlist(list.map((c) => vscalar(c.value, c.range)), node.range));
  };
  caps(s.capAdd, "cap_add");
  caps(s.capDrop, "cap_drop");
  const so = s.get("security_opt");
  if (so) {
    put(
      "securityOpts",
      vlist(
        s.securityOpt.map((o) => vmap({ key: vscalar(o.key, o.range), value: o.value === null ? undefined : vscalar(o.value, o.range), text: vscalar(o.text, o.range) }, o.range)),
        so.range,
      ),
    );
  }
  const ports = s.get("ports");
  if (ports) put("publishedPorts", vlist(s.ports.map(portNode), ports.range));
  const expose = s.get("expose");
  if (expose) put("exposedPorts", vlist(s.expose.map((e) => vmap({ text: vscalar(e.text, e.range), valid: vscalar(e.parsed.ok, e.range) }, e.range)), expose.range));
  const vols = s.get("volumes");
  if (vols) put("mounts", vlist(s.volumes.map(mountNode), vols.range));
  const labels = s.get("labels");
  if (labels) {
    const m = new Map<string, VNode>();
    for (const [k, v] of s.labels) m.set(k, vscalar(v.value, v.range));
    put("labelMap", { value: m, range: labels.range });
    const tenant = s.labels.get("isolint.tenant");
    if (tenant && tenant.value) put("tenant", vscalar(tenant.value, tenant.range));
    const trust = s.labels.get("isolint.trust");
    if (trust && trust.value) put("trust", vscalar(trust.value, trust.range));
  }
  const env = s.get("environment");
  if (env) put("env", vlist(s.environment.map((e) => vmap({ name: vscalar(e.name, e.range), value: e.value === null ? undefined : vscalar(e.value, e.range) }, e.range)), env.range));
  return f;
}

const serviceFieldCache = new WeakMap<Service, Map<string, VNode>>();

export function serviceItem(s: Service): Item {
  let fields = serviceFieldCache.get(s);
  if (!fields) serviceFieldCache.set(s, (fields = serviceFields(s)));
  const normalized = fields;
  return {
    file: s.file,
    range: s.range,
    partial: s.partial,
    vars: { service: s.name, file: s.file, image: s.image?.value ?? "" },
    get(path) {
      const [head, ...rest] = path;
      if (head === undefined) return undefined;
      const n = normalized.get(head);
      if (n) return rest.length ? vAt(n, rest) : n;
      return rawAt(s, path);
    },
    setElsewhere(path) {
      return s.overrides.some((o) => nodeAt(o.node, path) !== undefined);
    },
  };
}

export function composeItems(select: string, file: ComposeModel): Item[] {
  switch (select) {
    case "service":
      return file.services.map(serviceItem);
    case "port":
      return file.services.flatMap((s) =>
        s.ports.map((p) => {
          const node = portNode(p);
          return scopeItem(node, s.file, p.range, { service: s.name, file: s.file, value: p.text }, { service: vscalar(s.name, s.range) }, s.partial);
        }),
      );
    case "setting":
      return file.services.flatMap((s) =>
        [...s.node.entries].map(([key, node]) => {
          const v = yToV(node);
          const range = s.node.keyRanges.get(key) ?? node.range;
          return scopeItem(vmap({ key: vscalar(key, range), value: v }, range), s.file, range, { service: s.name, file: s.file, value: key }, { service: vscalar(s.name, s.range) }, s.partial);
        }),
      );
    case "mount":
      return file.services.flatMap((s) =>
        s.volumes.map((m) => scopeItem(mountNode(m), s.file, m.range, { service: s.name, file: s.file, value: m.text }, { service: vscalar(s.name, s.range) }, s.partial)),
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
  if (select !== "instruction") return [];
  const final = new Set(finalChain(df).map((s) => s.index));
  const start = startProcess(df);
  const startProgram = start?.commands[0]?.argv[0] ?? null;
  // The one instruction that names what PID 1 runs (ENTRYPOINT when it does, else CMD).
  const startInstr = start ? instructionNaming(start, startProgram ?? "") : null;
  return df.instructions.map((instr) => instructionItem(df, instr, final.has(instr.stage), instr === startInstr, startProgram));
}


function instructionItem(df: DockerfileModel, instr: Instruction, final: boolean, isStart: boolean, startProgram: string | null): Item {
  const r = instr.range.endLine === instr.range.line ? instr.range : { ...instr.range, endLine: instr.range.line, endColumn: instr.keywordRange.endColumn };
  const fields: Record<string, VNode | undefined> = {
    keyword: vscalar(instr.keyword, r),
    args: vscalar(instr.args, r),
    stage: vscalar(instr.stage, r),
    final: vscalar(final, r),
    execForm: vscalar(instr.exec !== null, r),
    start: vscalar(isStart, r),
    programs: vlist(instr.commands.map((c) => vscalar(basename(c.argv[0] ?? ""), r)), r),
    wrappers: vlist(instr.commands.flatMap((c) => c.wrappers.map((w) => vscalar(w, r))), r),
    installs: vlist(instr.installs.flatMap((i) => i.packages.map((p) => vscalar(p, r))), r),
    daemons: vlist(instr.installs.flatMap((i) => i.packages.flatMap((p) => (daemonOf(p, i.manager) ? [vscalar(daemonOf(p, i.manager)!, r)] : []))), r),
    services: vlist(instr.commands.flatMap((c) => { const x = serviceStarted(c.argv); return x ? [vscalar(x, r)] : []; }), r),
    startProgram: isStart && startProgram !== null ? vscalar(startProgram, r) : undefined,
  };
  let image = "";
  if (instr.keyword === "FROM") {
    const stage = df.stages.find((s) => s.from === instr);
    if (stage && !stage.parent && !stage.base.unresolved) {
      const b = stage.base;
      const at = instr.words[0]?.range.line === r.line ? instr.words[0]!.range : r;
      image = b.ref;
      Object.assign(fields, {
        image: vscalar(b.ref, at),
        imageName: vscalar(b.name, at),
        imageRegistry: b.registry ? vscalar(b.registry, at) : undefined,
        imageTag: b.tag ? vscalar(b.tag, at) : undefined,
        imageDigest: b.digest ? vscalar(b.digest, at) : undefined,
      });
    }
  }
  if (instr.keyword === "USER" && instr.words[0]) {
    const e = expandWord(instr.words[0].raw, instr.scope, df.escape);
    if (!e.unresolved) fields.user = vscalar(e.value, r);
  }
  const node = vmap(fields, r);
  return { file: df.path, range: r, vars: { keyword: instr.keyword, file: df.path, image }, get: (path) => vAt(node, path) };
}
