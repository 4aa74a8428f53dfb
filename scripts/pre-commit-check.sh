#!/usr/bin/env bash
# End-to-end check of the pre-commit hook (.pre-commit-hooks.yaml): `pre-commit try-repo` installs
# this repository the way pre-commit does for users (npm install, npm pack, npm install -g of the
# tarball — no build step, so the committed dist/ must work alone) and runs the hook on a bad
# Dockerfile (must fail) and a clean one (must pass). Skipped when pre-commit is not installed.
#
# try-repo only sees committed, staged and modified tracked files of a repository, not untracked
# ones, so the hook is tried from a snapshot of this working tree (tracked and untracked files,
# .gitignore respected) committed in a temporary repository.
#
# pre-commit's node language uses the system node and npm when both are on PATH (its default
# `language_version` is then `system`, set up by nodeenv without downloading anything).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

if ! command -v pre-commit >/dev/null 2>&1; then
  echo "pre-commit-check: skipped (pre-commit is not installed; apt-get install pre-commit)"
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="$tmp/cache"
export GIT_AUTHOR_NAME=isolint GIT_AUTHOR_EMAIL=isolint@example.invalid
export GIT_COMMITTER_NAME=isolint GIT_COMMITTER_EMAIL=isolint@example.invalid

# Snapshot of the hook repository as it is on disk.
snap="$tmp/isolint"
mkdir -p "$snap"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard) |
  (cd "$repo" && while IFS= read -r -d '' f; do
    [ -e "$f" ] || continue
    mkdir -p "$snap/$(dirname "$f")"
    cp -p "$f" "$snap/$f"
  done)
git -C "$snap" init -q
git -C "$snap" add -A
git -C "$snap" commit -q -m snapshot

# A project with one bad and one clean Dockerfile.
proj="$tmp/project"
mkdir -p "$proj/bad" "$proj/good"
printf 'FROM node:20\nRUN apt-get update && apt-get install -y openssh-server\nEXPOSE 22\nCMD ["node", "server.js"]\n' >"$proj/bad/Dockerfile"
printf 'FROM node:20.11-slim\nWORKDIR /app\nCOPY . .\nUSER node\nHEALTHCHECK CMD ["node", "healthcheck.js"]\nCMD ["node", "server.js"]\n' >"$proj/good/Dockerfile"
git -C "$proj" init -q
git -C "$proj" add -A
git -C "$proj" commit -q -m project

cd "$proj"
fail=0
if out=$(pre-commit try-repo "$snap" isolint --files bad/Dockerfile 2>&1); then
  echo "$out"
  echo "pre-commit-check: FAIL: the hook passed on bad/Dockerfile" >&2
  fail=1
elif ! grep -q "no-root-user" <<<"$out"; then
  echo "$out"
  echo "pre-commit-check: FAIL: the hook failed on bad/Dockerfile without reporting no-root-user" >&2
  fail=1
else
  echo "$out" | sed "s/^/  /"
  echo "pre-commit-check: ok: the hook fails on bad/Dockerfile"
fi
if out=$(pre-commit try-repo "$snap" isolint --files good/Dockerfile 2>&1); then
  echo "pre-commit-check: ok: the hook passes on good/Dockerfile"
else
  echo "$out"
  echo "pre-commit-check: FAIL: the hook failed on good/Dockerfile" >&2
  fail=1
fi
exit "$fail"
