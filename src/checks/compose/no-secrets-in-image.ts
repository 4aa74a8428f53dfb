import type { Check } from "../../engine/types.js";
import { secretLooking } from "../helpers/secrets.js";

export const noSecretsCompose: Check["compose"] = (file, ctx) => {
  for (const s of file.services) {
    for (const e of s.environment) {
      // Judge what is written: `${DB_PASSWORD}` is a reference, even when .env supplies it.
      if (!secretLooking(e.name, e.raw, "$$")) continue;
      ctx.report({ range: e.range, message: `Service ${s.name}: environment ${e.name} holds a literal secret in the Compose file.`,
        fix: `Use Compose secrets (read from /run/secrets/…, e.g. ${e.name}_FILE) or \${${e.name}} from an untracked .env file.` });
    }
  }
};
