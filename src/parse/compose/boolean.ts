/**
 * A boolean as Docker Compose reads one written as a string (`privileged: "on"`, `read_only: yes`
 * — a string in YAML 1.2, and after interpolation): y/yes/true/on and n/no/false/off, any case.
 * Anything else is not a boolean (the schema check reports it).
 */
export function composeBoolean(v: unknown): boolean | null {
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") return null;
  switch (v.toLowerCase()) {
    case "y":
    case "yes":
    case "true":
    case "on":
      return true;
    case "n":
    case "no":
    case "false":
    case "off":
      return false;
    default:
      return null;
  }
}
