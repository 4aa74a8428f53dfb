import type { Check } from "../engine/types.js";
import { execFormDockerfile } from "./dockerfile/exec-form-entrypoint.js";
import { healthcheckDockerfile } from "./dockerfile/healthcheck-defined.js";
import { minimalBaseImageDockerfile } from "./dockerfile/minimal-base-image.js";
import { noRemoteAdminPortsDockerfile } from "./dockerfile/no-remote-admin-ports.js";
import { noRootUserDockerfile } from "./dockerfile/no-root-user.js";
import { noSecretsDockerfile } from "./dockerfile/no-secrets-in-image.js";
import { oneServiceDockerfile } from "./dockerfile/one-service-per-container.js";
import { pinnedBaseImageDockerfile } from "./dockerfile/pinned-base-image.js";
import { validPortDockerfile } from "./dockerfile/valid-port.js";
import { bindPublishedPortsCompose } from "./compose/bind-published-ports.js";
import { execFormCompose } from "./compose/exec-form-entrypoint.js";
import { healthcheckCompose } from "./compose/healthcheck-defined.js";
import { noPublicDatastoreCompose } from "./compose/no-public-datastore.js";
import { noRemoteAdminPortsCompose } from "./compose/no-remote-admin-ports.js";
import { noRootUserCompose } from "./compose/no-root-user.js";
import { noSecretsCompose } from "./compose/no-secrets-in-image.js";
import { oneServiceCompose } from "./compose/one-service-per-container.js";
import { validPortCompose } from "./compose/valid-port.js";
import { multiTenantProject } from "./tenancy/multi-tenant-requires-vm.js";
import { preferContainerProject } from "./tenancy/prefer-container-for-single-tenant.js";
import { untrustedProject } from "./tenancy/untrusted-requires-sandbox.js";
import { bindPublishedPortsVm, noRemoteAdminPortsVm, noRootUserVm, validPortVm } from "./vm/ports-and-user.js";

/**
 * The TypeScript checks, by the name a rule's `check:` field gives. A rule may have a variant
 * per file kind; the engine calls the ones matching the files it sees.
 * `parse-error` (and later `schema-violation`, `unused-suppression`) are reported by the engine.
 */
export const CHECKS: Readonly<Record<string, Check>> = {
  "no-root-user": { dockerfile: noRootUserDockerfile, compose: noRootUserCompose, vm: noRootUserVm },
  "one-service-per-container": { dockerfile: oneServiceDockerfile, compose: oneServiceCompose },
  "exec-form-entrypoint": { dockerfile: execFormDockerfile, compose: execFormCompose },
  "healthcheck-defined": { dockerfile: healthcheckDockerfile, compose: healthcheckCompose },
  "no-remote-admin-ports": { dockerfile: noRemoteAdminPortsDockerfile, compose: noRemoteAdminPortsCompose, vm: noRemoteAdminPortsVm },
  "valid-port": { dockerfile: validPortDockerfile, compose: validPortCompose, vm: validPortVm },
  "no-secrets-in-image": { dockerfile: noSecretsDockerfile, compose: noSecretsCompose },
  "bind-published-ports": { compose: bindPublishedPortsCompose, vm: bindPublishedPortsVm },
  "multi-tenant-requires-vm": { project: multiTenantProject },
  "untrusted-requires-sandbox": { project: untrustedProject },
  "prefer-container-for-single-tenant": { project: preferContainerProject },
  "no-public-datastore": { compose: noPublicDatastoreCompose },
  "pinned-base-image": { dockerfile: pinnedBaseImageDockerfile },
  "minimal-base-image": { dockerfile: minimalBaseImageDockerfile },
  "parse-error": {},
  "schema-violation": {},
  "invalid-reference": {},
  "unused-suppression": {},
};
