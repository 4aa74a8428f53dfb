/**
 * The Compose schema is checked on null-prototype data (toSchemaData, ≈ 3× faster) and a
 * problem is then described from ordinary data (toPlain). Both must validate alike — same
 * verdict, same errors — for every Compose file of the corpus, the fixtures and the
 * acceptance cases, and for broken variants of them (unknown keys, wrong types, `__proto__`).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import validateCompose from "virtual:compose-validator";
import { describe, expect, it } from "vitest";
import { toPlain, toSchemaData } from "../src/model/ynode.js";
import { parseYamlFile } from "../src/parse/yaml/document.js";

const here = import.meta.dirname;
const roots = [path.resolve(here, "../../shared/corpus"), path.resolve(here, "fixtures"), path.resolve(here, "../../shared/acceptance/cases")];

function composeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === ".git" ? [] : composeFiles(p);
    return /^(docker-)?compose.*\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** The file, then versions of it that the schema must refuse (each service broken a way). */
function variants(text: string): string[] {
  const broken = [
    (t: string) => t.replace(/^(\s+)image:/m, "$1imagee:"),
    (t: string) => t.replace(/^(\s+)ports:.*$/m, "$1ports: {a: 1}"),
    (t: string) => t.replace(/^services:\s*$/m, "services:\n  __proto__: {image: 1, x: [1]}"),
    (t: string) => t.replace(/^(\s+)restart:.*$/m, "$1restart: [always]"),
    (t: string) => t.replace(/^(\s+)environment:\s*$/m, "$1environment: 7"),
    (t: string) => `${t}\nx-extra: 1\nunknown-top: {a: 1}\n`,
  ];
  return [text, ...broken.map((f) => f(text)).filter((t) => t !== text)];
}

const outcome = (data: unknown) => {
  const ok = validateCompose(data) as boolean;
  return { ok, errors: (validateCompose.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`) };
};

describe("toSchemaData validates as toPlain does", () => {
  const files = roots.flatMap(composeFiles);
  it.skipIf(files.length === 0)("for every Compose file and broken variants of it", () => {
    let documents = 0;
    let invalid = 0;
    for (const file of files) {
      for (const text of variants(readFileSync(file, "utf8"))) {
        const yaml = parseYamlFile(text, null);
        if (yaml.problem) continue;
        for (const root of yaml.roots) {
          if (!root) continue;
          const fast = outcome(toSchemaData(root));
          const plain = outcome(toPlain(root));
          expect(fast, `${file}\n${text.slice(0, 200)}`).toEqual(plain);
          documents++;
          if (!plain.ok) invalid++;
        }
      }
    }
    // With the corpus beside the project there are over a thousand; without it, the fixtures'.
    const withCorpus = existsSync(roots[0]!);
    expect(documents).toBeGreaterThan(withCorpus ? 1000 : 100);
    expect(invalid).toBeGreaterThan(withCorpus ? 500 : 50);
  });
});
