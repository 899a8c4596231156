#!/usr/bin/env bash
# Installs what building and testing git-mentor needs, from Debian's packages; does nothing when
# everything is already there. Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libgit2-dev libcli11-dev libyaml-cpp-dev libfmt-dev catch2
  nlohmann-json3-dev libre2-dev
  nodejs npm   # npm fetches the pinned grammar packages on the first build
  python3      # runs the differential test against ast-grep and the benchmarks
  python3-jsonschema   # validates --format sarif against the SARIF schema (tests/e2e)
  man-db dpkg-dev     # the install test: `git mentor --help` (man), `cpack -G DEB`
)

# --browser: also Debian's chromium, which only the HTML summary's browser test needs (that test
# runs this script itself when chromium is missing).
# --fuzz: also clang and its runtime libraries (libFuzzer, the sanitizers), which only the fuzz
# targets need (scripts/fuzz.sh runs this script with it).
case "${1:-}" in
  --browser) packages+=(chromium) ;;
  --fuzz) packages+=(clang libclang-rt-dev) ;;
esac

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
# npm may come with a Node.js that was not installed from Debian's packages.
if command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs/}")
  missing=("${missing[@]/npm/}")
fi
# Likewise a python3 installed by other means serves (only python3 itself: python3-jsonschema
# is still Debian's, for Debian's python3, which tests/support/validate_sarif.py falls back to).
if command -v python3 >/dev/null 2>&1; then
  for i in "${!missing[@]}"; do
    if [[ "${missing[i]}" == python3 ]]; then unset 'missing[i]'; fi
  done
fi
read -r -a missing <<<"${missing[*]}"
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
