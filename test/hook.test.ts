/**
 * The pre-commit hook passes staged files whose names match its `files:` regex: exactly the
 * names that a scan of the tree lints (kindFromName), in any case and in any folder.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { kindFromName } from "../src/discover/kinds.js";

const hook = (parse(readFileSync(resolve(import.meta.dirname, "../.pre-commit-hooks.yaml"), "utf8")) as { files: string; require_serial: boolean }[])[0]!;
// pre-commit uses Python's re: the leading (?i) is JavaScript's i flag.
const files = new RegExp(hook.files.replace(/^\(\?i\)/, ""), "i");

const NAMES = [
  "Dockerfile", "dockerfile", "DOCKERFILE", "Containerfile", "Dockerfile.dev", "Dockerfile.prod.arm64", "Dockerfile.", "api.Dockerfile",
  ".Dockerfile", "worker.dockerfile", "x.containerfile", "Dockerfile.md", "Dockerfile.dockerignore", "Dockerfile.template", "Dockerfile.j2",
  "Dockerfile.yaml", "Dockerfile.vm.yaml", "Dockerfile.sh", "compose.yaml", "compose.yml", "compose.prod.yaml", "docker-compose.yml",
  "docker-compose.override.yml", "Compose.YAML", "compose.json", "composer.yaml", "my-compose.yaml", "db.vm.yaml", ".vm.yaml", "db.vm.yml",
  "vm.yaml", "values.yaml", "README.md", "Dockerfile-old", "Dockerfiles",
];

describe("the pre-commit hook", () => {
  it.each(NAMES)("%s: passed to the hook exactly when isolint . lints it by name", (name) => {
    const linted = kindFromName(name) !== null;
    expect(files.test(name), name).toBe(linted);
    expect(files.test(`some dir/sub/${name}`), `in a folder: ${name}`).toBe(linted);
  });
  it("runs once for all the staged files (a Compose file and the VM spec that runs it together)", () => {
    expect(hook.require_serial).toBe(true);
  });
});
