import type { FileKind } from "../model/finding.js";

/** Suffixes of files that are about a Dockerfile but are not one (templates, ignore files, notes). */
const NOT_A_DOCKERFILE = /\.(dockerignore|md|markdown|txt|rst|orig|rej|bak|swp|tmp|template|tmpl|tpl|j2|jinja2?|erb|mustache|hbs|in|sh|ps1|json|ya?ml|toml|lock|sum|diff|patch|log|html?)$/i;

/** The kind a file's name says it is (CONTRACT.md "File kinds"), or null. */
export function kindFromName(name: string): FileKind | null {
  const lower = name.toLowerCase();
  if (lower === "dockerfile" || lower === "containerfile") return "dockerfile";
  if (/^(dockerfile|containerfile)\./.test(lower) || lower.endsWith(".dockerfile") || lower.endsWith(".containerfile")) {
    if (!NOT_A_DOCKERFILE.test(lower) || lower.endsWith(".dockerfile")) return "dockerfile";
    // Dockerfile.vm.yaml is a VM spec by its name (and Dockerfile.md nothing).
    return /\.vm\.ya?ml$/.test(lower) ? "vm" : null;
  }
  if (/^(docker-)?compose(\.[^/]+)?\.ya?ml$/.test(lower)) return "compose";
  if (/\.vm\.ya?ml$/.test(lower)) return "vm";
  return null;
}

/**
 * `key: value` at the start of a line (after a byte order mark, as UTF-8 or read as latin1), key
 * and value quoted or not, spaces before the colon or not, with or without a comment after it.
 */
function declares(key: string, value: string): RegExp {
  const v = `["']?${value}["']?`;
  return new RegExp(`^(?:\uFEFF|\u00EF\u00BB\u00BF)?["']?${key}["']?[ \t]*:[ \t]*${v}[ \t]*(?:#.*)?\r?$`, "m");
}
/** The same pair as an entry of a flow mapping (`{key: value, …}`, JSON). */
function declaresInFlow(key: string, value: string): RegExp {
  return new RegExp(`[{,][ \t\r\n]*["']?${key}["']?[ \t]*:[ \t]*["']?${value}["']?[ \t\r\n]*[,}]`);
}
// Pure: the CLI entry imports kindFromName from here, and must not carry these.
const VM_API = /* @__PURE__ */ declares("apiVersion", "isolint\\.dev/v1");
const VM_KIND = /* @__PURE__ */ declares("kind", "VirtualMachine");
const VM_API_FLOW = /* @__PURE__ */ declaresInFlow("apiVersion", "isolint\\.dev/v1");
const VM_KIND_FLOW = /* @__PURE__ */ declaresInFlow("kind", "VirtualMachine");
/**
 * A document that is one flow mapping (JSON), after comment lines, blank lines and `---`: its
 * keys may stand anywhere in it. ([ \t], not \s, before each line end: no backtracking.)
 */
const FLOW_DOCUMENT = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?(?:[ \t]*(?:#[^\n]*|---[ \t]*(?:#[^\n]*)?)?\r?\n)*[ \t]*(?:---[ \t]+)?\{/;

/** For a file named explicitly whose name doesn't tell: guess from the text. */
export function kindFromContent(text: string): FileKind | null {
  if (VM_API.test(text) && VM_KIND.test(text)) return "vm";
  // Only when the whole document is a flow mapping: `examples: [{apiVersion: …, kind: …}]` or a
  // comment showing one is not a VM spec.
  if (FLOW_DOCUMENT.test(text) && VM_API_FLOW.test(text) && VM_KIND_FLOW.test(text)) return "vm";
  if (/^services:\s*(#.*)?$/m.test(text) || /^services:\s*\{/m.test(text)) return "compose";
  // [ \t], not \s: with the m flag, \s* runs over blank lines from every line start (quadratic).
  if (/^[ \t]*FROM[ \t]+\S/im.test(text)) return "dockerfile";
  return null;
}
