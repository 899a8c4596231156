#!/usr/bin/env bash
# Two mentees over eight weeks, reviewed by one mentor: Ada improves, Sam repeats a bare
# `except:` in every commit. Builds the repository, records the findings, runs a review session
# (the three oldest of Sam's findings confirmed, the newest three left unreviewed, one of Ada's
# dismissed as moved code) and prints `review start`, `review close`, `log` and `summary`.
#
#   tests/scenarios/two_mentees.sh DIR [GIT_MENTOR]     (GIT_MENTOR defaults to build/git-mentor)
#
# docs/mentoring.md ("Reading a summary") explains the figures it shows.
set -euo pipefail
dir=${1:?usage: two_mentees.sh DIR [GIT_MENTOR]}
gm=$(realpath "${2:-$(dirname "$0")/../../build/git-mentor}")
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
git init -q -b main .
export GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1

mkdir -p .mentor
cat > .mentor/rules.yaml <<'RULES'
id: py-sql-format
language: python
severity: error
message: "SQL built with %: pass the values as parameters"
skill: security
files: ["app/db/**"]
lesson: Let the driver quote the values, `cursor.execute(sql, params)`.
rule:
  pattern: $C.execute($Q % $$$A)
RULES
printf 'rules: [builtin, .mentor/rules.yaml]\nmentees: ["*@example.org"]\n' > .git-mentor.yaml

jan1=1704067200  # 2024-01-01T00:00:00Z
stream=""
n=0
# commit NAME EMAIL DAY PATH CONTENT-FILE
commit() {
  local when=$((jan1 + $3 * 86400 + 36000))
  local content
  content=$(cat "$5")
  n=$((n + 1))
  local message="change $n by $1"
  local from=""
  ((n == 1)) && from=$'from refs/heads/main^0\n'
  stream+="commit refs/heads/main
author $1 <$2> $when +0000
committer $1 <$2> $when +0000
data ${#message}
$message
${from}M 100644 inline $4
data $(printf '%s\n' "$content" | wc -c)
$content
"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Ada: a bare except and a SQL query built with % in her first weeks, then clean code.
ada=(Ada ada@example.org)
py=$tmp/ada.py
printf 'import logging\nlog = logging.getLogger(__name__)\n' > "$py"
for week in 0 1 2 3 4 5 6 7; do
  if ((week < 2)); then
    printf '\ndef load_%s(path):\n    try:\n        return open(path).read()\n    except:\n        return "%s"\n' "$week" "$week" >> "$py"
  else
    printf '\ndef load_%s(path):\n    try:\n        with open(path) as f:\n            return f.read()\n    except OSError:\n        log.exception("cannot read %%s", path)\n        return None\n' "$week" >> "$py"
  fi
  commit "${ada[@]}" $((week * 7)) app/ada.py "$py"
  if ((week == 1)); then
    printf 'def find(cursor, name):\n    cursor.execute("SELECT * FROM users WHERE name = %%s" %% name)\n' > "$tmp/db.py"
    commit "${ada[@]}" $((week * 7 + 1)) app/db/users.py "$tmp/db.py"
  fi
done

# Sam: a bare except in every one of his commits.
sam=(Sam sam@example.org)
py=$tmp/sam.py
printf 'import json\n' > "$py"
for week in 0 1 2 3 4 5; do
  printf '\ndef parse_%s(text):\n    try:\n        return json.loads(text)\n    except:\n        return {"week": %s}\n' "$week" "$week" >> "$py"
  commit "${sam[@]}" $((week * 7 + 3)) app/sam.py "$py"
done

git add .git-mentor.yaml .mentor
GIT_AUTHOR_DATE="$jan1 +0000" GIT_COMMITTER_DATE="$jan1 +0000" \
  git -c user.name=Maya -c user.email=maya@example.net commit -q -m "Mentoring rules"
base=$(git rev-parse HEAD)
printf '%s' "$stream" | git fast-import --quiet
git reset -q --hard main
git config user.name Maya
git config user.email maya@example.net

"$gm" check --record -q "$base..HEAD" >/dev/null || true
echo "\$ git mentor review start $base..HEAD   (abridged)"
"$gm" review start "$base..HEAD" > "$tmp/start.txt"
head -1 "$tmp/start.txt"
tail -1 "$tmp/start.txt"

ids() {  # review ids of RULE by AUTHOR-EMAIL, oldest commit first
  "$gm" review list --format json | python3 -c '
import json, subprocess, sys
data = json.load(sys.stdin)
order = subprocess.run(["git", "rev-list", "--reverse", "HEAD"], capture_output=True, text=True).stdout.split()
found = [f for f in data["findings"] if f["rule"] == sys.argv[1] and sys.argv[2] in f["author"]]
found.sort(key=lambda f: order.index(f["commit"]))
print(" ".join(f["short_id"] for f in found))' "$1" "$2"
}
read -r -a sam_ids <<< "$(ids py-bare-except sam@example.org)"
read -r -a ada_ids <<< "$(ids py-bare-except ada@example.org)"
read -r -a sql_ids <<< "$(ids py-sql-format ada@example.org)"
echo "\$ git mentor review confirm (Sam's three oldest bare excepts, Ada's first one and her SQL)"
"$gm" review confirm "${sam_ids[@]:0:3}" "${ada_ids[0]}" "${sql_ids[@]}"
attribution=()  # git-mentor versions with --not-the-mentees keep it out of the rule's health
if "$gm" review dismiss --help | grep -q -- --not-the-mentees; then attribution=(--not-the-mentees); fi
echo "\$ git mentor review dismiss ${ada_ids[1]} ${attribution[*]} --note 'moved from the old loader, not hers'"
"$gm" review dismiss "${ada_ids[1]}" "${attribution[@]}" --note "moved from the old loader, not hers"
echo "\$ git mentor review close --note 'Ada: good progress. Sam: name the exceptions you expect.'"
"$gm" review close --note "Ada: good progress. Sam: name the exceptions you expect."
echo "\$ git mentor log --mentee sam@example.org   (the newest commit)"
"$gm" log --mentee sam@example.org | head -5
echo "\$ git mentor summary"
"$gm" summary
