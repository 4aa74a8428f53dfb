/**
 * Compose interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, and `$$` for a literal `$`.
 * Values come from the variables given (the `.env` beside the Compose file), never from the
 * linter's own environment, so results don't depend on who runs isolint. A variable without
 * a value and without a default stays as written and marks the result unresolved.
 */
import { closingBrace } from "../text.js";

export function interpolate(text: string, vars: ReadonlyMap<string, string>, depth = 0): { value: string; unresolved: boolean } {
  // Defaults nested thousands deep (`${A:-${B:-…}}`) stay as written past this depth.
  if (depth > MAX_NESTING) return { value: text, unresolved: true };
  let out = "";
  let unresolved = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c !== "$") {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (next === "{") {
      const close = closingBrace(text, i + 1);
      if (close < 0) {
        out += text.slice(i);
        unresolved = true;
        break;
      }
      const r = expandBraced(text.slice(i + 2, close), vars, depth);
      out += r.value;
      unresolved ||= r.unresolved;
      i = close + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, i + 129));
    if (!m) {
      out += c;
      i++;
      continue;
    }
    const v = vars.get(m[0]);
    if (v === undefined) {
      out += `$${m[0]}`;
      unresolved = true;
    } else out += v;
    i += 1 + m[0].length;
  }
  return { value: out, unresolved };
}

function expandBraced(inner: string, vars: ReadonlyMap<string, string>, depth: number): { value: string; unresolved: boolean } {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?[-?+])?/.exec(inner);
  if (!m) return { value: `\${${inner}}`, unresolved: true };
  const name = m[1]!;
  const op = inner.slice(name.length, m[0].length);
  const word = inner.slice(m[0].length);
  const v = vars.get(name);
  const set = v !== undefined;
  const nonEmpty = set && v !== "";
  const sub = () => interpolate(word, vars, depth + 1);
  switch (op) {
    case "":
      return set ? { value: v!, unresolved: false } : { value: `\${${inner}}`, unresolved: true };
    case ":-":
      return nonEmpty ? { value: v!, unresolved: false } : sub();
    case "-":
      return set ? { value: v!, unresolved: false } : sub();
    case ":+":
      return nonEmpty ? sub() : set ? { value: "", unresolved: false } : { value: `\${${inner}}`, unresolved: true };
    case "+":
      return set ? sub() : { value: `\${${inner}}`, unresolved: true };
    default:
      // `${VAR:?err}` / `${VAR?err}`: required; unknown here, so it stays symbolic.
      return set && (op === "?" || nonEmpty) ? { value: v!, unresolved: false } : { value: `\${${inner}}`, unresolved: true };
  }
}

const MAX_NESTING = 64;
