import { isIpAddress } from "../../parse/ports.js";
import type { Check } from "../../engine/types.js";
import { adminPortsIn } from "../../parse/ports.js";
import { allowedInterfaces, isAllInterfaces, isLoopback } from "../helpers/network.js";
import { isRootUser } from "../helpers/users.js";

export const noRootUserVm: Check["vm"] = (file, ctx) => {
  for (const vm of file.vms) {
    if (!vm.user || !isRootUser(vm.user.value)) continue;
    ctx.report({ range: vm.user.range, message: `VM ${vm.name} runs its workloads as root (spec.user: ${vm.user.value}).` });
  }
};

export const noRemoteAdminPortsVm: Check["vm"] = (file, ctx) => {
  for (const vm of file.vms) {
    for (const p of vm.ports) {
      if (!p.parsed.ok || isLoopback(p.hostIp)) continue;
      const admin = adminPortsIn(p.parsed.port);
      if (admin.length) ctx.report({ range: p.range, message: `VM ${vm.name} publishes a remote administration port: ${admin.join(", ")} on ${p.hostIp}.` });
    }
  }
};

export const bindPublishedPortsVm: Check["vm"] = (file, ctx) => {
  const list = allowedInterfaces(ctx.options);
  for (const vm of file.vms) {
    for (const p of vm.ports) {
      if (isLoopback(p.hostIp)) continue;
      const everywhere = isAllInterfaces(p.hostIp);
      if (list.includes(p.hostIp) || (!everywhere && list.length === 0)) continue;
      ctx.report({
        range: p.range,
        message: everywhere
          ? `VM ${vm.name} publishes ${p.text} on every interface (${p.hostIpGiven ? p.hostIp : "host_ip defaults to 0.0.0.0"}).`
          : `VM ${vm.name} publishes ${p.text} on ${p.hostIp}, which is not among the allowed interfaces (${list.join(", ")}).`,
      });
    }
  }
};

export const validPortVm: Check["vm"] = (file, ctx) => {
  for (const vm of file.vms) {
    for (const p of vm.ports) {
      if (!p.parsed.ok) ctx.report({ range: p.range, message: `VM ${vm.name}, ports: ${p.parsed.reason}.` });
      else if (p.hostIpGiven && !isIpAddress(p.hostIp)) ctx.report({ range: p.range, message: `VM ${vm.name}, ports: host_ip ${p.hostIp} is not an IP address.` });
    }
  }
};
