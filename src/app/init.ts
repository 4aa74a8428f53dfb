/** The commented starter config `isolint init` writes: every option shown, all valid as written. */
export const STARTER_CONFIG = `# isolint configuration — https://github.com/isolint/isolint#configuration
# Validated against schemas/config.schema.json; an invalid config stops isolint with exit 2.

# Exit 1 when a finding is at or above this level: error | warning | info | never.
failOn: error

# Paths not to lint (micromatch globs, relative to this file). .git, node_modules and
# .gitignore'd paths are always skipped.
ignore:
  - "vendor/**"
  - "**/testdata/**"

# Rule severities: off | info | warning | error, or [severity, { options }].
# \`isolint rules\` lists every rule; \`isolint explain <rule>\` tells why it exists.
rules:
  read-only-root-filesystem: info
  cpu-limit: info
  # Allow binding published ports to these host IPs (loopback is always fine):
  bind-published-ports: [warning, { allowInterfaces: ["127.0.0.1"] }]

# Different settings for some files; later entries win.
overrides:
  - files: ["examples/**", "**/*.dev.yaml"]
    rules:
      no-root-user: warning
      memory-limit: off

# Which tenant owns the workloads of these files, when no isolint.tenant label says so.
# Workloads of two tenants on one kernel are reported by multi-tenant-requires-vm.
tenants: {}
#  acme: ["tenants/acme/**"]
#  globex: ["tenants/globex/**"]

# Your own rules, in the same format as the built-in rules/ folder (docs/rule-language.md).
policies: []
#  - "policies/*.yaml"

# Constants of \`isolint capacity\` (see docs/capacity.md), e.g. the guest OS size of a VM.
capacity: {}
#  guestOsBytes: 700000000

# Strict CI: ignore inline "# isolint-ignore" comments.
noInlineIgnores: false

# Files larger than this are skipped with a finding.
maxFileSize: 5MiB
`;
