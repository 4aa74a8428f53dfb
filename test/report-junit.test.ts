import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { audit } from "../src/app/audit.js";
import { loadConfig } from "../src/engine/load-config.js";
import type { Finding } from "../src/model/finding.js";
import { junitReporter, xmlAttr, xmlSafe } from "../src/report/junit.js";
import { makeResult } from "./helpers/findings.js";

/** Just enough of an XML parser to read the report back: elements, attributes, text, the five entities and char refs. */
interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[e]!,
  );
}
function parseXml(xml: string): El {
  let i = 0;
  const decl = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (decl) i = decl[0].length;
  const ws = () => {
    while (/\s/.test(xml[i] ?? "")) i++;
  };
  function element(): El {
    const m = /^<([A-Za-z_][\w.-]*)/.exec(xml.slice(i));
    if (!m) throw new Error(`expected an element at ${i}`);
    i += m[0].length;
    const el: El = { name: m[1]!, attrs: {}, children: [], text: "" };
    for (;;) {
      ws();
      if (xml.startsWith("/>", i)) {
        i += 2;
        return el;
      }
      if (xml[i] === ">") {
        i++;
        break;
      }
      const a = /^([A-Za-z_][\w.-]*)="([^"<]*)"/.exec(xml.slice(i));
      if (!a) throw new Error(`bad attribute at ${i}`);
      if (a[1]! in el.attrs) throw new Error(`duplicate attribute ${a[1]}`);
      el.attrs[a[1]!] = decode(a[2]!);
      i += a[0].length;
    }
    for (;;) {
      const lt = xml.indexOf("<", i);
      if (lt < 0) throw new Error(`unclosed ${el.name}`);
      const text = xml.slice(i, lt);
      if (/[<>]/.test(text.replace(/&[^;]*;/g, ""))) throw new Error("bad text");
      el.text += decode(text);
      i = lt;
      if (xml.startsWith(`</${el.name}>`, i)) {
        i += el.name.length + 3;
        return el;
      }
      el.children.push(element());
    }
  }
  const root = element();
  ws();
  if (i !== xml.length) throw new Error("content after the root element");
  return root;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("junit reporter", () => {
  it("has one testsuite, a testcase with one failure per finding, and a passing testcase per clean file", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "isolint-junit-"));
    dirs.push(cwd);
    const files: Record<string, string> = {
      "bad/Dockerfile": "FROM node:20\nEXPOSE 22\nCMD [\"node\", \"s.js\"]\n",
      "good/Dockerfile": 'FROM node:20.11-slim\nUSER node\nHEALTHCHECK CMD ["node", "h.js"]\nCMD ["node", "s.js"]\n',
    };
    for (const [n, t] of Object.entries(files)) {
      mkdirSync(dirname(join(cwd, n)), { recursive: true });
      writeFileSync(join(cwd, n), t);
    }
    const { config, rules } = await loadConfig({ cwd, explicit: null, disabled: true });
    const run = await audit({ cwd, paths: ["."], config, rules, forceKind: null, quiet: false });
    const xml = junitReporter(run, { color: false });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const root = parseXml(xml);
    expect(root.name).toBe("testsuites");
    expect(root.children).toHaveLength(1);
    const suite = root.children[0]!;
    expect(suite.name).toBe("testsuite");
    expect(suite.attrs.name).toBe("isolint");
    const cases = suite.children.filter((c) => c.name === "testcase");
    const bad = [...run.findings].filter((f) => f.file === "bad/Dockerfile");
    expect(cases).toHaveLength(bad.length + 1);
    expect(suite.attrs.tests).toBe(String(bad.length + 1));
    expect(suite.attrs.failures).toBe(String(bad.length));
    for (const c of cases.slice(0, -1)) {
      expect(c.attrs.classname).toBe("bad/Dockerfile");
      expect(c.children.map((x) => x.name)).toEqual(["failure"]);
    }
    const rootCase = cases.find((c) => c.children[0]?.attrs.type === "no-root-user")!;
    expect(rootCase.attrs.name).toBe("bad/Dockerfile:1:1 no-root-user");
    expect(rootCase.attrs.line).toBe("1");
    const root0 = rootCase.children[0]!;
    expect(root0.attrs.message).toMatch(/runs as root/);
    expect(root0.text).toMatch(/^bad\/Dockerfile:1:1\nseverity: error\nprinciple: least-privilege\n/);
    expect(root0.text).toMatch(/fix: /);
    const good = cases[cases.length - 1]!;
    expect(good.attrs.name).toBe("good/Dockerfile");
    expect(good.children).toHaveLength(0);
    expect(junitReporter(run, { color: false })).toBe(xml);
  });

  it("escapes markup and drops characters XML 1.0 forbids", () => {
    const nasty = 'a <b> & "c" \'d\' \u0000\u0001\u0008\u000b\u000c\u001f\ufffe\uffff\ud800 end\ttab\nline 😀';
    expect(xmlSafe(nasty)).toBe('a <b> & "c" \'d\'  end\ttab\nline 😀');
    expect(xmlAttr("<&>\"'\n")).toBe("&lt;&amp;&gt;&quot;&apos;&#10;");
    const f: Finding = {
      ruleId: "no-root-user",
      severity: "error",
      file: 'we"ird<&>.Dockerfile',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
      message: nasty,
      principle: "least-privilege",
      fix: "]]> <fix> & \u0002",
    };
    const result = makeResult([f], [f.file]);
    const xml = junitReporter(result, { color: false });
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    const root = parseXml(xml);
    const tc = root.children[0]!.children.find((c) => c.name === "testcase")!;
    expect(tc.attrs.classname).toBe(f.file);
    expect(tc.attrs.name).toBe(`${f.file}:1:1 no-root-user`);
    const failure = tc.children[0]!;
    expect(failure.attrs.message).toBe(xmlSafe(nasty));
    expect(failure.text).toContain("fix: ]]> <fix> & ");
  });

  it("leaves suppressed findings out", () => {
    const f: Finding = { ruleId: "no-sudo", severity: "warning", file: "Dockerfile", line: 1, column: 1, endLine: 1, endColumn: 2, message: "m", principle: "least-privilege", fix: "x", suppressed: { reason: "r" } };
    const xml = junitReporter(makeResult([f], ["Dockerfile"]), { color: false });
    expect(xml).not.toContain("<failure");
    expect(xml).toContain('<testcase classname="Dockerfile" name="Dockerfile" file="Dockerfile" time="0"/>');
  });
});
