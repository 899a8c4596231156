// git mentor practice [check]: exercises cut from a mentee's own recurring mistakes in real
// histories over weeks (exact author dates), checked with the same rule, the attempts read back
// from the notes and counted by `summary` and `log`.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "e2e/check_fixture.hpp"
#include "e2e/history_fixture.hpp"

namespace mentor::test {

namespace fs = std::filesystem;

namespace {

// `check --record` of each of `ids`.
std::vector<std::string> record_args(const std::string& dir, const std::vector<std::string>& ids) {
  std::vector<std::string> args{"-C", dir, "check", "--record", "-q", "--fail-on", "never"};
  args.insert(args.end(), ids.begin(), ids.end());
  return args;
}

const std::string kEmail = kMentee.email;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void spit(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// The mentee's app.py over four weeks, with the bundled rules: open() outside `with`
// (py-open-without-with, resource-management) in a function in the commits of days 0, 7 and
// 14; a bare `except:` (py-bare-except, error-handling) on days 7 and 14; day 21 is clean. So
// both rules recur in at least 2 commits, and the newest open() is in read_log (day 14).
struct PracticeFixture {
  TestRepo repo;
  std::string dir = repo.path().string();
  std::vector<std::string> ids;

  explicit PracticeFixture(unsigned recurring = 2) {
    const std::string load =
        "import json\n\n\ndef load_config(path):\n    f = open(path)\n    data = json.load(f)\n"
        "    f.close()\n    return data\n";
    const std::string names =
        "\n\ndef read_names(path):\n    names = open(path).read().split()\n    try:\n"
        "        return sorted(names)\n    except:\n        return []\n";
    const std::string log =
        "\n\nclass Reader:\n    def read_log(self, path):\n        handle = open(path)\n"
        "        return handle.readlines()\n\n    def parse(self, text):\n        try:\n"
        "            return int(text)\n        except:\n            return 0\n";
    const std::string config = "summary:\n  recurring: " + std::to_string(recurring) + "\n";
    ids = import_history(
        repo, {{kMentee.name, kEmail, 0, {{"app.py", load}, {".git-mentor.yaml", config}}},
               {kMentee.name, kEmail, 7, {{"app.py", load + names}}},
               {kMentee.name, kEmail, 14, {{"app.py", load + names + log}}},
               {kMentee.name, kEmail, 21, {{"app.py", load + names + log + "\nX = 1\n"}}}});
    MentorRun record = run_in_process(record_args(dir, ids));
    INFO(record.out << record.err);
    REQUIRE(record.code == 0);
  }

  fs::path practice() const { return repo.path() / "mentor-practice"; }
  fs::path exercise(const std::string& rule, std::size_t commit) const {
    return practice() / (rule + "-" + ids[commit].substr(0, 8));
  }
};

// The JSON lines of type practice in the note of `commit` in refs/notes/mentor-reviews.
std::vector<nlohmann::json> practice_lines(TestRepo& repo, const std::string& commit) {
  std::istringstream lines(repo.git({"notes", "--ref", "mentor-reviews", "show", commit}));
  std::vector<nlohmann::json> out;
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json json = nlohmann::json::parse(line);
    if (json["type"] == "practice")
      out.push_back(json);
  }
  return out;
}

}  // namespace

TEST_CASE("practice: the mentee's own function, failed untouched, passed once fixed, counted",
          "[e2e][practice]") {
  PracticeFixture fx;
  MentorRun run = run_in_process({"-C", fx.dir, "practice", "--rule", "py-open-without-with"});
  INFO(run.out << run.err);
  REQUIRE(run.code == 0);
  const fs::path folder = fx.exercise("py-open-without-with", 2);
  CHECK(run.out ==
        "wrote mentor-practice/py-open-without-with-" + fx.ids[2].substr(0, 8) +
            "/exercise.py: py-open-without-with (resource-management), a mistake in 3 of your "
            "commits\n  your own code: app.py:21 in commit " +
            fx.ids[2].substr(0, 12) +
            " (the mistake is on line 2)\n1 exercise written; read README.md in each, fix the "
            "code, then run `git mentor practice check`\n");
  // Again (through the binary): the folder exists, so it is skipped.
  run = run_binary({"-C", fx.dir, "practice", "--rule", "py-open-without-with"});
  CHECK(run.code == 0);
  CHECK(run.out.find("skipped mentor-practice/py-open-without-with-" + fx.ids[2].substr(0, 8) +
                     ": it exists (an attempt in progress)") != std::string::npos);
  const std::string original =
      "def read_log(self, path):\n    handle = open(path)\n    return handle.readlines()\n";
  CHECK(slurp(folder / "exercise.py") == original);
  CHECK(slurp(fx.practice() / ".gitignore") == "*\n");
  const std::string readme = slurp(folder / "README.md");
  CHECK(readme.find("# Practice: py-open-without-with (resource-management)\n\n**open\\(path\\) "
                    "outside a \\`with\\` statement") == 0);
  CHECK(readme.find("is your own code: `app.py` line 21 in commit " + fx.ids[2].substr(0, 12)) !=
        std::string::npos);
  CHECK(readme.find("It found it in 3 of your commits. The mistake is on line 2") !=
        std::string::npos);
  CHECK(readme.find("git mentor practice check") != std::string::npos);
  CHECK(readme.find("## The lesson\n\nA file object returned by `open()`") != std::string::npos);
  const nlohmann::json meta = nlohmann::json::parse(slurp(folder / "exercise.json"));
  CHECK(meta["rule"] == "py-open-without-with");
  CHECK(meta["skill"] == "resource-management");
  CHECK(meta["language"] == "python");
  CHECK(meta["mentee"] == kEmail);
  CHECK(meta["from"] == "own-code");
  CHECK(meta["source"]["commit"] == fx.ids[2]);
  CHECK(meta["source"]["path"] == "app.py");
  CHECK(meta["source"]["line"] == 21);
  // The exercise is ignored: git sees nothing new.
  CHECK(fx.repo.git({"status", "--porcelain"}).empty());

  // Untouched: it still makes the mistake.
  MentorRun untouched = run_in_process({"-C", fx.dir, "practice", "check"});
  INFO(untouched.out << untouched.err);
  CHECK(untouched.code == 1);
  CHECK(untouched.out ==
        "FAIL mentor-practice/py-open-without-with-" + fx.ids[2].substr(0, 8) +
            " [py-open-without-with]: still matches line 2: open(path) outside a `with` "
            "statement: the file may never be closed\n0 of 1 passed; recorded in "
            "refs/notes/mentor-reviews\n");

  // Fixed with `with`: passes, and the praise rule of the skill fires.
  spit(folder / "exercise.py",
       "def read_log(self, path):\n    with open(path) as handle:\n        return "
       "handle.readlines()\n");
  MentorRun fixed = run_in_process({"-C", fx.dir, "practice", "check"});
  INFO(fixed.out << fixed.err);
  CHECK(fixed.code == 0);
  CHECK(fixed.out.find(
            "PASS mentor-practice/py-open-without-with-" + fx.ids[2].substr(0, 8) +
            " [py-open-without-with]: the mistake is gone; praise: 1 (py-with-open)\n") == 0);

  // Both attempts are in the note of the commit the exercise came from.
  std::vector<nlohmann::json> lines = practice_lines(fx.repo, fx.ids[2]);
  REQUIRE(lines.size() == 2);
  int passed = 0;
  for (const auto& line : lines) {
    CHECK(line["rule"] == "py-open-without-with");
    CHECK(line["skill"] == "resource-management");
    CHECK(line["mentee"] == kEmail);
    CHECK(line["exercise"] == meta["id"]);
    CHECK(line["commit"] == fx.ids[2]);
    CHECK(line["by"] == kMentee.name + " <" + kEmail + ">");
    if (line["passed"] == true) {
      ++passed;
      CHECK(line["praise"] == 1);
    } else {
      CHECK(line["reason"].get<std::string>().find("still matches line 2") == 0);
    }
  }
  CHECK(passed == 1);

  // The summary counts them per skill, in every format.
  MentorRun json = run_mentor({"-C", fx.dir, "summary", "--format", "json"});
  INFO(json.err);
  REQUIRE(json.code == 0);
  const nlohmann::json practice = nlohmann::json::parse(json.out)["practice"];
  REQUIRE(practice.size() == 1);
  CHECK(practice[0]["mentee"] == kEmail);
  CHECK(practice[0]["skill"] == "resource-management");
  CHECK(practice[0]["attempts"] == 2);
  CHECK(practice[0]["passed"] == 1);
  CHECK(practice[0]["exercises"] == 1);
  CHECK(practice[0]["praise"] == 1);
  MentorRun text = run_mentor({"-C", fx.dir, "summary"});
  CHECK(text.out.find("\nPractice (exercises from recurring mistakes: git mentor practice)\n  "
                      "Mentee Example <mentee@example.com>: resource-management: 2 attempts at 1 "
                      "exercise, 1 passed, praise 1\n") != std::string::npos);
  MentorRun markdown = run_mentor({"-C", fx.dir, "summary", "--format", "markdown"});
  CHECK(markdown.out.find("| Mentee Example &lt;mentee@example\\.com&gt; | resource\\-management | "
                          "2 | 1 | 1 | 1 |") != std::string::npos);
  MentorRun html = run_mentor({"-C", fx.dir, "summary", "--format", "html"});
  CHECK(html.out.find("<section id=\"practice\">") != std::string::npos);

  // `log` shows them beside the commit.
  MentorRun log = run_mentor({"-C", fx.dir, "log"});
  const std::string line = "  practised: py-open-without-with passed (2 attempts) [exercise " +
                           meta["id"].get<std::string>() + "]\n";
  const auto at = log.out.find(line);
  REQUIRE(at != std::string::npos);
  CHECK(log.out.rfind(fx.ids[2].substr(0, 12), at) != std::string::npos);
  CHECK(log.out.rfind(fx.ids[3].substr(0, 12), at) == std::string::npos);
}

TEST_CASE("practice check: a fix with a syntax error or no change fails", "[e2e][practice]") {
  PracticeFixture fx;
  REQUIRE(run_in_process({"-C", fx.dir, "practice"}).code == 0);
  // Both recurring rules; the bare except of day 14 is in Reader.parse.
  const fs::path bare = fx.exercise("py-bare-except", 2);
  CHECK(slurp(bare / "exercise.py") ==
        "def parse(self, text):\n    try:\n        return int(text)\n    except:\n        return "
        "0\n");
  spit(bare / "exercise.py", "def parse(self, text):\n    x = 1\n    return int(text))\n");
  const fs::path open = fx.exercise("py-open-without-with", 2);
  spit(open / "exercise.py", "\n\n");
  MentorRun check = run_in_process({"-C", fx.dir, "practice", "check"});
  INFO(check.out << check.err);
  CHECK(check.code == 1);
  CHECK(check.out.find("FAIL mentor-practice/py-bare-except-" + fx.ids[2].substr(0, 8) +
                       " [py-bare-except]: does not parse: line 3:") != std::string::npos);
  CHECK(check.out.find("FAIL mentor-practice/py-open-without-with-" + fx.ids[2].substr(0, 8) +
                       " [py-open-without-with]: the file is empty") != std::string::npos);
  CHECK(practice_lines(fx.repo, fx.ids[2]).size() == 2);

  // One exercise named: only it is checked; a folder that is no exercise is an error (exit 2).
  spit(bare / "exercise.py", "def parse(self, text):\n    return int(text)\n");
  MentorRun one = run_in_process({"-C", fx.dir, "practice", "check",
                                  "mentor-practice/py-bare-except-" + fx.ids[2].substr(0, 8)});
  CHECK(one.code == 0);
  CHECK(one.out.find("1 of 1 passed") != std::string::npos);
  MentorRun none = run_in_process({"-C", fx.dir, "practice", "check", "app.py"});
  CHECK(none.code == 2);
  CHECK(none.err.find("error: app.py: ") != std::string::npos);
}

TEST_CASE("practice: filters, and nothing recurring writes nothing", "[e2e][practice]") {
  PracticeFixture fx;
  MentorRun skill = run_in_process({"-C", fx.dir, "practice", "--skill", "error-handling"});
  INFO(skill.out << skill.err);
  REQUIRE(skill.code == 0);
  CHECK(fs::exists(fx.exercise("py-bare-except", 2) / "exercise.py"));
  CHECK_FALSE(fs::exists(fx.exercise("py-open-without-with", 2)));
  MentorRun unknown = run_in_process({"-C", fx.dir, "practice", "--skill", "error-handlin"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("did you mean 'error-handling'") != std::string::npos);
  MentorRun count = run_in_process({"-C", fx.dir, "practice", "--count", "1"});
  // The newest commit's rules first; py-bare-except exists already, so it is skipped.
  CHECK(count.out.find("skipped") != std::string::npos);

  PracticeFixture strict(4);  // no rule recurs in 4 commits
  MentorRun nothing = run_mentor({"-C", strict.dir, "practice"});
  CHECK(nothing.code == 0);
  CHECK(nothing.out ==
        "nothing to practise for mentee@example.com: no mistake recorded in at least 4 of their "
        "reviewed commits (`git mentor summary` shows the recurring ones)\n");
  CHECK_FALSE(fs::exists(strict.practice()));
  MentorRun other = run_in_process({"-C", fx.dir, "practice", "--mentee", "sam@example.org"});
  CHECK(other.code == 0);
  CHECK(other.out.find("nothing to practise for sam@example.org") == 0);
}

TEST_CASE("practice: the rule's bad example when the match is at the top level",
          "[e2e][practice]") {
  TestRepo repo;
  const std::string dir = repo.path().string();
  std::string body = "import sys\n";
  std::vector<Change> changes;
  for (int day : {0, 7, 14}) {
    body += "data" + std::to_string(day) + " = open('f" + std::to_string(day) + "').read()\n";
    changes.push_back({kMentee.name, kEmail, day, {{"script.py", body}}});
  }
  changes.front().files.emplace_back(".git-mentor.yaml", "summary:\n  recurring: 2\n");
  std::vector<std::string> ids = import_history(repo, changes);
  REQUIRE(run_in_process(record_args(dir, ids)).code == 0);
  MentorRun run = run_in_process({"-C", dir, "practice"});
  INFO(run.out << run.err);
  REQUIRE(run.code == 0);
  CHECK(run.out.find("the rule's example: script.py:4 in commit " + ids[2].substr(0, 12) +
                     " could not be cut out (the match on line 4 is at the top level, in no "
                     "function)") != std::string::npos);
  const fs::path folder =
      repo.path() / "mentor-practice" / ("py-open-without-with-" + ids[2].substr(0, 8));
  CHECK(slurp(folder / "exercise.py") == "f = open(path)\ndata = f.read()\nf.close()\n");
  CHECK(nlohmann::json::parse(slurp(folder / "exercise.json"))["from"] == "bad-example");
  CHECK(slurp(folder / "README.md").find("so `exercise.py` is the rule's own example") !=
        std::string::npos);
  MentorRun check = run_in_process({"-C", dir, "practice", "check"});
  CHECK(check.code == 1);
  CHECK(check.out.find("still matches line 1") != std::string::npos);
}

TEST_CASE("practice: untrusted paths, an existing folder, --dir in .git, outside, bare",
          "[e2e][practice]") {
  PracticeFixture fx;
  // The record's path says ../ and holds an escape sequence: it names no file to write, and is
  // never printed raw.
  for (std::size_t i : {0U, 1U, 2U}) {
    std::string note = fx.repo.git({"notes", "--ref", "mentor", "show", fx.ids[i]});
    note = std::regex_replace(note, std::regex("\"path\":\"app.py\""),
                              "\"path\":\"../../escape\\u001b[2J.py\"");
    fx.repo.git({"notes", "--ref", "mentor", "add", "-f", "-m", note, fx.ids[i]});
  }
  MentorRun run = run_in_process({"-C", fx.dir, "practice", "--rule", "py-open-without-with"});
  INFO(run.out << run.err);
  REQUIRE(run.code == 0);
  CHECK(run.out.find('\x1b') == std::string::npos);
  CHECK(run.out.find("../../escape\\x1b[2J.py") != std::string::npos);
  const fs::path folder = fx.exercise("py-open-without-with", 2);
  CHECK(nlohmann::json::parse(slurp(folder / "exercise.json"))["from"] == "bad-example");
  CHECK(slurp(folder / "README.md").find('\x1b') == std::string::npos);
  CHECK_FALSE(fs::exists(fx.repo.path().parent_path() / "escape\x1b[2J.py"));

  // An attempt in progress is never overwritten.
  spit(folder / "exercise.py", "in progress\n");
  MentorRun again = run_in_process({"-C", fx.dir, "practice", "--rule", "py-open-without-with"});
  CHECK(again.code == 0);
  CHECK(again.out.find("skipped") != std::string::npos);
  CHECK(slurp(folder / "exercise.py") == "in progress\n");

  // Inside .git: refused. Outside the work tree, given explicitly: written there.
  MentorRun in_git = run_in_process({"-C", fx.dir, "practice", "--dir", ".git/practice"});
  CHECK(in_git.code == 2);
  CHECK(in_git.err.find("inside the repository's .git directory") != std::string::npos);
  CHECK_FALSE(fs::exists(fx.repo.git_dir() / "practice"));
  TempDir elsewhere;
  MentorRun outside =
      run_in_process({"-C", fx.dir, "practice", "--dir", (elsewhere.path() / "p").string(),
                      "--skill", "error-handling"});
  INFO(outside.err);
  CHECK(outside.code == 0);
  CHECK(fs::exists(elsewhere.path() / "p" / ("py-bare-except-" + fx.ids[2].substr(0, 8)) /
                   "exercise.py"));
  // A link in the work tree's place of the folder is not followed out of it.
  TempDir target;
  fs::remove_all(fx.practice());
  fs::create_directory_symlink(target.path(), fx.practice());
  MentorRun linked = run_in_process({"-C", fx.dir, "practice"});
  CHECK(linked.code == 2);
  CHECK(linked.err.find("leads out of the work tree") != std::string::npos);
  CHECK(fs::is_empty(target.path()));

  // A bare clone with the record has no work tree to write into without --dir.
  TempDir mirror;
  fx.repo.git({"clone", "-q", "--mirror", fx.dir, (mirror.path() / "m.git").string()});
  MentorRun no_dir =
      run_in_process({"-C", (mirror.path() / "m.git").string(), "practice", "--mentee", kEmail});
  CHECK(no_dir.code == 2);
  CHECK(no_dir.err.find("a bare repository has no work tree") != std::string::npos);
}

}  // namespace mentor::test
