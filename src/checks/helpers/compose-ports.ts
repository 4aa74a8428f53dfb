import type { PublishedPort } from "../../model/compose.js";
import { isAllInterfaces, isLoopback } from "./network.js";

/** The port is published on every host interface (known for sure). */
export function bindsAllInterfaces(p: PublishedPort): boolean {
  return !p.hostIpUnknown && isAllInterfaces(p.hostIp);
}

/** Reachable from the host only. */
export function boundToLoopback(p: PublishedPort): boolean {
  return p.hostIp !== null && isLoopback(p.hostIp);
}
