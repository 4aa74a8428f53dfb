/**
 * The `.env` file Compose reads for interpolation: `KEY=value` lines, optional `export `,
 * single quotes (literal), double quotes (with \n, \t, \\ and \" escapes), `#` comments.
 * Later definitions win; `${OTHER}` inside unquoted or double-quoted values is expanded
 * with what was defined above, as Compose does.
 */
import { splitLines } from "../text.js";
import { interpolate } from "./interpolate.js";

export function parseDotenv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("export ")) line = line.slice(7).trimStart();
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) continue;
    let rest = line.slice(eq + 1).trimStart();
    let value: string;
    if (rest.startsWith("'")) {
      const close = rest.indexOf("'", 1);
      value = close < 0 ? rest.slice(1) : rest.slice(1, close);
    } else if (rest.startsWith('"')) {
      // Double-quoted values may span lines.
      let body = rest.slice(1);
      while (!/(^|[^\\])"/.test(body) && i + 1 < lines.length) body += "\n" + lines[++i];
      const close = body.search(/(^|[^\\])"/);
      const raw = close < 0 ? body : body.slice(0, close + (body[close] === '"' ? 0 : 1));
      value = interpolate(raw.replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\"/g, '"').replace(/\\\\/g, "\\"), vars).value;
    } else {
      const hash = rest.search(/\s#/);
      if (hash >= 0) rest = rest.slice(0, hash);
      value = interpolate(rest.trim(), vars).value;
    }
    vars.set(key, value);
  }
  return vars;
}
