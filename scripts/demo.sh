#!/usr/bin/env bash
# A 30-second tour: builds a throw-away repository where a mentee commits on top of a mentor's
# project, then reviews the mentee's commits with git-mentor's bundled rules.
#   scripts/demo.sh [PATH-TO-GIT-MENTOR]   default: build/git-mentor
#   KEEP=1 scripts/demo.sh                 keep the demo repository and print where it is
# Exits 0 when the review ran (findings are expected), 2 when git-mentor reports an error.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/git-mentor}
if [[ ! -x $bin ]]; then
  echo "demo: no git-mentor binary at $bin (build it with scripts/build.sh)" >&2
  exit 2
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/git-mentor-demo.XXXXXX")
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  if [[ ${KEEP:-0} == 1 ]]; then
    echo "demo: kept the demo repository in $tmp/project"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

# Isolate git from the user's configuration; identities come from the environment.
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp XDG_CONFIG_HOME=$tmp/.config
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
repo=$tmp/project
tick=1700000000

# commit AS MESSAGE: commits everything in the work tree as AS (mentor or mentee).
commit() {
  local name email
  case $1 in
    mentor) name="Mentor Example" email="mentor@example.com" ;;
    mentee) name="Mentee Example" email="mentee@example.com" ;;
  esac
  tick=$((tick + 3600))
  git -C "$repo" add -A
  GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email GIT_AUTHOR_DATE="@$tick +0000" \
    GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email GIT_COMMITTER_DATE="@$tick +0000" \
    git -C "$repo" commit -q -m "$2"
}

echo "== 1. The mentor's project: a small Python service and a JavaScript cart (one commit)"
mkdir -p "$repo/app" "$repo/web"
git -c init.defaultBranch=main init -q "$repo"

cat >"$repo/app/inventory.py" <<'EOF'
"""A tiny inventory service."""
import json


def load_items(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def total_price(items):
    return sum(item["price"] * item["qty"] for item in items)


def find_item(items, name):
    for item in items:
        if item["name"] == name:
            return item
    return None
EOF

# formatPrice is old code with a `var` in it; the mentee will only move it.
cat >"$repo/web/cart.js" <<'EOF'
const TAX_RATE = 0.2;

function formatPrice(value) {
  var rounded = Math.round(value * 100) / 100;
  return "$" + rounded.toFixed(2);
}

function subtotal(cart) {
  return cart.reduce((sum, line) => sum + line.price * line.qty, 0);
}

function total(cart) {
  return subtotal(cart) * (1 + TAX_RATE);
}

module.exports = { formatPrice, subtotal, total };
EOF
commit mentor "Inventory service and shopping cart"
base=$(git -C "$repo" rev-parse HEAD)

echo "== 2. The mentee commits four times:"
echo "   a. Python: SKU lookup and a report export (== None, open() without with, bare except)"
cat >>"$repo/app/inventory.py" <<'EOF'


def find_by_sku(items, sku):
    for item in items:
        if item.get("sku") == None:
            continue
        if item["sku"] == sku:
            return item
    return None


def export_report(items, path):
    out = open(path, "w")
    try:
        out.write(json.dumps(items))
    except:
        print("could not write the report")
    out.close()
EOF
commit mentee "Add SKU lookup and report export"

echo "   b. JavaScript: discount codes (var, console.log, == instead of ===)"
cat >"$repo/web/discount.js" <<'EOF'
const { total } = require("./cart");

function applyDiscount(cart, code) {
  var discount = 0;
  console.log("applying code", code);
  if (code == "WELCOME10") {
    discount = 0.1;
  }
  return total(cart) * (1 - discount);
}

module.exports = { applyDiscount };
EOF
commit mentee "Add discount codes"

echo "   c. JavaScript: shipping helpers (optional chaining, to praise; parseInt without radix)"
cat >"$repo/web/shipping.js" <<'EOF'
function shippingCity(order) {
  return order.customer?.address?.city ?? "unknown";
}

function parcelCount(text) {
  return parseInt(text);
}

module.exports = { shippingCity, parcelCount };
EOF
commit mentee "Add shipping helpers"

echo "   d. JavaScript: only moves formatPrice (with its old var) below total - not the mentee's"
cat >"$repo/web/cart.js" <<'EOF'
const TAX_RATE = 0.2;

function subtotal(cart) {
  return cart.reduce((sum, line) => sum + line.price * line.qty, 0);
}

function total(cart) {
  return subtotal(cart) * (1 + TAX_RATE);
}

function formatPrice(value) {
  var rounded = Math.round(value * 100) / 100;
  return "$" + rounded.toFixed(2);
}

module.exports = { formatPrice, subtotal, total };
EOF
commit mentee "Move formatPrice next to its callers"
git -C "$repo" log --format='   %h %an: %s' "$base..HEAD"

# run ARGS...: runs git-mentor; stops the demo on exit code 2 (an error), accepts 0 and 1.
run() {
  local status=0
  "$bin" -C "$repo" "$@" || status=$?
  if ((status >= 2)); then
    echo "demo: git-mentor failed with exit code $status" >&2
    exit "$status"
  fi
  return 0
}

echo
echo "============================================================"
echo " git-mentor demo: reviewing the mentee's commits ${base:0:7}..HEAD"
echo "============================================================"
echo "== 3. git mentor check: findings on lines the mentee introduced, with the rule id;"
echo "      the moved formatPrice is not reported (its code already existed in the parent)"
echo "\$ git mentor check ${base:0:7}..HEAD"
run check "$base..HEAD"

echo
echo "== 4. The same review as JSON, for scripts and CI (first 600 bytes)"
echo "\$ git mentor check ${base:0:7}..HEAD --format json | head -c 600"
json_file=$tmp/findings.json
run check "$base..HEAD" --format json >"$json_file"
head -c 600 "$json_file"
echo
echo
echo "== Next: 'git mentor rules explain py-bare-except' prints a rule's lesson."
exit 0
