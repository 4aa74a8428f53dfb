import type { ComposeModel } from "../../model/compose.js";
import type { Range } from "../../model/range.js";

/**
 * isolint's own labels have a schema too (CONTRACT.md): `isolint.trust` is `trusted` or
 * `untrusted`. Another value — a typo of `untrusted` — would silently make the workload trusted
 * and hide untrusted-requires-sandbox, so it is a schema problem at the label. Case and the
 * spaces around the value don't matter (they are read that way); an empty value or one from a
 * variable with no known value is no label.
 */
export function isolintLabelProblems(file: ComposeModel): { range: Range; message: string }[] {
  const out: { range: Range; message: string }[] = [];
  for (const s of file.services) {
    const trust = s.labels.get("isolint.trust");
    if (!trust || trust.unresolved) continue;
    const value = trust.value.trim().toLowerCase();
    if (value === "" || value === "trusted" || value === "untrusted") continue;
    out.push({ range: trust.range, message: `services.${s.name}.labels.isolint.trust must be "trusted" or "untrusted", not ${JSON.stringify(trust.value)}: until it is one of them, the service is judged trusted` });
  }
  return out;
}
