/** 127.0.0.0/8, ::1 and localhost: reachable only from the host itself. */
export function isLoopback(ip: string): boolean {
  const v = ip.trim().replace(/^\[|\]$/g, "").toLowerCase();
  return v === "::1" || v === "localhost" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v) || v === "0:0:0:0:0:0:0:1";
}

/** No host IP, 0.0.0.0 or :: — every interface of the host. */
export function isAllInterfaces(ip: string | null): boolean {
  if (ip === null) return true;
  const v = ip.trim().replace(/^\[|\]$/g, "");
  return v === "" || v === "0.0.0.0" || v === "::" || v === "0:0:0:0:0:0:0:0";
}

/** bind-published-ports' `allowInterfaces` option, brackets of IPv6 addresses removed. */
export function allowedInterfaces(options: Record<string, unknown>): string[] {
  return ((options.allowInterfaces as string[] | undefined) ?? []).map((ip) => ip.replace(/^\[|\]$/g, ""));
}
