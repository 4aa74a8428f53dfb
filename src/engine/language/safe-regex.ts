/**
 * Policy regexes run on every file in CI, so a regex that can backtrack catastrophically is
 * refused when the policy is loaded. The check is conservative: it rejects nested quantifiers
 * (`(a+)+`, `(a*)*`, `(?:x+y*)+`), quantified groups with alternatives that can match the same
 * text (`(a|a)*`, `(a|ab)+`) — the shapes behind exponential backtracking — and
 * backreferences. Lookarounds are refused too. Inputs tested are also capped in length.
 */
export function unsafeRegexReason(source: string): string | null {
  if (/\\[1-9]/.test(source) || /\\k</.test(source)) return "backreferences are not allowed";
  if (/\(\?<?[=!]/.test(source)) return "lookaround assertions are not allowed";
  // Walk groups: for each group, remember whether it contains a quantifier or an alternation.
  const stack: { quantified: boolean; alternation: boolean }[] = [{ quantified: false, alternation: false }];
  let i = 0;
  let inClass = false;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      i++;
      continue;
    }
    if (c === "(") {
      stack.push({ quantified: false, alternation: false });
      i++;
      if (source[i] === "?") i += source[i + 1] === "<" && source[i + 2] !== "=" && source[i + 2] !== "!" ? source.indexOf(">", i) - i + 1 : 2;
      continue;
    }
    if (c === "|") {
      stack[stack.length - 1]!.alternation = true;
      i++;
      continue;
    }
    if (c === ")") {
      const group = stack.pop() ?? { quantified: false, alternation: false };
      i++;
      const q = quantifierAt(source, i);
      if (q > 0) {
        if (group.quantified) return `nested quantifier at "${source.slice(0, i + q)}" can backtrack exponentially`;
        if (group.alternation) return `quantified alternation at "${source.slice(0, i + q)}" can backtrack exponentially`;
        i += q;
        stack[stack.length - 1]!.quantified = true;
      } else if (group.quantified) stack[stack.length - 1]!.quantified = true;
      continue;
    }
    const q = quantifierAt(source, i);
    if (q > 0) {
      stack[stack.length - 1]!.quantified = true;
      i += q;
      continue;
    }
    i++;
  }
  return null;
}

/** Length of a quantifier (`*`, `+`, `?`, `{n,m}`, with a lazy `?`) starting at i, or 0. */
function quantifierAt(s: string, i: number): number {
  const c = s[i];
  let len = 0;
  if (c === "*" || c === "+" || c === "?") len = 1;
  else if (c === "{") {
    const m = /^\{\d+(,\d*)?\}/.exec(s.slice(i));
    if (m) len = m[0].length;
  }
  if (len > 0 && s[i + len] === "?") len++;
  // `?` alone makes a group optional but cannot repeat it: not a repetition.
  if (c === "?") return 0;
  return len;
}

/** Strings longer than this are not matched by policy regexes (a second guard). */
export const MAX_MATCH_INPUT = 20_000;
