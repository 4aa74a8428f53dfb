/** A port or port range with its protocol, as EXPOSE, Compose `ports`/`expose` and VM specs write them. */
export interface PortRange {
  start: number;
  end: number;
  protocol: string;
}

export type PortParse = { ok: true; port: PortRange } | { ok: false; reason: string };

const PROTOCOLS = new Set(["tcp", "udp", "sctp"]);

/** `8080`, `8080/tcp`, `8000-8010/udp`. Reasons are phrased for a finding's message. */
export function parsePortRange(text: string): PortParse {
  const [spec = "", protocol = "tcp", extra] = text.split("/");
  if (extra !== undefined) return { ok: false, reason: `"${text}" is not a port: more than one "/"` };
  const proto = protocol.toLowerCase();
  if (!PROTOCOLS.has(proto)) return { ok: false, reason: `"${text}" has an unknown protocol "${protocol}" (use tcp, udp or sctp)` };
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec);
  if (!m) return { ok: false, reason: `"${text}" is not a port number or range` };
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  for (const p of m[2] === undefined ? [start] : [start, end]) {
    if (p < 1 || p > 65535) return { ok: false, reason: `port ${p} in "${text}" is outside 1-65535` };
  }
  if (end < start) return { ok: false, reason: `the range "${spec}" is reversed (${start} > ${end})` };
  return { ok: true, port: { start, end, protocol: proto } };
}

export function overlaps(r: PortRange, start: number, end = start): boolean {
  return r.start <= end && start <= r.end;
}

/** Remote administration ports: SSH, Telnet, Docker API, RDP, VNC, and 31337 (Back Orifice). */
export const ADMIN_PORTS: readonly { start: number; end: number; name: string }[] = [
  { start: 22, end: 22, name: "SSH" },
  { start: 23, end: 23, name: "Telnet" },
  { start: 2375, end: 2376, name: "the Docker API" },
  { start: 3389, end: 3389, name: "RDP" },
  { start: 5900, end: 5901, name: "VNC" },
  { start: 31337, end: 31337, name: "Back Orifice, a backdoor" },
];

/** The admin services a port range reaches, e.g. ["SSH"]. */
export function adminPortsIn(r: PortRange): string[] {
  return ADMIN_PORTS.filter((a) => overlaps(r, a.start, a.end)).map((a) =>
    a.start === a.end ? `${a.start} (${a.name})` : `${Math.max(a.start, r.start)} (${a.name})`,
  );
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const ZONE = /^[0-9a-zA-Z.:-]+$/;

/**
 * An IPv4 or IPv6 address as Docker accepts one for a port's host IP (an IPv6 zone `%eth0`
 * allowed). The same verdicts as node:net's isIP (the test's oracle), without loading it.
 */
export function isIpAddress(text: string): boolean {
  if (IPV4.test(text)) return true;
  const zone = text.indexOf("%");
  let addr = zone >= 0 ? text.slice(0, zone) : text;
  if (zone >= 0 && !ZONE.test(text.slice(zone + 1))) return false;
  const groups = 8;
  const lastColon = addr.lastIndexOf(":");
  if (lastColon >= 0 && addr.includes(".", lastColon)) {
    if (!IPV4.test(addr.slice(lastColon + 1))) return false;
    addr = addr.slice(0, lastColon + 1) + "0:0";
  }
  const halves = addr.split("::");
  if (halves.length > 2) return false;
  const parts = halves.map((h) => (h === "" ? [] : h.split(":")));
  if (!parts.every((p) => p.every((g) => HEX_GROUP.test(g)))) return false;
  const count = parts.reduce((n, p) => n + p.length, 0);
  return halves.length === 2 ? count < groups : count === groups;
}
