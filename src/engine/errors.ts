/** An invalid config or policy: exit 2 with the file, line, key path and reason. */
export class ConfigError extends Error {}
