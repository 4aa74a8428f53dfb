/**
 * Normalizes the short and long syntaxes of Compose service keys into one model, once, so
 * rules never look at which syntax a file used.
 */
import { posix } from "node:path";
import { composeBoolean } from "./boolean.js";
import type { EnvVar, ExposedPort, Located, Mount, PublishedPort, SecurityOpt, StartCommandSpec } from "../../model/compose.js";
import { isMapNode, isScalarNode, isSeqNode, located, scalarString, type YNode } from "../../model/ynode.js";
import { parsePortRange, type PortParse } from "../ports.js";
import { execCommand, flattenCommands, resolveCommand, scriptExecs, shellCString } from "../shell/commands.js";
import { tokenizeShell } from "../shell/tokenize.js";

/** List items, or the single value when a list key was given one scalar. */
function items(n: YNode | undefined): YNode[] {
  if (!n) return [];
  if (isSeqNode(n)) return n.items;
  if (isScalarNode(n) && n.value !== null) return [n];
  return [];
}

function isUnresolved(n: YNode): boolean {
  if (isScalarNode(n)) return n.unresolved;
  if (isMapNode(n)) for (const v of n.entries.values()) if (isUnresolved(v)) return true;
  return false;
}

// ---------- ports ----------

/** Splits on `:` outside `${…}` and `[…]` (IPv6 hosts). */
function splitColons(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    if (c === ":" && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

function stripBrackets(ip: string): string {
  return ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
}

/** `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, split from the right as Docker does. */
export function parseShortPort(text: string): Omit<PublishedPort, "range" | "unresolved" | "hostIpUnknown"> {
  let proto = "";
  let body = text.trim();
  const slash = body.lastIndexOf("/");
  if (slash >= 0 && !body.slice(slash).includes("}")) {
    proto = body.slice(slash);
    body = body.slice(0, slash);
  }
  const parts = splitColons(body);
  const container = parts[parts.length - 1]!;
  let published: string | null = null;
  let hostIp: string | null = null;
  if (parts.length === 2) published = parts[0]!;
  else if (parts.length >= 3) {
    published = parts[parts.length - 2]!;
    hostIp = stripBrackets(parts.slice(0, parts.length - 2).join(":"));
  }
  if (published === "") published = null;
  if (hostIp === "") hostIp = null;
  return {
    text,
    hostIp,
    published,
    target: parsePortRange(container + proto),
    publishedParsed: published !== null && !published.includes("$") ? parsePortRange(published) : null,
  };
}

export function normalizePorts(n: YNode | undefined): PublishedPort[] {
  // An empty item (`- `, `[null]`) publishes nothing: the schema check reports it.
  return items(n).filter((item) => !(isScalarNode(item) && item.value === null)).map((item) => {
    if (isMapNode(item)) {
      const get = (k: string) => scalarString(item.entries.get(k));
      const target = get("target") ?? "";
      const protocol = get("protocol");
      const published = get("published");
      const hostIp = get("host_ip");
      // Shown as the short syntax would write it: an IPv6 host in brackets (`[::]:3389:3389`).
      const host = hostIp ? (hostIp.includes(":") && !hostIp.startsWith("[") ? `[${hostIp}]` : hostIp) : null;
      const text = `${host ? `${host}:` : ""}${published ? `${published}:` : ""}${target}${protocol ? `/${protocol}` : ""}`;
      return {
        text,
        range: item.range,
        // `[fd00::1]` and `fd00::1` are one address, as in the short syntax.
        hostIp: hostIp ? stripBrackets(hostIp) : null,
        published: published || null,
        target: parsePortRange(`${target}${protocol ? `/${protocol}` : ""}`),
        publishedParsed: published && !published.includes("$") ? parsePortRange(published) : null,
        unresolved: isUnresolved(item),
        hostIpUnknown: hostIp !== null && hostIp.includes("$"),
      };
    }
    const text = scalarString(item) ?? "";
    const parsed = parseShortPort(text);
    const hostIpUnknown = parsed.hostIp !== null ? parsed.hostIp.includes("$") : !parsed.target.ok && text.includes("$");
    return { ...parsed, range: item.range, unresolved: isUnresolved(item), hostIpUnknown };
  });
}

export function normalizeExpose(n: YNode | undefined): ExposedPort[] {
  return items(n).map((item) => {
    const text = scalarString(item) ?? "";
    const parsed: PortParse = parsePortRange(text.trim());
    return { text, range: item.range, parsed, unresolved: isUnresolved(item) };
  });
}

// ---------- volumes ----------

const WINDOWS_PATH = /^[A-Za-z]:[\\/]/;

/** `/srv/../etc` is /etc to the kernel: an absolute source is judged as normalized. */
function hostSource(written: string): string {
  return written.startsWith("/") ? posix.normalize(written) : written;
}

function isHostPath(source: string): boolean {
  return source.startsWith("/") || source.startsWith(".") || source.startsWith("~") || WINDOWS_PATH.test(source) || source.startsWith("\\\\") || source.startsWith("$");
}

/** `SOURCE:TARGET[:MODE]`, `TARGET` (anonymous volume), Windows `C:\x:/y`. */
export function parseShortVolume(text: string): Omit<Mount, "range" | "unresolved"> {
  let rest = text;
  let drive = "";
  if (WINDOWS_PATH.test(rest)) {
    drive = rest.slice(0, 2);
    rest = rest.slice(2);
  }
  const parts = splitColons(rest);
  if (drive) parts[0] = drive + parts[0];
  if (parts.length === 1) return { type: "volume", source: null, target: parts[0]!, readOnly: false, text };
  const [written = "", target = "", mode = ""] = parts;
  const source = hostSource(written);
  const readOnly = mode.split(",").includes("ro");
  return { type: isHostPath(source) ? "bind" : "volume", source, target, readOnly, text };
}

export function normalizeVolumes(n: YNode | undefined): Mount[] {
  return items(n).map((item) => {
    if (isMapNode(item)) {
      const get = (k: string) => scalarString(item.entries.get(k));
      const type = (get("type") ?? "volume") as Mount["type"];
      const written = get("source");
      const source = written === null ? null : hostSource(written);
      const target = get("target");
      const ro = item.entries.get("read_only");
      return {
        type,
        source,
        target,
        readOnly: isScalarNode(ro) && composeBoolean(ro.value) === true,
        text: `${type}${source ? ` ${source}` : ""} → ${target ?? "?"}`,
        range: item.range,
        unresolved: isUnresolved(item),
      };
    }
    const text = scalarString(item) ?? "";
    return { ...parseShortVolume(text), range: item.range, unresolved: isUnresolved(item) };
  });
}

// ---------- environment, labels ----------

/** `KEY: value` map or `KEY=value` list; `KEY` alone (or a null value) passes the host's value through. */
export function normalizeEnvironment(n: YNode | undefined): EnvVar[] {
  if (isMapNode(n)) {
    return [...n.entries].map(([name, v]) => {
      const s = isScalarNode(v) && v.value !== null ? String(v.value) : null;
      const raw = isScalarNode(v) && v.raw !== null ? String(v.raw) : null;
      return { name, value: s, raw, range: v.range, unresolved: isUnresolved(v) };
    });
  }
  return items(n).map((item) => {
    const text = scalarString(item) ?? "";
    const raw = isScalarNode(item) && item.raw !== null ? String(item.raw) : text;
    const eq = text.indexOf("=");
    const rawEq = raw.indexOf("=");
    return {
      name: eq < 0 ? text : text.slice(0, eq),
      value: eq < 0 ? null : text.slice(eq + 1),
      raw: rawEq < 0 ? null : raw.slice(rawEq + 1),
      range: item.range,
      unresolved: isUnresolved(item),
    };
  });
}

/** Labels, build args…: a `key: value` map or a list of `key=value` strings. */
export function normalizeKeyValues(n: YNode | undefined): Map<string, Located<string>> {
  const out = new Map<string, Located<string>>();
  if (isMapNode(n)) {
    for (const [k, v] of n.entries) out.set(k, { value: scalarString(v) ?? "", range: v.range, unresolved: isUnresolved(v) });
    return out;
  }
  for (const item of items(n)) {
    const text = scalarString(item) ?? "";
    const eq = text.indexOf("=");
    out.set(eq < 0 ? text : text.slice(0, eq), { value: eq < 0 ? "" : text.slice(eq + 1), range: item.range, unresolved: isUnresolved(item) });
  }
  return out;
}

// ---------- security_opt, capabilities ----------

/** `no-new-privileges`, `no-new-privileges:true`, `seccomp=unconfined`… → key and value. */
export function normalizeSecurityOpts(n: YNode | undefined): SecurityOpt[] {
  return items(n).map((item) => {
    const text = (scalarString(item) ?? "").trim();
    const m = /^([^:=]+)[:=](.*)$/.exec(text);
    return {
      key: (m ? m[1]! : text).trim().toLowerCase(),
      value: m ? m[2]!.trim() : null,
      text,
      range: item.range,
    };
  });
}

/** Capabilities upper-cased without the `CAP_` prefix, so `cap_sys_admin` and `SYS_ADMIN` match. */
export function normalizeCaps(n: YNode | undefined): Located<string>[] {
  return items(n).flatMap((item) => {
    const l = located(item);
    return l ? [{ ...l, value: l.value.trim().toUpperCase().replace(/^CAP_/, "") }] : [];
  });
}

// ---------- command, entrypoint ----------

/**
 * Compose runs a string `command:` as words (split like a shell would, but with no shell), and
 * a list as is. PID 1 is a shell only when those words are `sh -c "…"` (or bash, ash…);
 * the simple commands inside the script are what the one-service rules judge.
 */
export function normalizeStart(key: "command" | "entrypoint", n: YNode | undefined): StartCommandSpec | null {
  if (!n) return null;
  let text: string;
  let words: string[];
  if (isSeqNode(n)) {
    words = n.items.map((i) => scalarString(i) ?? "");
    if (words.length === 0) return null;
    text = JSON.stringify(words);
  } else if (isScalarNode(n) && n.value !== null) {
    text = String(n.value);
    // Split as a shell splits words; with no shell, `&&`, `;` and `|` are plain arguments.
    words = tokenizeShell(text).flatMap((c) => [...c.words.map((w) => w.value), ...(c.op === "" || c.op === "\n" ? [] : [c.op])]);
    if (words.length === 0) return null;
  } else return null;
  const list = isSeqNode(n);
  return { key, range: n.range, commands: flattenCommands([execCommand(words)]), words, text, list };
}

/** PID 1 stays a shell: the argv is `sh -c "script"` and the script doesn't `exec` its program. */
export function shellIsPid1(argv: readonly string[]): boolean {
  const script = shellCString(resolveCommand(execCommand(argv).words).argv);
  return script !== null && !scriptExecs(script);
}
