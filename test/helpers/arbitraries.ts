/**
 * fast-check generators of the files isolint reads — Dockerfiles, Compose files, VM specs —
 * and mutations of real files. They aim at the parsers' corners: keywords in any case, flags,
 * quoting, escapes, continuations with comments inside, heredocs, JSON forms (valid, broken,
 * not strings), directives; YAML in block and flow style, short and long syntax, anchors,
 * aliases and merge keys, interpolation, several documents; and bytes broken at random.
 */
import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** A case: files to write (relative path → content) in an empty folder. */
export type Files = Record<string, string | Uint8Array>;

// ---------------------------------------------------------------------------------------------
// Dockerfiles

const KEYWORDS = ["FROM", "RUN", "CMD", "ENTRYPOINT", "USER", "EXPOSE", "ENV", "ARG", "LABEL", "COPY", "ADD", "WORKDIR", "VOLUME", "HEALTHCHECK", "SHELL", "STOPSIGNAL", "ONBUILD", "MAINTAINER"];
const WORDS = [
  "alpine", "alpine:3.20", "node:20", "node:22-slim", "ubuntu@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "scratch", "build", "AS", "as", "base",
  "$BASE", "${BASE}", "${IMG:-alpine}", "${TAG:+x}", "${X:?required}", "$", "${", "}", "root", "0", "0:0", "1000", "app", "app:app", "nobody", "$(id -u)", "`whoami`",
  "22", "80", "8080/tcp", "53/udp", "70000", "80-90", "-1", "2375", "3389", "apt-get", "install", "-y", "update", "&&", "||", ";", "|", "&", ">", "2>&1", "sudo", "su",
  "openssh-server", "sshd", "supervisord", "systemd", "/sbin/init", "tini", "--", "echo", "curl", "wget", "sh", "/bin/sh", "-c", "bash", "service", "start", "nginx",
  "PASSWORD=hunter2", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", "TOKEN", "=", "a=b", "key=\"quoted value\"", "x='single'", "CMD", "--interval=5s",
  "/app", ".", "..", "/", "*", "~", "#", "# not a comment", "\\", "\\\\", "`", "\"", "'", "\"unterminated", "'unterminated", "é", "日本", "😀", "\t", "", " ",
];
const FLAGS = ["--platform=linux/amd64", "--platform=$BUILDPLATFORM", "--from=build", "--from=0", "--chown=app:app", "--chmod=755", "--mount=type=cache,target=/root/.cache", "--mount=type=secret,id=token", "--network=none", "--link", "--", "--bogus", "--interval=30s", "--timeout=3s", "--retries=3", "--start-period=5s"];

const dfWord: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('"', "'"), fc.array(fc.constantFrom(...WORDS), { maxLength: 3 })).map(([q, w]) => `${q}${w.join(" ")}${q}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => `${a}${b}`) },
);

/** Words of instructions Docker would build. */
const TAME = ["alpine:3.20", "node:20", "app", "1000", "8080", "80/tcp", "apt-get", "install", "-y", "&&", "curl", "sh", "-c", "echo", "hello", "/app", ".", "$HOME", "${TAG:-1.0}", "PORT=8080", "\"a b\"", "'c d'", "sudo", "openssh-server", "supervisord", "nginx", "root", "0"];
const tameWord = fc.constantFrom(...TAME);

const keyword = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...KEYWORDS).map((k) => k.toLowerCase()) },
  { weight: 1, arbitrary: fc.constantFrom(...KEYWORDS).map((k) => k[0] + k.slice(1).toLowerCase()) },
  { weight: 1, arbitrary: fc.constantFrom("FORM", "RUNN", "COPPY", "#", "\\", "[", "FROM[", "ONBUILD ONBUILD") },
);

const jsonForm: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).map((a) => JSON.stringify(a)),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).map((a) => `[${a.map((w) => `"${w}"`).join(", ")}`), // unclosed, escapes not escaped
  fc.constantFrom("[]", "[1, 2]", '["a", null]', '[["nested"]]', "[ 'single' ]", '["sh", "-c", "echo \\"$HOME\\""]', "[", '{"a": 1}', '["\\u0000"]'),
);

/** Physical lines of one instruction (continuations, comments inside, heredoc bodies). */
const instruction: fc.Arbitrary<string[]> = fc
  .record({
    kw: keyword,
    flags: fc.array(fc.constantFrom(...FLAGS), { maxLength: 2 }),
    words: fc.array(dfWord, { maxLength: 6 }),
    sep: fc.constantFrom(" ", " ", "\t", "  "),
    json: fc.option(jsonForm, { freq: 4 }),
    splits: fc.array(fc.nat(), { maxLength: 3 }),
    inside: fc.constantFrom("", "", "# comment inside", "", "   ", "#"),
    trailing: fc.constantFrom("", "", "", " \\", "\\", " # trailing", "\\\\"),
    heredoc: fc.option(fc.record({ name: fc.constantFrom("EOF", "EOT", "'EOF'", '"END"', "-EOF"), body: fc.array(dfWord, { maxLength: 3 }), closed: fc.boolean() }), { freq: 5 }),
    indent: fc.constantFrom("", "", "", " ", "\t"),
  })
  .map(({ kw, flags, words, sep, json, splits, inside, trailing, heredoc, indent }) => {
    const form = json ?? words.join(sep);
    let text = [kw, ...flags, form].filter((s) => s !== "").join(" ");
    if (heredoc) text += ` <<${heredoc.name}`;
    // Continuations: split the text at word boundaries, optionally with comment lines between.
    const lines: string[] = [];
    let rest = text;
    for (const s of splits) {
      const spaces = [...rest.matchAll(/ /g)].map((m) => m.index);
      if (spaces.length === 0) break;
      const at = spaces[s % spaces.length]!;
      lines.push(`${rest.slice(0, at)} \\`);
      if (inside) lines.push(inside);
      rest = rest.slice(at + 1);
    }
    lines.push(rest + trailing);
    lines[0] = indent + lines[0];
    if (heredoc) {
      lines.push(...heredoc.body);
      if (heredoc.closed) lines.push(heredoc.name.replace(/['"-]/g, ""));
    }
    return lines;
  });

/** An instruction as Docker would accept it: a known keyword, plain words, maybe continued. */
const tameInstruction: fc.Arbitrary<string[]> = fc
  .record({
    kw: fc.constantFrom("RUN", "RUN", "CMD", "ENTRYPOINT", "USER", "EXPOSE", "ENV", "ARG", "LABEL", "COPY", "WORKDIR", "HEALTHCHECK CMD", "FROM"),
    words: fc.array(tameWord, { minLength: 1, maxLength: 5 }),
    json: fc.boolean(),
    cont: fc.boolean(),
  })
  .map(({ kw, words, json, cont }) => {
    const args = json && ["RUN", "CMD", "ENTRYPOINT"].includes(kw) ? JSON.stringify(words) : words.join(" ");
    return cont && words.length > 1 ? [`${kw} ${words[0]} \\`, `    ${words.slice(1).join(" ")}`] : [`${kw} ${args}`];
  });

const dockerfileLine: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 6, arbitrary: tameInstruction },
  { weight: 4, arbitrary: instruction },
  { weight: 1, arbitrary: fc.constantFrom<string[]>(["# a comment"], [""], ["   "], ["# isolint-ignore no-root-user -- reason"], ["# isolint-ignore-file no-sudo"], ["# isolint-ignore not-a-rule"], ["#"]) },
);

const wildDockerfileText: fc.Arbitrary<string> = fc
  .record({
    directives: fc.subarray(["# syntax=docker/dockerfile:1", "# escape=`", "# escape=\\", "# check=skip=all", "#escape=x"], { maxLength: 2 }),
    from: fc.nat({ max: 4 }).map((n) => n > 0),
    body: fc.array(dockerfileLine, { maxLength: 14 }),
    eol: fc.constantFrom("\n", "\n", "\n", "\r\n", "\r"),
    final: fc.constantFrom("\n", "", "\n\n"),
  })
  .map(({ directives, from, body, eol, final }) => {
    const lines = [...directives, ...(from ? ["FROM alpine:3.20"] : []), ...body.flat()];
    return lines.join(eol) + (lines.length ? final.replace(/\n/g, eol) : "");
  });

/** Half the time a file Docker would build (the rules get to run), else anything. */
export const dockerfileText: fc.Arbitrary<string> = fc.oneof(
  fc.array(tameInstruction, { maxLength: 10 }).map((body) => ["FROM alpine:3.20", ...body.flat()].join("\n") + "\n"),
  wildDockerfileText,
);

// ---------------------------------------------------------------------------------------------
// YAML: a tiny emitter with both styles, so the generators can build values as trees.

export type YValue = { s: string } | { m: [string, YValue][]; flow?: boolean; anchor?: string } | { q: YValue[]; flow?: boolean; anchor?: string } | { alias: string } | { merge: string[] };

const PLAIN = [
  "nginx", "nginx:1.27", "postgres:16", "redis", "ghcr.io/acme/api:1.4", "alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "latest",
  "root", "0", "1000:1000", "app", "true", "false", "yes", "no", "on", "null", "~", "1", "-1", "0.5", "1e3", "0x1F", "0o17", "512m", "2g", "2GiB", "100",
  "8080:80", "127.0.0.1:5432:5432", "0.0.0.0:22:22/tcp", "80-90:80-90", "[::1]:53:53/udp", "6379", "3306:3306", "9000-9002",
  "/var/run/docker.sock:/var/run/docker.sock", "./data:/data:ro", "data:/var/lib/data", "/:/host", "/etc:/etc:rw", "~/.ssh:/root/.ssh", "tmpfs",
  "host", "service:db", "container:x", "bridge", "none", "kata", "runsc", "io.containerd.kata.v2", "seccomp:unconfined", "apparmor=unconfined", "no-new-privileges:true",
  "ALL", "SYS_ADMIN", "NET_ADMIN", "CHOWN", "/dev/kvm", "/dev/sda:/dev/sda", "acme", "globex", "untrusted", "trusted",
  "${TAG}", "${TAG:-1.0}", "${USER:-root}", "$PORT", "${PORT:?missing}", "$$literal", "${A:+alt}", "${", "$", "${NESTED:-${INNER:-x}}", "${GITHUB_TOKEN}",
  "x", "é", "日本", "😀", "a b", "a: b", "- a", "#", "&x", "*x", "!tag", "|", ">", "'", "\"", "%", "@", "`", "{", "[", "]", "}", ",", "?", "<<",
];
const KEYS = [
  "image", "build", "user", "ports", "volumes", "labels", "environment", "privileged", "cap_add", "cap_drop", "security_opt", "network_mode", "pid", "ipc", "uts", "userns_mode",
  "devices", "read_only", "deploy", "healthcheck", "command", "entrypoint", "runtime", "mem_limit", "cpus", "pids_limit", "expose", "tmpfs", "restart", "depends_on",
  "env_file", "extends", "profiles", "container_name", "hostname", "working_dir", "init", "prvileged", "imgae", "x-custom", "<<", "context", "dockerfile", "target",
  "published", "host_ip", "protocol", "mode", "type", "source", "read_only", "resources", "limits", "memory", "pids", "test", "interval", "disable", "isolint.tenant", "isolint.trust",
];

function scalarText(s: string, style: number): string {
  // Plain style for what YAML reads as plain text; anything else is quoted, but not always
  // (style 5): a broken file now and then is part of the game.
  const plainSafe = /^[A-Za-z0-9_./@$~+(][A-Za-z0-9_./:@${}~+()=, -]*$/.test(s) && !/: |:$| #|, /.test(s);
  if (style === 1 || (!plainSafe && style < 4)) return JSON.stringify(s);
  if (style === 2 || (!plainSafe && style === 4)) return `'${s.replace(/'/g, "''")}'`;
  return s;
}

const scalar: fc.Arbitrary<YValue> = fc
  .tuple(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...PLAIN) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), fc.nat({ max: 5 }))
  .map(([s, style]) => ({ s: scalarText(s, style) }));

const value: fc.Arbitrary<YValue> = fc.letrec<{ v: YValue; m: YValue; q: YValue }>((tie) => ({
  v: fc.oneof({ maxDepth: 3, depthIdentifier: "yaml" }, { weight: 5, arbitrary: scalar }, { weight: 2, arbitrary: tie("m") }, { weight: 2, arbitrary: tie("q") }),
  m: fc
    .record({ m: fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS, ...PLAIN.slice(0, 10)), tie("v")), { maxLength: 4, selector: (e) => e[0] }), flow: fc.boolean() })
    .map((r): YValue => r),
  q: fc.record({ q: fc.array(tie("v"), { maxLength: 4 }), flow: fc.boolean() }).map((r): YValue => r),
})).v;

/** YAML text for a value at an indentation; `inline` is what precedes it on its line (a key or `- `). */
export function emit(v: YValue, indent: number, step: number): string {
  const pad = " ".repeat(indent);
  if ("s" in v) return ` ${v.s}\n`;
  if ("alias" in v) return ` *${v.alias}\n`;
  if ("merge" in v) return v.merge.length === 1 ? ` *${v.merge[0]}\n` : ` [${v.merge.map((a) => `*${a}`).join(", ")}]\n`;
  const anchor = v.anchor ? ` &${v.anchor}` : "";
  if ("m" in v) {
    if (v.m.length === 0) return `${anchor} {}\n`;
    if (v.flow) return ` ${flow(v)}\n`;
    return `${anchor}\n${v.m.map(([k, x]) => `${pad}${keyText(k)}:${emit(x, indent + step, step)}`).join("")}`;
  }
  if (v.q.length === 0) return `${anchor} []\n`;
  if (v.flow) return ` ${flow(v)}\n`;
  return `${anchor}\n${v.q.map((x) => `${pad}-${emit(x, indent + step, step)}`).join("")}`;
}

function keyText(k: string): string {
  return /^[A-Za-z0-9_.<-][A-Za-z0-9_. <-]*$/.test(k) && !/ $/.test(k) ? k : JSON.stringify(k);
}

function flow(v: YValue): string {
  if ("s" in v) return v.s;
  if ("alias" in v) return `*${v.alias}`;
  if ("merge" in v) return v.merge.length === 1 ? `*${v.merge[0]}` : `[${v.merge.map((a) => `*${a}`).join(", ")}]`;
  const anchor = v.anchor ? `&${v.anchor} ` : "";
  if ("m" in v) return `${anchor}{${v.m.map(([k, x]) => `${keyText(k)}: ${flow(x)}`).join(", ")}}`;
  return `${anchor}[${v.q.map(flow).join(", ")}]`;
}

// ---------------------------------------------------------------------------------------------
// Compose files

const s = (x: string): YValue => ({ s: x });
const portShort = fc.constantFrom("80", "8080:80", '"127.0.0.1:5432:5432"', "0.0.0.0:2375:2375", '"22:22"', '"53:53/udp"', "80-90:80-90", "${PORT:-8080}:80", '"[::1]:6379:6379"', "99999:1", "abc");
const portLong: fc.Arbitrary<YValue> = fc
  .record({ target: fc.constantFrom("80", "22", "5432", "x"), published: fc.option(fc.constantFrom("8080", '"8000-8010"', "${P}")), host_ip: fc.option(fc.constantFrom("127.0.0.1", "0.0.0.0", "::")), protocol: fc.option(fc.constantFrom("tcp", "udp", "sctp")), flow: fc.boolean() })
  .map(({ target, published, host_ip, protocol, flow }) => ({ m: [["target", s(target)], ...(published ? [["published", s(published)]] : []), ...(host_ip ? [["host_ip", s(host_ip)]] : []), ...(protocol ? [["protocol", s(protocol)]] : [])] as [string, YValue][], flow }));
const volumeShort = fc.constantFrom("/var/run/docker.sock:/var/run/docker.sock", "./data:/data:ro", "data:/data", "/:/host", "/proc:/host/proc:ro", "${HOME}/.ssh:/root/.ssh", "/etc/passwd:/etc/passwd", "C:\\data:/data", "x");
const volumeLong: fc.Arbitrary<YValue> = fc
  .record({ type: fc.constantFrom("bind", "volume", "tmpfs", "npipe"), source: fc.constantFrom("/var/run/docker.sock", "/", "data", "./x", "/dev"), target: fc.constantFrom("/data", "/host", "/var/run/docker.sock"), ro: fc.option(fc.constantFrom("true", "false")), flow: fc.boolean() })
  .map(({ type, source, target, ro, flow }) => ({ m: [["type", s(type)], ["source", s(source)], ["target", s(target)], ...(ro ? [["read_only", s(ro)]] : [])] as [string, YValue][], flow }));
const labelsArb: fc.Arbitrary<YValue> = fc.oneof(
  fc.record({ tenant: fc.constantFrom("acme", "globex", '"${TENANT:-acme}"', ""), trust: fc.constantFrom("trusted", "untrusted", "maybe"), flow: fc.boolean() }).map(({ tenant, trust, flow }) => ({ m: [["isolint.tenant", s(tenant || '""')], ["isolint.trust", s(trust)]] as [string, YValue][], flow })),
  fc.record({ tenant: fc.constantFrom("acme", "globex"), flow: fc.boolean() }).map(({ tenant, flow }) => ({ q: [s(`isolint.tenant=${tenant}`), s("com.example=x"), s("novalue")], flow })),
);
const envArb: fc.Arbitrary<YValue> = fc.oneof(
  fc.constant<YValue>({ m: [["PASSWORD", s("hunter2")], ["API_TOKEN", s('"${API_TOKEN}"')], ["EMPTY", s('""')]] }),
  fc.constant<YValue>({ q: [s("PASSWORD=hunter2"), s("DEBUG"), s('"A=${B:-c}"')], flow: true }),
);

const serviceEntry: fc.Arbitrary<[string, YValue]> = fc.oneof(
  fc.tuple(fc.constant("image"), fc.constantFrom("nginx", "nginx:1.27", "postgres:16", "redis:7", "mysql", "ghcr.io/acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "${IMAGE:-nginx}:${TAG}", '""').map(s)),
  fc.tuple(fc.constant("build"), fc.oneof(fc.constantFrom(".", "./app", "../outside", "https://github.com/x/y.git", "${CTX}").map(s), fc.constant<YValue>({ m: [["context", s(".")], ["dockerfile", s("Dockerfile")]] }))),
  fc.tuple(fc.constant("user"), fc.constantFrom("root", "0", "0:0", "1000", "app", "${UID}:${GID}", '"1000:1000"').map(s)),
  fc.tuple(fc.constant("ports"), fc.oneof(fc.record({ q: fc.array(fc.oneof(portShort.map(s), portLong), { maxLength: 3 }), flow: fc.boolean() }).map((r): YValue => r), portShort.map(s))),
  fc.tuple(fc.constant("volumes"), fc.record({ q: fc.array(fc.oneof(volumeShort.map(s), volumeLong), { maxLength: 3 }), flow: fc.boolean() }).map((r): YValue => r)),
  fc.tuple(fc.constant("labels"), labelsArb),
  fc.tuple(fc.constant("environment"), envArb),
  fc.tuple(fc.constantFrom("privileged", "read_only", "init"), fc.constantFrom("true", "false", '"true"', "yes", "1").map(s)),
  fc.tuple(fc.constantFrom("cap_add", "cap_drop"), fc.record({ q: fc.array(fc.constantFrom("ALL", "SYS_ADMIN", "NET_RAW", "CAP_SYS_PTRACE", "chown").map(s), { maxLength: 3 }), flow: fc.boolean() }).map((r): YValue => r)),
  fc.tuple(fc.constant("security_opt"), fc.constantFrom<YValue>({ q: [s("no-new-privileges:true")] }, { q: [s("seccomp:unconfined"), s("apparmor=unconfined")], flow: true })),
  fc.tuple(fc.constantFrom("network_mode", "pid", "ipc", "uts", "userns_mode"), fc.constantFrom("host", "service:db", "private").map(s)),
  fc.tuple(fc.constant("devices"), fc.constant<YValue>({ q: [s("/dev/kvm"), s("/dev/sda:/dev/xvda:rwm")] })),
  fc.tuple(fc.constant("deploy"), fc.constantFrom("512M", "2g", '"0.5"', "100", "x").map((v): YValue => ({ m: [["resources", { m: [["limits", { m: [["memory", s(v)], ["cpus", s(v)], ["pids", s("100")]] }]] }]] }))),
  fc.tuple(fc.constant("healthcheck"), fc.constantFrom<YValue>({ m: [["test", { q: [s("CMD"), s("curl"), s("-f"), s("http://localhost")], flow: true }], ["interval", s("30s")]] }, { m: [["disable", s("true")]] }, { m: [["test", s("NONE")]] })),
  fc.tuple(fc.constantFrom("command", "entrypoint"), fc.oneof(fc.constantFrom("supervisord -n", '"sshd -D"', "/sbin/init", "nginx -g 'daemon off;'").map(s), fc.constant<YValue>({ q: [s("sh"), s("-c"), s("service ssh start && nginx")], flow: true }))),
  fc.tuple(fc.constant("runtime"), fc.constantFrom("kata", "runsc", "runc", "io.containerd.kata.v2").map(s)),
  fc.tuple(fc.constantFrom("mem_limit", "cpus", "pids_limit"), fc.constantFrom("512m", "0.5", "100", "-1", "lots").map(s)),
  fc.tuple(fc.constant("expose"), fc.constantFrom<YValue>({ q: [s("22"), s('"80"'), s("3000-3005")] })),
  fc.tuple(fc.constantFrom(...KEYS), value),
);

const serviceArb: fc.Arbitrary<YValue> = fc
  .record({ entries: fc.uniqueArray(serviceEntry, { maxLength: 7, selector: (e) => e[0] }), flow: fc.nat({ max: 9 }) })
  .map(({ entries, flow }) => ({ m: entries, flow: flow === 0 }));

export const composeText: fc.Arbitrary<string> = fc
  .record({
    version: fc.option(fc.constantFrom('"3.8"', "2.4", "'3'")),
    anchors: fc.array(serviceArb, { maxLength: 2 }),
    services: fc.uniqueArray(fc.tuple(fc.constantFrom("web", "db", "api", "worker", "proxy", "x", "__proto__", "a b", "1", '"quoted"'), serviceArb, fc.nat({ max: 6 })), { maxLength: 4, selector: (e) => e[0] }),
    extraTop: fc.array(fc.tuple(fc.constantFrom("volumes", "networks", "secrets", "configs", "x-other", "include", "name", "servics"), value), { maxLength: 2 }),
    step: fc.constantFrom(2, 2, 4, 1),
    docs: fc.nat({ max: 8 }),
    comment: fc.constantFrom("", "", "# isolint-ignore no-privileged\n", "# isolint-ignore-file memory-limit -- reason\n"),
    eol: fc.constantFrom("\n", "\n", "\n", "\r\n", "\r"),
  })
  .map(({ version, anchors, services, extraTop, step, docs, comment, eol }) => {
    const top: [string, YValue][] = [];
    if (version) top.push(["version", s(version)]);
    anchors.forEach((a, i) => top.push([`x-common${i}`, { ...(a as { m: [string, YValue][] }), anchor: `common${i}` }]));
    const svcEntries: [string, YValue][] = services.map(([name, svc, mergeChoice]) => {
      const m = [...(svc as { m: [string, YValue][] }).m];
      // Merge keys: one anchor, a list of anchors, or a dangling alias.
      if (anchors.length > 0 && mergeChoice < 3) m.unshift(["<<", { merge: mergeChoice === 2 && anchors.length > 1 ? ["common1", "common0"] : [`common${mergeChoice % anchors.length}`] }]);
      if (mergeChoice === 5) m.push(["user", { alias: "nowhere" }]);
      return [name.startsWith('"') ? name.slice(1, -1) : name, { m, flow: (svc as { flow?: boolean }).flow && !m.some(([k]) => k === "<<") }];
    });
    top.push(["services", { m: svcEntries }]);
    top.push(...extraTop);
    let text = comment + top.map(([k, v]) => `${keyText(k)}:${emit(v, step, step)}`).join("");
    if (docs === 0) text = `---\n${text}---\nservices:\n  second:\n    image: redis\n    privileged: true\n`;
    if (docs === 1) text = `${text}...\n`;
    return text.replace(/\n/g, eol);
  });

/** A .env file beside a Compose file, sometimes. */
export const dotenvText: fc.Arbitrary<string | null> = fc.option(fc.constantFrom("TAG=1.0\nPORT=8080\n", "export IMAGE=nginx\nUSER=root # comment\n", 'A="multi\nline"\nB=\'single\'\nC=${A}\n', "=bad\n\0\n", "TENANT=globex\nGITHUB_TOKEN=not-a-secret\n"), { freq: 3 });

// ---------------------------------------------------------------------------------------------
// VM specs

const workloadArb: fc.Arbitrary<YValue> = fc
  .record({
    name: fc.constantFrom("api", "db", "plugin", "", "a b"),
    tenant: fc.option(fc.constantFrom("acme", "globex", '""')),
    trust: fc.option(fc.constantFrom("trusted", "untrusted", "sometimes")),
    image: fc.option(fc.constantFrom("nginx:1.27", "ghcr.io/acme/api", "${IMG}")),
    compose: fc.option(fc.constantFrom("compose.yaml", "./compose.yaml", "../outside/compose.yaml", "/etc/compose.yaml", "missing.yaml", "sub/compose.yaml"), { freq: 3 }),
    flow: fc.boolean(),
  })
  .map(({ name, tenant, trust, image, compose, flow }) => ({
    m: [["name", s(name || '""')], ...(tenant ? [["tenant", s(tenant)]] : []), ...(trust ? [["trust", s(trust)]] : []), ...(image ? [["image", s(image)]] : []), ...(compose ? [["compose", s(compose)]] : [])] as [string, YValue][],
    flow,
  }));

const vmDoc: fc.Arbitrary<YValue> = fc
  .record({
    apiVersion: fc.constantFrom("isolint.dev/v1", "isolint.dev/v1", "isolint.dev/v2", "v1"),
    kind: fc.constantFrom("VirtualMachine", "VirtualMachine", "Pod"),
    name: fc.option(fc.constantFrom("billing", "tools", "x", "${NAME}"), { freq: 8 }),
    tenant: fc.option(fc.constantFrom("acme", "globex")),
    hypervisor: fc.option(fc.constantFrom("kvm", "firecracker", "qemu", "xen", "other")),
    cpus: fc.option(fc.constantFrom("1", "2", "0", "-1", "1.5", '"2"', "many"), { freq: 8 }),
    memory: fc.option(fc.constantFrom("2GiB", "512Mi", "1G", "1024", "0", "lots", "1.5Gi", "2TiB", "1e99"), { freq: 8 }),
    disk: fc.option(fc.constantFrom("20GiB", "x")),
    user: fc.option(fc.constantFrom("root", "app", "0")),
    ports: fc.array(fc.record({ port: fc.constantFrom("443", "22", "70000", "80-90", "x"), host_ip: fc.option(fc.constantFrom("0.0.0.0", "10.0.0.5", "::")) }), { maxLength: 2 }),
    workloads: fc.array(workloadArb, { maxLength: 3 }),
    extra: fc.option(fc.tuple(fc.constantFrom("cpu", "spec2", "metadata2", "memroy"), value)),
  })
  .map((r) => {
    const spec: [string, YValue][] = [];
    if (r.hypervisor) spec.push(["hypervisor", s(r.hypervisor)]);
    if (r.cpus) spec.push(["cpus", s(r.cpus)]);
    if (r.memory) spec.push(["memory", s(r.memory)]);
    if (r.disk) spec.push(["disk", s(r.disk)]);
    if (r.user) spec.push(["user", s(r.user)]);
    if (r.ports.length) spec.push(["ports", { q: r.ports.map((p) => ({ m: [["port", s(p.port)], ...(p.host_ip ? [["host_ip", s(p.host_ip)]] : [])] as [string, YValue][], flow: true })) }]);
    if (r.workloads.length) spec.push(["workloads", { q: r.workloads }]);
    if (r.extra) spec.push(r.extra);
    const metadata: [string, YValue][] = [...(r.name ? [["name", s(r.name)]] : []), ...(r.tenant ? [["tenant", s(r.tenant)]] : [])] as [string, YValue][];
    return { m: [["apiVersion", s(r.apiVersion)], ["kind", s(r.kind)], ["metadata", { m: metadata, flow: true }], ["spec", { m: spec }]] as [string, YValue][] };
  });

export const vmSpecText: fc.Arbitrary<string> = fc
  .record({ docs: fc.array(vmDoc, { minLength: 1, maxLength: 3 }), step: fc.constantFrom(2, 4), lead: fc.boolean() })
  .map(({ docs, step, lead }) => (lead ? "---\n" : "") + docs.map((d) => (d as { m: [string, YValue][] }).m.map(([k, v]) => `${k}:${emit(v, step, step)}`).join("")).join("---\n"));

// ---------------------------------------------------------------------------------------------
// Generated cases: one file of a kind, with what it may refer to.

export const dockerfileCase: fc.Arbitrary<Files> = fc
  .tuple(dockerfileText, fc.constantFrom("Dockerfile", "Containerfile", "api.Dockerfile", "Dockerfile.prod", "sub/Dockerfile"))
  .map(([text, name]) => ({ [name]: text }));

export const composeCase: fc.Arbitrary<Files> = fc
  .tuple(composeText, dotenvText, fc.option(dockerfileText, { freq: 3 }), fc.constantFrom("compose.yaml", "docker-compose.yml", "compose.override.yaml"))
  .map(([text, env, dockerfile, name]) => ({ [name]: text, ...(env !== null ? { ".env": env } : {}), ...(dockerfile !== null ? { Dockerfile: dockerfile, "app/Dockerfile": dockerfile } : {}) }));

export const vmCase: fc.Arbitrary<Files> = fc
  .tuple(vmSpecText, fc.option(composeText, { freq: 2 }))
  .map(([text, compose]) => ({ "platform.vm.yaml": text, ...(compose !== null ? { "compose.yaml": compose } : {}) }));

// ---------------------------------------------------------------------------------------------
// Mutations of real files

export interface Sample {
  /** Name to give the file (its kind comes from the name). */
  name: string;
  bytes: Uint8Array;
}

/** Every `n`-th Dockerfile and Compose file of the corpus, in path order (deterministic). */
export function corpusSample(corpus: string, max = 80): Sample[] {
  const all: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && /(^|\.)(dockerfile|containerfile)(\.|$)|^(docker-)?compose(\.[^/]*)?\.ya?ml$/i.test(name) && st.size < 200_000) all.push(p);
    }
  };
  walk(corpus);
  const step = Math.max(1, Math.floor(all.length / max));
  return all
    .filter((_, i) => i % step === 0)
    .slice(0, max)
    .map((p) => {
      const base = relative(corpus, p).split("/").pop()!;
      const name = /ya?ml$/i.test(base) ? (/^(docker-)?compose/i.test(base) ? base : "compose.yaml") : /dockerfile$/i.test(base) && base.toLowerCase() !== "dockerfile" && !base.toLowerCase().endsWith(".dockerfile") ? "Dockerfile" : base;
      return { name, bytes: readFileSync(p) };
    });
}

type Mutation = (b: Uint8Array, r: number, r2: number) => Uint8Array;
const lines = (b: Uint8Array) => Buffer.from(b).toString("latin1").split("\n");
const join_ = (l: string[]) => new Uint8Array(Buffer.from(l.join("\n"), "latin1"));
const MUTATIONS: Mutation[] = [
  (b, r) => b.slice(0, r % (b.length + 1)), // truncate
  (b, r, r2) => {
    const c = new Uint8Array(b); // flip a byte
    if (c.length) c[r % c.length] = (c[r % c.length]! ^ (1 + (r2 % 255))) & 0xff;
    return c;
  },
  (b, r) => {
    const l = lines(b); // duplicate a line
    const i = r % l.length;
    l.splice(i, 0, l[i]!);
    return join_(l);
  },
  (b, r) => {
    const l = lines(b); // delete a line
    l.splice(r % l.length, 1);
    return join_(l);
  },
  (b, r, r2) => {
    const l = lines(b); // insert a tab
    const i = r % l.length;
    const at = r2 % (l[i]!.length + 1);
    l[i] = l[i]!.slice(0, at) + "\t" + l[i]!.slice(at);
    return join_(l);
  },
  (b, r, r2) => {
    const l = lines(b); // change the indentation of a line
    const i = r % l.length;
    l[i] = r2 % 2 ? " ".repeat(1 + (r2 % 5)) + l[i] : l[i]!.replace(/^\s{1,3}/, "");
    return join_(l);
  },
  (b, r, r2) => {
    const l = lines(b); // swap two lines
    const i = r % l.length;
    const j = r2 % l.length;
    [l[i], l[j]] = [l[j]!, l[i]!];
    return join_(l);
  },
  (b, r, r2) => {
    const bits = ["\\", "'", '"', "${", "&a", "*a", "<<", ": ", "- ", "[", "{", "#", "\r", "\0", "\u00e9", "`", "<<EOF"]; // insert a meaningful character
    const s = Buffer.from(bits[r2 % bits.length]!);
    const at = r % (b.length + 1);
    return new Uint8Array(Buffer.concat([b.slice(0, at), s, b.slice(at)]));
  },
];

export function mutatedCase(samples: readonly Sample[]): fc.Arbitrary<Files> {
  return fc
    .tuple(fc.constantFrom(...samples), fc.array(fc.tuple(fc.nat({ max: MUTATIONS.length - 1 }), fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }))
    .map(([sample, muts]) => {
      let b = sample.bytes;
      for (const [m, r, r2] of muts) b = MUTATIONS[m]!(b, r, r2);
      return { [sample.name]: b };
    });
}
