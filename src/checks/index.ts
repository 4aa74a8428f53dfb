import type { Check } from "../engine/types.js";
import { execFormDockerfile } from "./dockerfile/exec-form-entrypoint.js";
import { healthcheckDockerfile } from "./dockerfile/healthcheck-defined.js";
import { minimalBaseImageDockerfile } from "./dockerfile/minimal-base-image.js";
import { noInitSystemDockerfile } from "./dockerfile/no-init-system.js";
import { noRemoteAdminPortsDockerfile } from "./dockerfile/no-remote-admin-ports.js";
import { noRootUserDockerfile } from "./dockerfile/no-root-user.js";
import { noSecretsDockerfile } from "./dockerfile/no-secrets-in-image.js";
import { noSshServerDockerfile } from "./dockerfile/no-ssh-server.js";
import { noSudoDockerfile } from "./dockerfile/no-sudo.js";
import { oneServiceDockerfile } from "./dockerfile/one-service-per-container.js";
import { pinnedBaseImageDockerfile } from "./dockerfile/pinned-base-image.js";
import { validPortDockerfile } from "./dockerfile/valid-port.js";

/**
 * The TypeScript checks, by the name a rule's `check:` field gives. A rule may have a variant
 * per file kind; the engine calls the ones matching the files it sees.
 * `parse-error` (and later `schema-violation`, `unused-suppression`) are reported by the engine.
 */
export const CHECKS: Readonly<Record<string, Check>> = {
  "no-root-user": { dockerfile: noRootUserDockerfile },
  "no-sudo": { dockerfile: noSudoDockerfile },
  "one-service-per-container": { dockerfile: oneServiceDockerfile },
  "exec-form-entrypoint": { dockerfile: execFormDockerfile },
  "healthcheck-defined": { dockerfile: healthcheckDockerfile },
  "no-remote-admin-ports": { dockerfile: noRemoteAdminPortsDockerfile },
  "no-ssh-server": { dockerfile: noSshServerDockerfile },
  "valid-port": { dockerfile: validPortDockerfile },
  "no-secrets-in-image": { dockerfile: noSecretsDockerfile },
  "pinned-base-image": { dockerfile: pinnedBaseImageDockerfile },
  "minimal-base-image": { dockerfile: minimalBaseImageDockerfile },
  "no-init-system": { dockerfile: noInitSystemDockerfile },
  "parse-error": {},
  "unused-suppression": {},
};
