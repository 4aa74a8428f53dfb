import type { ImageRef } from "../../model/dockerfile.js";
import type { ProjectModel } from "../../model/project.js";

/**
 * `FROM <name>` where a Compose service that builds this Dockerfile defines `<name>` in
 * `build.additional_contexts`: the base is that context (another service's image, a pinned
 * `docker-image://…`, a folder), not `<name>:latest` from a registry. What it is can't be told
 * from the Dockerfile, so rules about the base (its tag, its default user) don't judge it.
 */
export function isNamedBuildContext(project: ProjectModel, dockerfilePath: string, base: ImageRef): boolean {
  const services = project.servicesByDockerfile.get(dockerfilePath);
  if (!services) return false;
  return services.some((s) => s.build?.additionalContexts.includes(base.ref) ?? false);
}
