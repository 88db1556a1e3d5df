#!/usr/bin/env bash
# Conformance checked by tools nobody here wrote (issue #12):
#  1. schemathesis (PyPI, pinned) fuzzes vook-mock serving each spec the repository
#     ships, against that spec's exported OpenAPI document;
#  2. Prism (npm, pinned) serves the exported Vook document, and the generated client
#     calls every endpoint for its success and every documented error status
#     (vook-demo's `prism_check`), while Prism flags any request that breaks the document.
# Needs python3 (venv, pip), node and npm, and the package registries. Tools are
# installed under target/conformance/ by this script; nothing is installed globally.
# Checks that do not apply to vook-mock are listed in docs/conformance.md, with why.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
PRISM_VERSION=5.16.0
work=target/conformance
mkdir -p "$work"

echo "== conformance: installing schemathesis $SCHEMATHESIS_VERSION and Prism $PRISM_VERSION"
if ! "$work/venv/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  rm -rf "$work/venv"
  if ! python3 -m venv "$work/venv"; then
    # Debian's python3 has venv (and ensurepip) in a package of its own.
    echo "python3 -m venv failed; installing python3-venv with apt-get"
    rm -rf "$work/venv"
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    /usr/bin/python3 -m venv "$work/venv"
  fi
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
prism="$work/prism/node_modules/.bin/prism"
if ! [ -x "$prism" ] || ! "$prism" --version 2>/dev/null | grep -q "$PRISM_VERSION"; then
  mkdir -p "$work/prism"
  (cd "$work/prism" && npm install --silent --no-audit --no-fund --loglevel=error \
    "@stoplight/prism-cli@$PRISM_VERSION" >/dev/null)
fi

# `--bin` filters every package's targets: name each binary, xtask's too.
cargo build --quiet --locked -p vook-mock --bin vook-mock -p vook-demo --bin prism_check -p xtask --bin xtask
mock=target/debug/vook-mock

pids=()
# Specs being fuzzed: job pid -> spec name.
declare -A job_name=()
cleanup() {
  for p in "${pids[@]}" "${!job_name[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

# Starts vook-mock on a free port for spec $1 (logs named $2), accepting key $3;
# sets $base_url.
start_mock() {
  local log="$work/mock-$2.log"
  "$mock" --spec "$1" --port 0 --key "$3" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    base_url=$(sed -n 's/^base URL: //p' "$log")
    [ -n "$base_url" ] && return 0
    sleep 0.1
  done
  echo "vook-mock did not start for $1:"; cat "$log"; return 1
}

# Writes a schemathesis config for document $1 into file $2 and prints the key the
# mock is to accept: every check on, except those
# docs/conformance.md names as not applicable: positive_data_acceptance on operations
# with an opaque cursor parameter (a random string is not a cursor the server handed
# out), ensure_resource_availability where creations take an Idempotency-Key (a
# replayed creation answers with a resource a later step may have deleted). The
# checks are switched on here, not with `--checks all`: checks named on the command
# line win over the config's `enabled = false`.
write_config() {
  python3 - "$1" "$2" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
out = open(sys.argv[2], "w")
def emit(text=""):
    print(text, file=out)
cursor_params = {"cursor", "page_token", "after", "starting_after"}
# A status the document lists as an error response is the API's own way of refusing
# a request (a spec may, say, answer validation errors with 418): it counts as a
# rejection of negative data, beside schemathesis' defaults.
statuses = {"400", "401", "403", "404", "405", "406", "409", "415", "422", "428", "429", "5xx"}
for item in doc.get("paths", {}).values():
    for op in item.values():
        if isinstance(op, dict):
            statuses |= {s for s in op.get("responses", {}) if s.startswith("4")}
def parameter(p):
    """A parameter, its `#/components/parameters/...` reference followed."""
    ref = p.get("$ref", "")
    if ref.startswith("#/components/parameters/"):
        return doc.get("components", {}).get("parameters", {}).get(ref.rsplit("/", 1)[-1], {})
    return p
idempotent_creations = any(
    method == "post"
    and any(parameter(p).get("in") == "header"
            and parameter(p).get("name", "").lower() == "idempotency-key"
            for p in op.get("parameters", []))
    for item in doc.get("paths", {}).values() for method, op in item.items() if isinstance(op, dict))
emit("[checks]\nenabled = true\n")
if idempotent_creations:
    emit("[checks.ensure_resource_availability]\nenabled = false\n")
emit("[checks.negative_data_rejection]")
emit("expected-statuses = [" + ", ".join(f'"{s}"' for s in sorted(statuses)) + "]\n")
for path, item in doc.get("paths", {}).items():
    for method, op in item.items():
        if not isinstance(op, dict) or "operationId" not in op:
            continue
        names = {parameter(p).get("name") for p in op.get("parameters", [])
                 if parameter(p).get("in") == "query"}
        # A declared `paginate` names its cursor (under its wire name, which may be
        # any); other list endpoints use the mock's conventional names.
        # schemathesis 4.32.5's coverage phase adds a field `x-schemathesis-additional`
        # to form bodies although their schema is closed, and counts the mock's refusal
        # as a valid request rejected (docs/conformance.md).
        form = "application/x-www-form-urlencoded" in op.get("requestBody", {}).get("content", {})
        if names & cursor_params or "x-vook-paginate" in op or form:
            emit(f'[[operations]]\ninclude-operation-id = "{op["operationId"]}"\n'
                 'checks.positive_data_acceptance.enabled = false\n')
# The credentials, where the document's security scheme puts them; the mock is
# started with the matching key (Basic: `user:password`).
user, secret = "conformance", "conformance-key"
key = secret
for name, scheme in doc.get("components", {}).get("securitySchemes", {}).items():
    emit(f"[auth.openapi.{name}]")
    if scheme.get("type") == "apiKey":
        emit(f'api_key = "{secret}"\n')
    elif scheme.get("scheme") == "basic":
        emit(f'username = "{user}"\npassword = "{secret}"\n')
        key = f"{user}:{secret}"
    else:
        emit(f'bearer = "{secret}"\n')
print(key)
PY
}

# Python before 3.13 can fail ast.parse when two threads parse at once
# ("SystemError: AST constructor recursion depth mismatch", CPython gh-106905), which
# Hypothesis does when schemathesis runs several workers: there, one worker.
workers=2
if ! "$work/venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 13))'; then
  workers=1
fi

# Fuzzes spec $1 (its files in $work named $2); its report goes to $work/$2.result.
# Runs in a subshell of its own (two specs at a time), with its own mock.
fuzz_spec() {
  local spec=$1 name=$2 doc="$work/$2.openapi.json" out="$work/$2.result"
  local examples=$EXAMPLES seconds=$SECONDS_PER_SPEC key status=0
  if [ "$name" = vook ]; then examples=$VOOK_EXAMPLES; seconds=$VOOK_SECONDS; fi
  target/debug/xtask openapi --spec "$spec" --out "$doc" >/dev/null
  if ! python3 -c "import json,sys; sys.exit(0 if json.load(open('$doc')).get('paths') else 1)"; then
    echo "-- $spec: no endpoints, nothing to fuzz" >"$out"
    return 0
  fi
  key=$(write_config "$doc" "$work/$name.schemathesis.toml")
  start_mock "$spec" "$name" "$key"
  trap 'kill "${pids[-1]}" 2>/dev/null || true' EXIT
  trap 'exit 1' TERM INT
  echo "-- schemathesis: $spec ($examples examples per operation, at most ${seconds}s)" >"$out"
  if ! "$work/venv/bin/schemathesis" --config-file "$work/$name.schemathesis.toml" run "$doc" \
      --url "$base_url" \
      --max-examples "$examples" --max-time "$seconds" --seed 7 --workers "$workers" \
      --suppress-health-check=filter_too_much,data_too_large \
      --no-color >"$work/$name.schemathesis.log" 2>&1; then
    status=1
    echo "schemathesis found failures for $spec:" >>"$out"
    awk '/ERRORS|FAILURES|Failures:/ { on = 1 } on && n++ < 80' "$work/$name.schemathesis.log" >>"$out"
  else
    { grep -E "generated" "$work/$name.schemathesis.log" | tail -1
      grep -E "No issues found in|warnings? in" "$work/$name.schemathesis.log" | tail -1; } >>"$out"
  fi
  return "$status"
}

# Bounds per spec (examples per operation and phase, and wall time): the whole script
# stays within about 8 minutes on 2 idle cores (docs/conformance.md has the figures).
VOOK_EXAMPLES=60 VOOK_SECONDS=90 EXAMPLES=15 SECONDS_PER_SPEC=20
# Two specs at a time: schemathesis (one worker) and the mock use one core between them.
parallel=2

failed=0
# Each spec the mock serves: the product's own, the valid corpus, the real APIs' specs and the golden cases.
# Specs named as arguments are fuzzed instead (`bash .ci/conformance.sh tests/specs/valid/x.yaml`).
specs=(schema/vook.yaml tests/specs/valid/*.yaml tests/specs/real/*.yaml tests/golden/*.yaml)
if [ "$#" -gt 0 ]; then specs=("$@"); fi
# Waits for one spec's job and prints its report.
reap() {
  local pid status=0
  wait -n -p pid || status=$?
  cat "$work/${job_name[$pid]}.result"
  unset "job_name[$pid]"
  if [ "$status" -ne 0 ]; then failed=1; fi
}
for spec in "${specs[@]}"; do
  # Named after the whole path: two folders may hold specs of one base name
  # (tests/specs/valid/wire_form.yaml, tests/golden/wire_form.yaml), and two jobs run at once.
  name=$(echo "${spec%.yaml}" | sed 's|^tests/||; s|[/.]|-|g')
  [ "$spec" = schema/vook.yaml ] && name=vook
  while [ "${#job_name[@]}" -ge "$parallel" ]; do reap; done
  fuzz_spec "$spec" "$name" &
  job_name[$!]=$name
done
while [ "${#job_name[@]}" -gt 0 ]; do reap; done

echo "-- Prism $PRISM_VERSION serving the exported Vook document; the generated client calls it"
target/debug/xtask openapi --out "$work/vook.openapi.json" >/dev/null
# A free port, chosen by the OS (another run on this machine may hold 4010).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$prism" mock "$work/vook.openapi.json" --host 127.0.0.1 --port "$port" --errors >"$work/prism.log" 2>&1 &
pids+=($!)
# Node starts slowly on a loaded 2-core machine: up to 120 s.
for _ in $(seq 1 1200); do
  grep -q "Prism is listening" "$work/prism.log" && break
  sleep 0.1
done
grep -q "Prism is listening" "$work/prism.log" || { echo "Prism did not start:"; cat "$work/prism.log"; exit 1; }
if ! target/debug/prism_check "http://127.0.0.1:$port"; then
  failed=1
fi
if grep -iE "violation|\[VALIDATOR\].*(error|✖)" "$work/prism.log"; then
  echo "Prism flagged requests of the generated client (above)"
  failed=1
fi

if [ "$failed" -ne 0 ]; then
  echo "conformance: FAILED"
  exit 1
fi
echo "conformance: every spec fuzzed by schemathesis without failures; the client passed Prism"
