#!/usr/bin/env bash
# Fails when the committed dist/ is not what `npm run build` makes from the sources: the GitHub
# Action and the pre-commit hook run dist/ as committed, without a build step.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run --silent build

status=0
if ! git diff --exit-code --stat -- dist; then
  echo "check-dist: dist/ differs from a fresh build (above). Run \`npm run build\` and commit dist/." >&2
  status=1
fi
untracked=$(git ls-files --others --exclude-standard -- dist)
if [ -n "$untracked" ]; then
  echo "check-dist: files in dist/ that a fresh build makes are not committed:" >&2
  echo "$untracked" | sed 's/^/  /' >&2
  status=1
fi
if [ "$status" -eq 0 ]; then
  echo "check-dist: dist/ is up to date"
fi
exit "$status"
