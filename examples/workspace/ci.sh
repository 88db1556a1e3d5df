#!/usr/bin/env bash
# CI of this workspace: formatting, the generated client is what the spec
# generates, what the spec change since the previous commit does to it, and the tests.
#
#   ./ci.sh                    # diff against HEAD~1
#   DIFF_BASE=origin/main ./ci.sh
#   STRICT_DIFF=1 ./ci.sh      # also fail when the spec change is breaking
#
# A breaking spec change does not fail this script by default: the diff is for
# the reviewer, and the build below is what proves the workspace handles it
# (every wildcard-free `match` that misses a new code stops compiling). A bad
# spec on either side (exit 2) fails.
set -euo pipefail
cd "$(dirname "$0")"

spec=spec/shelf.yaml
base="${DIFF_BASE:-HEAD~1}"

echo "== cargo fmt --check (the generated client opts out: it is prettyplease output)"
cargo fmt --all -- --check

echo "== cargo xtask regen --check"
cargo xtask regen --check

echo "== cargo xtask diff --git $base $spec"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "diff: not a git checkout: nothing to compare against; skipped"
elif ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
    echo "diff: no revision $base (the first commit, or a shallow clone): nothing to compare against; skipped"
elif ! git -C "$(dirname "$spec")" cat-file -e "$base:./$(basename "$spec")" 2>/dev/null; then
    echo "diff: $spec does not exist at $base (a new spec): nothing to compare against; skipped"
else
    status=0
    cargo xtask diff --git "$base" "$spec" || status=$?
    case "$status" in
        0) ;;
        1)
            if [ -n "${STRICT_DIFF:-}" ]; then
                echo "diff: the spec change is breaking (STRICT_DIFF is set)" >&2
                exit 1
            fi
            echo "diff: the spec change is breaking; the build below shows whether this workspace handles it"
            ;;
        *) exit "$status" ;;
    esac
fi

echo "== cargo test"
cargo test --workspace --locked
