import type { Service } from "../model/compose.js";
import type { DockerfileModel } from "../model/dockerfile.js";

/**
 * `FROM <name>` where a Compose service that builds this Dockerfile defines `<name>` in
 * `build.additional_contexts`: the base is that context (another service's image, a pinned
 * `docker-image://…`, a folder), not `<name>:latest` from a registry. The Dockerfile can't tell
 * which, so the base becomes unresolved — every rule about the base image (its tag, its size,
 * its default user) then leaves it alone, as for a `${BASE}` without a value.
 */
export function markNamedBuildContexts(df: DockerfileModel, services: readonly Service[]): void {
  const names = new Set(services.flatMap((s) => s.build?.additionalContexts ?? []));
  if (names.size === 0) return;
  for (const stage of df.stages) {
    if (!stage.parent && !stage.base.unresolved && names.has(stage.base.ref)) stage.base = { ...stage.base, unresolved: true };
  }
}
