import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discover } from "../src/discover/discover.js";
import { kindFromContent, kindFromName } from "../src/discover/kinds.js";
import { compileGlobs } from "../src/util/globs.js";
import { tree } from "./helpers/cli.js";

const DF = "FROM alpine:3.20\n";

describe("file kinds by name", () => {
  it.each([
    ["Dockerfile", "dockerfile"],
    ["dockerfile", "dockerfile"],
    ["Containerfile", "dockerfile"],
    ["Dockerfile.alpine", "dockerfile"],
    ["Containerfile.dev", "dockerfile"],
    ["base.Dockerfile", "dockerfile"],
    ["service.dockerfile", "dockerfile"],
    ["compose.yaml", "compose"],
    ["compose.yml", "compose"],
    ["compose.prod.yaml", "compose"],
    ["docker-compose.yml", "compose"],
    ["docker-compose.override.yaml", "compose"],
    ["fleet.vm.yaml", "vm"],
    ["db.vm.yml", "vm"],
  ])("%s is a %s", (name, kind) => expect(kindFromName(name)).toBe(kind));
  it.each(["Dockerfile.md", "Dockerfile.dockerignore", "Dockerfile.template", "Dockerfile.j2", "README.md", "compose.json", "values.yaml", "docker-compose.txt", "vm.yaml"])(
    "%s is not linted by name",
    (name) => expect(kindFromName(name)).toBeNull(),
  );
  it("judges content when the name doesn't tell", () => {
    expect(kindFromContent("services:\n  web: {}\n")).toBe("compose");
    expect(kindFromContent("apiVersion: isolint.dev/v1\nkind: VirtualMachine\n")).toBe("vm");
    expect(kindFromContent("# build\nFROM alpine\n")).toBe("dockerfile");
    expect(kindFromContent("version: '3'\nnetworks: {}\n")).toBeNull();
  });
  it.each([
    ["a comment after the kind", "apiVersion: isolint.dev/v1\nkind: VirtualMachine   # one VM per document\n"],
    ["comments after both, quoted values", "apiVersion: 'isolint.dev/v1' # v1\nkind: \"VirtualMachine\"\t# vm\n"],
    ["CRLF line ends", "apiVersion: isolint.dev/v1\r\nkind: VirtualMachine\r\n"],
    ["a byte order mark", "\uFEFFapiVersion: isolint.dev/v1\nkind: VirtualMachine\n"],
    ["a byte order mark read as latin1", "\u00EF\u00BB\u00BFapiVersion: isolint.dev/v1\nkind: VirtualMachine\n"],
    ["a second document", "kind: ConfigMap\n---\napiVersion: isolint.dev/v1\nkind: VirtualMachine\n"],
    ["flow style", "{apiVersion: isolint.dev/v1, kind: VirtualMachine, metadata: {name: db}}\n"],
    ["quoted keys", '"apiVersion": "isolint.dev/v1"\n"kind": "VirtualMachine"\n'],
    ["spaces before the colon", "apiVersion : isolint.dev/v1\nkind  : VirtualMachine\n"],
    ["JSON", '{\n  "apiVersion": "isolint.dev/v1",\n  "kind": "VirtualMachine"\n}\n'],
    ["flow style after a comment and ---", "# billing VM\n---\n{apiVersion: isolint.dev/v1, kind: VirtualMachine}\n"],
  ])("a VM spec by content with %s", (_, text) => expect(kindFromContent(text)).toBe("vm"));
  it.each([
    ["another kind", "apiVersion: isolint.dev/v1\nkind: VirtualMachineList\n"],
    ["another API", "apiVersion: kubevirt.io/v1\nkind: VirtualMachine\n"],
    ["the words in a comment", "# apiVersion: isolint.dev/v1\n# kind: VirtualMachine\nfoo: 1\n"],
    ["the words in a value", "note: 'apiVersion: isolint.dev/v1, kind: VirtualMachine'\n"],
    ["nested keys", "spec:\n  apiVersion: isolint.dev/v1\n  kind: VirtualMachine\n"],
    ["a comment showing a flow mapping", "# VM specs look like {apiVersion: isolint.dev/v1, kind: VirtualMachine, ...}\nname: my-tool\n"],
    ["a nested flow mapping", "examples: [{apiVersion: isolint.dev/v1, kind: VirtualMachine}]\n"],
  ])("not a VM spec: %s", (_, text) => expect(kindFromContent(text)).not.toBe("vm"));
});

describe("walking a tree", () => {
  it("reports paths relative to the cwd, also when the walk starts above it or beside it", () => {
    const dir = tree({ "a/Dockerfile": DF, "a/b/Dockerfile": DF, "c/Dockerfile": DF, "Dockerfile": DF });
    const paths = (cwd: string, p: string) => discover([p], { cwd }).map((f) => f.path);
    expect(paths(dir, ".")).toEqual(["Dockerfile", "a/Dockerfile", "a/b/Dockerfile", "c/Dockerfile"]);
    expect(paths(dir, "a")).toEqual(["a/Dockerfile", "a/b/Dockerfile"]);
    // From a/: the walk of .. passes through a/, whose files are `Dockerfile`, not `../a/Dockerfile`.
    expect(paths(join(dir, "a"), "..")).toEqual(["../Dockerfile", "../c/Dockerfile", "Dockerfile", "b/Dockerfile"]);
    expect(paths(join(dir, "a", "b"), "../../c")).toEqual(["../../c/Dockerfile"]);
    expect(paths(join(dir, "c"), join(dir, "a"))).toEqual(["../a/Dockerfile", "../a/b/Dockerfile"]);
  });

  const dir = tree({
    "a/Dockerfile": DF,
    "a/node_modules/pkg/Dockerfile": DF,
    "b/.gitignore": "generated/\n*.tmp.Dockerfile\n",
    "b/generated/Dockerfile": DF,
    "b/x.tmp.Dockerfile": DF,
    "b/compose.yaml": "services: {}\n",
    "legacy/old/Dockerfile": DF,
    "notes.md": "hi",
    ".gitignore": "ignored-dir/\n",
    "ignored-dir/Dockerfile": DF,
  });
  mkdirSync(join(dir, ".git"));
  mkdirSync(join(dir, "c/Dockerfile"), { recursive: true }); // a directory named Dockerfile
  const paths = (ps: string[], ignore: string[] = []) =>
    discover(ps, { cwd: dir, ignore: ignore.length ? compileGlobs(ignore) : null, ignoreBase: dir }).map((f) => f.path);

  it("finds files by name, sorted, skipping node_modules, .gitignore'd paths and directories named like files", () => {
    expect(paths(["."])).toEqual(["a/Dockerfile", "b/compose.yaml", "legacy/old/Dockerfile"]);
  });
  it("prunes the config's ignore globs", () => {
    expect(paths(["."], ["legacy/**"])).toEqual(["a/Dockerfile", "b/compose.yaml"]);
  });
  it("lints a folder named explicitly even when a .gitignore above ignores it", () => {
    expect(paths(["ignored-dir"])).toEqual(["ignored-dir/Dockerfile"]);
  });
  it("lints a file named explicitly whatever its name", () => {
    const found = discover(["notes.md"], { cwd: dir });
    expect(found).toEqual([expect.objectContaining({ path: "notes.md", kind: null, explicit: true })]);
  });
});

describe("VM specs found by content (CONTRACT.md: any YAML document with apiVersion isolint.dev/v1, kind VirtualMachine)", () => {
  const VM = "apiVersion: isolint.dev/v1\nkind: VirtualMachine\nmetadata: { name: shared }\nspec: { cpus: 1, memory: 1GiB, user: root, workloads: [{ name: a, image: \"nginx:1.27\" }] }\n";
  const dir = tree({
    "infra/fleet.yaml": VM,
    "infra/mixed.yml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n---\n" + VM,
    "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n",
    "docs/example.yaml": "# apiVersion: isolint.dev/v1 in a comment only\nkind: VirtualMachine\n",
    "ignored/vm.yaml": VM,
    ".gitignore": "ignored/\n",
  });
  it("a directory scan finds them, and only them, outside ignored paths", () => {
    const found = discover(["."], { cwd: dir });
    expect(found.map((f) => [f.path, f.kind])).toEqual([
      ["infra/fleet.yaml", "vm"],
      ["infra/mixed.yml", "vm"],
    ]);
  });
  it("lints them like *.vm.yaml; another tool's documents in the file are left alone", async () => {
    const { lint } = await import("./helpers/lint.js");
    const findings = await lint(dir, ["."], { noConfig: true });
    expect(findings.filter((f) => f.ruleId === "schema-violation")).toEqual([]);
    expect([...new Set(findings.map((f) => f.file))].sort()).toEqual(["infra/fleet.yaml", "infra/mixed.yml"]);
  });
});

describe("folders whose names start with two dots", () => {
  // Kubernetes mounts a ConfigMap as ..data/ plus symlinks to it: "..data" is inside, not "..".
  const dir = tree({
    "cm/..data/Dockerfile": DF,
    "gi/.gitignore": "*.tmp.Dockerfile\n",
    "gi/..cache/x.tmp.Dockerfile": DF,
    "gi/..cache/Dockerfile": DF,
  });
  symlinkSync("..data/Dockerfile", join(dir, "cm/Dockerfile"));
  const paths = (ignore: string[] = []) => discover(["."], { cwd: dir, ignore: ignore.length ? compileGlobs(ignore) : null, ignoreBase: dir }).map((f) => f.path);

  it("a symlink into ..data/ is followed, and .gitignore and config globs apply below ..name folders", () => {
    expect(paths()).toEqual(["cm/..data/Dockerfile", "cm/Dockerfile", "gi/..cache/Dockerfile"]);
    expect(paths(["gi/..cache/**"])).toEqual(["cm/..data/Dockerfile", "cm/Dockerfile"]);
  });
});

describe("the config's ignore globs and files named explicitly (pre-commit names changed files)", () => {
  const dir = tree({ "legacy/Dockerfile": "FROM alpine:3.20\n", "legacy/old/compose.yaml": "services: {}\n", "app/Dockerfile": "FROM alpine:3.20\n" });
  const named = (globs: string[], paths: string[]) => {
    const ignored: string[] = [];
    const found = discover(paths, { cwd: dir, ignore: compileGlobs(globs), ignoreBase: dir, onIgnored: (p) => ignored.push(p) }).map((f) => f.path);
    return { found, ignored };
  };
  it("leaves out a named file that a glob ignores, and says so", () => {
    expect(named(["legacy/**"], ["legacy/Dockerfile", "app/Dockerfile"])).toEqual({ found: ["app/Dockerfile"], ignored: ["legacy/Dockerfile"] });
  });
  it("a glob that ends in / is the folder and everything below it, for named files and walks alike", () => {
    expect(named(["legacy/"], ["legacy/old/compose.yaml", "app/Dockerfile"])).toEqual({ found: ["app/Dockerfile"], ignored: ["legacy/old/compose.yaml"] });
    expect(named(["legacy/"], ["."]).found).toEqual(["app/Dockerfile"]);
  });
});
