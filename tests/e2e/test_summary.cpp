// git mentor summary: real repositories, `check --record`, mentors' verdicts given with
// `git mentor review`, then the summary in every format, in-process and through the binary.
#include <functional>
#include <map>
#include <regex>
#include <sstream>

#include "e2e/check_fixture.hpp"
#include "e2e/history_fixture.hpp"

namespace mentor::test {

namespace {

// The mentee's story: a clean base (never recorded), print() in three commits (one with eval()
// too), five clean Python commits, then console.log() in a JavaScript-only commit. Another
// author adds a print() last.
struct SummaryFixture {
  TestRepo repo;
  RuleFile rules{kSummaryRules};
  std::string dir = repo.path().string();
  std::vector<std::string> ids;

  SummaryFixture() {
    const std::string n = "Mentee Example";
    const std::string e = "mentee@example.com";
    std::string py = "x = 0\n";
    std::vector<Change> changes;
    changes.push_back({n, e, 0, {{"app.py", py}}});
    for (int i = 1; i <= 8; ++i) {
      if (i <= 3)
        py += "print(" + std::to_string(i) + ")\n";
      else
        py += "y" + std::to_string(i) + " = " + std::to_string(i) + "\n";
      if (i == 2)
        py += "z = eval(\"1 + 1\")\n";
      changes.push_back({n, e, i, {{"app.py", py}}});
    }
    changes.push_back({n, e, 9, {{"web/app.js", "console.log(1);\n"}}});
    changes.push_back({"Other Dev", "other@example.com", 10, {{"other.py", "print('o')\n"}}});
    ids = import_history(repo, changes);
    MentorRun record = run_in_process(
        {"-C", dir, "check", "--record", "-q", "--rules", rules.path(), ids[0] + "..HEAD"});
    INFO(record.err);
    REQUIRE(record.code == 0);
  }

  nlohmann::json summary_json(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"-C", dir, "summary", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    MentorRun run = run_mentor(args);
    INFO(run.err);
    REQUIRE(run.code == 0);
    CHECK(run.err.empty());
    return nlohmann::json::parse(run.out);
  }
};

const nlohmann::json& by_key(const nlohmann::json& array, const std::string& key,
                             const std::string& value) {
  for (const auto& item : array) {
    if (item[key] == value)
      return item;
  }
  FAIL("no " << key << " " << value << " in " << array.dump());
  static nlohmann::json none;
  return none;
}

bool has_key(const nlohmann::json& array, const std::string& key, const std::string& value) {
  return std::any_of(array.begin(), array.end(), [&](const auto& i) { return i[key] == value; });
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("summary: per mentee, rule and skill, from the record alone", "[e2e][summary]") {
  SummaryFixture fx;
  nlohmann::json s = fx.summary_json();
  CHECK(s["version"] == 1);
  CHECK(s["commits"] == 11);
  CHECK(s["reviewed"] == 10);  // the base was never recorded
  CHECK(s["settings"]["recurring"] == 3);
  REQUIRE(s["mentees"].size() == 2);
  const auto& m = by_key(s["mentees"], "email", "mentee@example.com");
  CHECK(m["name"] == "Mentee Example");
  CHECK(m["commits"] == 10);
  CHECK(m["reviewed"] == 9);
  CHECK(m["clean"] == 5);
  CHECK(m["first_commit"] == "2024-01-02T10:00:00Z");
  CHECK(m["last_commit"] == "2024-01-10T10:00:00Z");

  const auto& print = by_key(m["rules"], "rule", "no-print");
  CHECK(print["skill"] == "readability");
  CHECK(print["occurrences"] == 3);
  CHECK(print["commits"] == 3);
  CHECK(print["first_seen"]["commit"] == fx.ids[1]);
  CHECK(print["last_seen"]["commit"] == fx.ids[3]);
  CHECK(print["last_seen"]["date"] == "2024-01-04T10:00:00Z");
  CHECK(print["recurring"] == true);
  // Five clean Python commits after the last print(): mastered. The JavaScript commit does not
  // count for a Python rule.
  CHECK(print["relevant_commits"] == 8);
  CHECK(print["clean_since_last"] == 5);
  CHECK(print["trend"] == "mastered");
  CHECK(print["languages"] == nlohmann::json::array({"python"}));
  CHECK(print["message"] == "print(3) left in");

  const auto& eval = by_key(m["rules"], "rule", "py-eval");
  CHECK(eval["occurrences"] == 1);
  CHECK(eval["recurring"] == false);
  CHECK(eval["clean_since_last"] == 6);
  CHECK(eval["trend"] == "steady");  // one occurrence is not enough to call it mastered

  const auto& log = by_key(m["rules"], "rule", "no-console-log");
  CHECK(log["relevant_commits"] == 1);
  CHECK(log["trend"] == "steady");

  // A skill spans its rules' languages: every reviewed commit touched Python or JavaScript.
  const auto& readability = by_key(m["skills"], "skill", "readability");
  CHECK(readability["occurrences"] == 4);
  CHECK(readability["commits"] == 4);
  CHECK(readability["recurring"] == true);
  CHECK(readability["relevant_commits"] == 9);
  CHECK(readability["clean_since_last"] == 0);
  CHECK(readability["earlier_rate"] == 0.75);  // 3 in the first 4 commits
  CHECK(readability["later_rate"] == 0.2);     // 1 in the last 5
  CHECK(readability["trend"] == "improving");
  CHECK(readability["rules"] == nlohmann::json::array({"no-console-log", "no-print"}));
  CHECK(m["skills"][0]["skill"] == "readability");  // the most weight first

  // The chart's points cover every reviewed commit.
  std::size_t commits = 0;
  std::size_t findings = 0;
  for (const auto& point : m["timeline"]) {
    commits += point["commits"].get<std::size_t>();
    findings += point["findings"]["readability"].get<std::size_t>();
  }
  CHECK(commits == 9);
  CHECK(findings == 4);

  const auto& other = by_key(s["mentees"], "email", "other@example.com");
  CHECK(other["reviewed"] == 1);
  CHECK(by_key(other["rules"], "rule", "no-print")["occurrences"] == 1);

  // Rule health over everyone: nothing judged yet.
  const auto& health = by_key(s["rule_health"], "rule", "no-print");
  CHECK(health["findings"] == 4);
  CHECK(health["unreviewed"] == 4);
  CHECK(health["dismissal_rate"].is_null());
  CHECK(health["flagged"] == false);
}

TEST_CASE("summary: text, markdown and html formats", "[e2e][summary]") {
  SummaryFixture fx;
  MentorRun text = run_mentor({"-C", fx.dir, "summary"});
  REQUIRE(text.code == 0);
  CHECK(text.out.rfind("git-mentor summary of HEAD's history: 10 of 11 commits reviewed, 2 "
                       "mentees\n",
                       0) == 0);
  CHECK(text.out.find("\nMentee Example <mentee@example.com>\n  9 of 10 commits reviewed, 5 "
                      "clean, 2024-01-02 to 2024-01-10\n") != std::string::npos);
  CHECK(std::regex_search(text.out, std::regex("\n  no-print +readability +warning +3 +0 +3 "
                                               "+2024-01-02 +2024-01-04 +yes +mastered +8 "
                                               "commits\n")));
  CHECK(std::regex_search(text.out,
                          std::regex("\n  readability +4 +0 +4 .* yes +improving +9 commits\n")));
  CHECK(text.out.find("Rule health") != std::string::npos);

  MentorRun md = run_mentor({"-C", fx.dir, "summary", "--format", "markdown"});
  REQUIRE(md.code == 0);
  CHECK(md.out.rfind("## git-mentor summary\n", 0) == 0);
  CHECK(md.out.find("\n### Mentee Example &lt;mentee@example\\.com&gt;\n") != std::string::npos);
  CHECK(md.out.find("| no\\-print | readability | 3 | 0 | 3 | 2024-01-02 | 2024-01-04 | "
                    "**recurring** | mastered ✓ (8 commits) | print\\(3\\) left in |") !=
        std::string::npos);
  CHECK(md.out.find("\n### Rule health\n") != std::string::npos);

  MentorRun html = run_mentor({"-C", fx.dir, "summary", "--format", "html"});
  REQUIRE(html.code == 0);
  CHECK(html.out.rfind("<!DOCTYPE html>\n", 0) == 0);
  CHECK(count_of(html.out, "<svg ") == 2);       // a chart per mentee
  CHECK(count_of(html.out, "<polyline ") == 2);  // the mentee's readability and security
  CHECK(html.out.find("data-skill=\"readability\"") != std::string::npos);
  CHECK(html.out.find("<script") == std::string::npos);
  CHECK(html.out.find("</html>\n") == html.out.size() - 8);
}

TEST_CASE("summary: --mentee, --since and .mailmap choose the commits", "[e2e][summary]") {
  SummaryFixture fx;
  nlohmann::json only = fx.summary_json({"--mentee", "mentee@example.com"});
  REQUIRE(only["mentees"].size() == 1);
  CHECK(only["mentee"] == "mentee@example.com");
  CHECK(only["rule_health"][0]["findings"] == 3);  // the other author's print() is not counted

  nlohmann::json since = fx.summary_json({"--since", "2024-01-05"});
  CHECK(since["since"] == "2024-01-05T00:00:00Z");
  CHECK(since["commits"] == 7);  // days 4 to 10
  const auto& m = by_key(since["mentees"], "email", "mentee@example.com");
  CHECK(m["reviewed"] == 6);
  CHECK_FALSE(has_key(m["rules"], "rule", "no-print"));
  CHECK(has_key(m["rules"], "rule", "no-console-log"));

  // A range, as for git log.
  nlohmann::json range = fx.summary_json({fx.ids[3] + "..HEAD~1"});
  CHECK(range["commits"] == 6);
  CHECK(range["ranges"] == nlohmann::json::array({fx.ids[3] + "..HEAD~1"}));

  // .mailmap: the other author is the mentee under another name.
  fx.repo.write(".mailmap", "Mentee Example <mentee@example.com> <other@example.com>\n");
  nlohmann::json mapped = fx.summary_json();
  REQUIRE(mapped["mentees"].size() == 1);
  CHECK(mapped["mentees"][0]["reviewed"] == 10);
  CHECK(by_key(mapped["mentees"][0]["rules"], "rule", "no-print")["occurrences"] == 4);
  // `mentees:` in the configuration when there is no --mentee.
  fx.repo.remove(".mailmap");
  fx.repo.write(".git-mentor.yaml", "mentees: [\"other@*\"]\n");
  nlohmann::json configured = fx.summary_json();
  REQUIRE(configured["mentees"].size() == 1);
  CHECK(configured["mentees"][0]["email"] == "other@example.com");
}

TEST_CASE("summary: settings from .git-mentor.yaml, overridden by options", "[e2e][summary]") {
  SummaryFixture fx;
  fx.repo.write(".git-mentor.yaml",
                "summary:\n  recurring: 4\n  mastered_after: 6\n  dismissal_threshold: 0.2\n");
  nlohmann::json s = fx.summary_json();
  CHECK(s["settings"]["recurring"] == 4);
  CHECK(s["settings"]["dismissal_threshold"] == 0.2);
  const auto& m = by_key(s["mentees"], "email", "mentee@example.com");
  CHECK(by_key(m["rules"], "rule", "no-print")["recurring"] == false);
  CHECK(by_key(m["skills"], "skill", "readability")["recurring"] == true);
  CHECK(by_key(m["rules"], "rule", "no-print")["trend"] == "improving");  // 5 clean, not 6
  CHECK(by_key(m["rules"], "rule", "py-eval")["trend"] == "steady");      // 6 clean, but only once

  nlohmann::json o = fx.summary_json({"--recurring", "2", "--mastered-after", "5"});
  CHECK(o["settings"]["recurring"] == 2);
  const auto& mo = by_key(o["mentees"], "email", "mentee@example.com");
  CHECK(by_key(mo["rules"], "rule", "no-print")["trend"] == "mastered");
  CHECK(by_key(mo["rules"], "rule", "no-print")["recurring"] == true);
}

TEST_CASE("summary: errors and an empty record", "[e2e][summary][errors]") {
  SummaryFixture fx;
  MentorRun date = run_mentor({"-C", fx.dir, "summary", "--since", "last tuesday"});
  CHECK(date.code == 2);
  CHECK(date.err.find("--since: 'last tuesday' is not a date") != std::string::npos);
  MentorRun format = run_mentor({"-C", fx.dir, "summary", "--format", "xml"});
  CHECK(format.code == 2);
  MentorRun range = run_mentor({"-C", fx.dir, "summary", "nosuchbranch"});
  CHECK(range.code == 2);
  CHECK(range.err.find("unknown revision 'nosuchbranch'") != std::string::npos);
  fx.repo.write(".git-mentor.yaml", "summary:\n  recuring: 3\n");
  MentorRun config = run_mentor({"-C", fx.dir, "summary"});
  CHECK(config.code == 2);
  CHECK(config.err ==
        ".git-mentor.yaml:2:3: error: unknown key 'summary.recuring' (did you mean "
        "'recurring'?)\n");

  TestRepo empty;
  empty.write("a.py", "print(1)\n");
  empty.commit("a");
  MentorRun none = run_mentor({"-C", empty.path().string(), "summary"});
  CHECK(none.code == 0);
  CHECK(none.out.find("0 of 1 commit reviewed, 0 mentees\nNothing recorded") != std::string::npos);
  MentorRun none_json = run_mentor({"-C", empty.path().string(), "summary", "--format", "json"});
  CHECK(nlohmann::json::parse(none_json.out)["reviewed"] == 0);
}

TEST_CASE("summary: progress on stderr when it is a terminal, nothing otherwise",
          "[e2e][summary]") {
  SummaryFixture fx;
  std::ostringstream out;
  std::ostringstream err;
  int code = cli::run({"-C", fx.dir, "summary"}, cli::Streams{out, err, false, true});
  CHECK(code == 0);
  CHECK(err.str().rfind("\rgit-mentor: summary: read 0/11 commits", 0) == 0);
  CHECK(err.str().find("\rgit-mentor: summary: read 11/11 commits") != std::string::npos);
  CHECK(err.str().ends_with("\r\x1b[K"));  // cleared before the report
  // The binary's stderr is a pipe here: nothing.
  MentorRun piped = run_binary({"-C", fx.dir, "summary"});
  CHECK(piped.code == 0);
  CHECK(piped.err.empty());
  CHECK(piped.out == out.str());
}

TEST_CASE("summary: mentors' verdicts weigh, dismissals are left out and flag the rule",
          "[e2e][summary][review]") {
  SummaryFixture fx;
  fx.repo.git({"config", "user.name", "Mentor One"});
  fx.repo.git({"config", "user.email", "mentor@example.com"});
  MentorRun start = run_in_process({"-C", fx.dir, "review", "start", fx.ids[0] + "..HEAD"});
  INFO(start.err);
  REQUIRE(start.code == 0);
  MentorRun list = run_in_process({"-C", fx.dir, "review", "list", "--format", "json"});
  REQUIRE(list.code == 0);
  std::map<std::string, std::string> id_of;  // "rule commit-index" -> review id
  const nlohmann::json listed = nlohmann::json::parse(list.out);
  for (const auto& f : listed["findings"]) {
    auto at = std::find(fx.ids.begin(), fx.ids.end(), f["commit"].get<std::string>());
    id_of[f["rule"].get<std::string>() + " " + std::to_string(at - fx.ids.begin())] =
        f["review_id"].get<std::string>();
  }
  REQUIRE(id_of.size() == 6);
  auto review = [&](const std::string& verdict, const std::string& key, const std::string& note) {
    std::vector<std::string> args{"-C", fx.dir, "review", verdict, id_of.at(key)};
    if (!note.empty()) {
      args.push_back("--note");
      args.push_back(note);
    }
    MentorRun run = run_in_process(args);
    INFO(run.err);
    REQUIRE(run.code == 0);
  };
  review("confirm", "no-print 1", "");
  review("dismiss", "no-print 2", "a debugging script, on purpose");
  review("dismiss", "no-print 10", "<script>alert('x')</script>\n| a | b |");
  review("dismiss", "py-eval 2", "constant expression");
  review("praise", "no-console-log 9", "");

  nlohmann::json s = fx.summary_json();
  const auto& m = by_key(s["mentees"], "email", "mentee@example.com");
  const auto& print = by_key(m["rules"], "rule", "no-print");
  CHECK(print["occurrences"] == 2);  // the dismissed one is left out
  CHECK(print["confirmed"] == 1);
  CHECK(print["weight"] == 3.0);  // 2 (confirmed) + 1 (unreviewed)
  CHECK(print["commits"] == 2);
  CHECK_FALSE(has_key(m["rules"], "rule", "py-eval"));         // dismissed
  CHECK_FALSE(has_key(m["rules"], "rule", "no-console-log"));  // praised: not a mistake
  CHECK(m["clean"] == 7);
  const auto& other = by_key(s["mentees"], "email", "other@example.com");
  CHECK(other["rules"].empty());

  const auto& health = by_key(s["rule_health"], "rule", "no-print");
  CHECK(health["findings"] == 4);
  CHECK(health["confirmed"] == 1);
  CHECK(health["dismissed"] == 2);
  CHECK(health["unreviewed"] == 1);
  CHECK(health["dismissal_rate"].get<double>() == Approx(2.0 / 3.0));
  CHECK(health["flagged"] == true);
  CHECK(health["dismissal_notes"] ==
        nlohmann::json::array(
            {"<script>alert('x')</script>\n| a | b |", "a debugging script, on purpose"}));
  const auto& eval = by_key(s["rule_health"], "rule", "py-eval");
  CHECK(eval["dismissal_rate"] == 1.0);
  CHECK(eval["flagged"] == false);  // one verdict is not enough
  CHECK(by_key(s["rule_health"], "rule", "no-console-log")["praised"] == 1);
  CHECK(s["rule_health"][0]["rule"] == "no-print");  // flagged first

  // The mentor's hostile note is escaped in every report.
  MentorRun html = run_mentor({"-C", fx.dir, "summary", "--format", "html"});
  CHECK(html.out.find("<script") == std::string::npos);
  CHECK(html.out.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\n| a | b |") !=
        std::string::npos);
  CHECK(html.out.find("<tr class=\"flagged\"><td><code>no-print</code>") != std::string::npos);
  MentorRun md = run_mentor({"-C", fx.dir, "summary", "--format", "markdown"});
  CHECK(md.out.find("- no\\-print: &lt;script&gt;alert\\('x'\\)&lt;/script&gt;<br>\\| a \\| b "
                    "\\|\n") != std::string::npos);
  CHECK(md.out.find("| **revise** |") != std::string::npos);
  MentorRun text = run_mentor({"-C", fx.dir, "summary"});
  CHECK(std::regex_search(text.out, std::regex("\n  no-print +4 +1 +2 +0 +0 +1 +67% +REVISE\n")));
}

TEST_CASE("summary: hostile code, messages and names are escaped", "[e2e][summary]") {
  TestRepo repo;
  RuleFile rules(kSummaryRules);
  std::vector<Change> changes;
  changes.push_back({"Base", "base@example.com", 0, {{"base.py", "x = 1\n"}}});
  const std::string hostile_code =
      "print(\"<script>alert('code')</script>\", `tick`, \"a | b\",\n      \"<img src=x "
      "onerror=alert(1)>\")\n";
  // git allows neither < nor > in names and emails; the rest is fair game.
  changes.push_back({"Eve \"q\" `whoami` | *bold* _x_ & co",
                     "eve\"'&@example.com",
                     1,
                     {{"evil.py", hostile_code}}});
  std::vector<std::string> ids = import_history(repo, changes);
  std::string dir = repo.path().string();
  REQUIRE(run_in_process(
              {"-C", dir, "check", "--record", "-q", "--rules", rules.path(), ids[0] + "..HEAD"})
              .code == 0);

  MentorRun json = run_mentor({"-C", dir, "summary", "--format", "json"});
  REQUIRE(json.code == 0);
  nlohmann::json s = nlohmann::json::parse(json.out);
  const auto& eve = by_key(s["mentees"], "name", "Eve \"q\" `whoami` | *bold* _x_ & co");
  const std::string message = eve["rules"][0]["message"];
  CHECK(message.find("<script>alert('code')</script>") != std::string::npos);
  CHECK(message.find('\n') != std::string::npos);  // the call spans two lines

  MentorRun html = run_mentor({"-C", dir, "summary", "--format", "html"});
  CHECK(html.out.find("<script") == std::string::npos);
  CHECK(html.out.find("<img") == std::string::npos);
  CHECK(html.out.find("<b>") == std::string::npos);
  CHECK(html.out.find("&lt;script&gt;alert(&#39;code&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(
      html.out.find("<h2>Eve &quot;q&quot; `whoami` | *bold* _x_ &amp; co &lt;eve&quot;&#39;&amp;@"
                    "example.com&gt;</h2>") != std::string::npos);

  MentorRun md = run_mentor({"-C", dir, "summary", "--format", "markdown"});
  CHECK(std::regex_replace(md.out, std::regex("<br>"), "").find('<') == std::string::npos);
  CHECK(md.out.find("### Eve &quot;q&quot; \\`whoami\\` \\| \\*bold\\* \\_x\\_ &amp; co "
                    "&lt;eve&quot;'&amp;@\xE2\x81\xA0"
                    "example\\.com&gt;\n") != std::string::npos);
  // The message's line break did not end the table row.
  std::istringstream lines(md.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("print\\(") != std::string::npos) {
      CHECK(line.front() == '|');
      CHECK(line.back() == '|');
    }
  }
}

namespace {

// Rules for the summary's evidence: a bare except, SQL built with % (only under db/), a hint.
constexpr const char* kEvidenceRules = R"(id: bare-except
language: python
severity: warning
message: bare except
skill: error-handling
rule:
  kind: except_clause
  regex: '^except\s*:'
---
id: sql-format
language: python
severity: error
message: SQL built with %
skill: security
files: ["db/**"]
rule:
  pattern: $C.execute($Q % $$$A)
---
id: eval-call
language: python
severity: warning
message: eval
skill: security
rule:
  pattern: eval($$$A)
---
id: todo-pass
language: python
severity: hint
message: a pass left in
skill: tidiness
rule:
  kind: pass_statement
---
id: no-print
language: python
severity: warning
message: print left in
skill: error-handling
rule:
  pattern: print($$$A)
)";

// A repository whose .git-mentor.yaml loads kEvidenceRules, with `changes` imported and
// recorded (the first commit, the configuration, is not reviewed).
struct EvidenceFixture {
  TestRepo repo;
  std::string dir = repo.path().string();
  std::vector<std::string> ids;

  explicit EvidenceFixture(std::vector<Change> changes) {
    changes.insert(changes.begin(), Change{"Mentor",
                                           "mentor@example.net",
                                           0,
                                           {{".git-mentor.yaml", "rules: [rules.yaml]\n"},
                                            {"rules.yaml", kEvidenceRules}}});
    ids = import_history(repo, changes);
    MentorRun record = run_in_process({"-C", dir, "check", "--record", "-q", ids[0] + "..HEAD"});
    INFO(record.err);
    REQUIRE(record.code <= 1);  // 1: an error-level finding (recorded all the same)
    REQUIRE(record.err.empty());
    repo.git({"config", "user.name", "Mentor One"});
    repo.git({"config", "user.email", "mentor@example.net"});
  }

  nlohmann::json summary(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"-C", dir, "summary", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    MentorRun run = run_mentor(args);
    INFO(run.err);
    REQUIRE(run.code == 0);
    return nlohmann::json::parse(run.out);
  }

  // Review ids of `rule`'s findings, in commit order, from a session over everything.
  std::vector<std::string> session_ids(const std::string& rule) {
    MentorRun list = run_in_process({"-C", dir, "review", "list", "--format", "json"});
    REQUIRE(list.code == 0);
    std::vector<std::pair<std::ptrdiff_t, std::string>> found;
    const nlohmann::json listed = nlohmann::json::parse(list.out);
    for (const auto& f : listed["findings"]) {
      if (f["rule"] != rule)
        continue;
      auto at = std::find(ids.begin(), ids.end(), f["commit"].get<std::string>());
      found.emplace_back(at - ids.begin(), f["review_id"].get<std::string>());
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> out;
    for (auto& [index, id] : found)
      out.push_back(id);
    return out;
  }
};

const std::string kSam = "Sam";
const std::string kSamEmail = "sam@example.org";

// `count` functions, each with a bare except when `bare(i)`.
std::string functions(int count, const std::function<bool(int)>& bare) {
  std::string py = "import json\n";
  for (int i = 0; i < count; ++i) {
    py += "\ndef f" + std::to_string(i) + "(t):\n    try:\n        return json.loads(t)\n";
    // Each body differs: code already in the file would be moved code, not the commit's own.
    const std::string body = "        return {'f" + std::to_string(i) + "': 0}\n";
    py += (bare(i) ? "    except:\n" : "    except ValueError:\n") + body;
  }
  return py;
}

}  // namespace

TEST_CASE("summary: reviewed and unreviewed findings compare like with like in a trend",
          "[e2e][summary][review]") {
  // A bare except in each of six weekly commits; the three oldest confirmed, the newest three
  // not reviewed yet. The mistake did not go away: the trend must not read "improving".
  std::vector<Change> changes;
  for (int week = 0; week < 6; ++week) {
    changes.push_back({kSam, kSamEmail, 1 + week * 7, {{"app.py", functions(week + 1, [](int) {
                                                          return true;
                                                        })}}});
  }
  EvidenceFixture fx(changes);
  REQUIRE(run_in_process({"-C", fx.dir, "review", "start", fx.ids[0] + "..HEAD"}).code == 0);
  auto bare = fx.session_ids("bare-except");
  REQUIRE(bare.size() == 6);
  REQUIRE(run_in_process({"-C", fx.dir, "review", "confirm", bare[0], bare[1], bare[2]}).code == 0);
  nlohmann::json s = fx.summary();
  const auto& rule =
      by_key(by_key(s["mentees"], "email", kSamEmail)["rules"], "rule", "bare-except");
  CHECK(rule["occurrences"] == 6);
  CHECK(rule["confirmed"] == 3);
  CHECK(rule["earlier_rate"] == rule["later_rate"]);
  CHECK(rule["trend"] == "steady");
  CHECK(rule["evidence"] == 6.0);
}

TEST_CASE("summary: mastered needs occurrences, then opportunities to repeat the mistake",
          "[e2e][summary]") {
  // One eval(), then six Python commits: one occurrence is not enough to call it mastered.
  // SQL built with % twice under db/, then six commits outside db/: no opportunity to repeat
  // it (the rule's files: globs), so not mastered either, until five commits change db/.
  std::vector<Change> changes;
  std::string app = "x = 1\n";
  changes.push_back({kSam, kSamEmail, 1, {{"app.py", app + "y = eval('2')\n"}}});
  changes.push_back(
      {kSam, kSamEmail, 2, {{"db/users.py", "def f(c, n):\n    c.execute('q %s' % n)\n"}}});
  changes.push_back({kSam,
                     kSamEmail,
                     3,
                     {{"db/users.py",
                       "def f(c, n):\n    c.execute('q %s' % n)\n\n"
                       "def g(c, n):\n    c.execute('r %s' % n)\n"}}});
  for (int i = 0; i < 6; ++i) {
    app += "z" + std::to_string(i) + " = " + std::to_string(i) + "\n";
    changes.push_back({kSam, kSamEmail, 8 + i * 7, {{"app.py", app}}});
  }
  EvidenceFixture fx(changes);
  {
    nlohmann::json s = fx.summary();
    const auto& m = by_key(s["mentees"], "email", kSamEmail);
    const auto& eval = by_key(m["rules"], "rule", "eval-call");
    CHECK(eval["clean_since_last"] == 8);
    CHECK(eval["trend"] != "mastered");
    const auto& sql = by_key(m["rules"], "rule", "sql-format");
    CHECK(sql["occurrences"] == 2);
    CHECK(sql["relevant_commits"] == 2);  // the commits outside db/ say nothing about it
    CHECK(sql["clean_since_last"] == 0);
    CHECK(sql["trend"] != "mastered");
    CHECK(s["settings"]["mastered_min_occurrences"] == 2);
  }
  // Five commits that change db/ without SQL built with %: now it is mastered.
  std::vector<Change> more;
  std::string db = "def f(c, n):\n    c.execute('q ?', (n,))\n";
  for (int i = 0; i < 5; ++i) {
    db += "\ndef h" + std::to_string(i) + "(c):\n    c.execute('s')\n";
    more.push_back({kSam, kSamEmail, 60 + i * 7, {{"db/users.py", db}}});
  }
  std::string stream;
  bool first = true;
  for (const auto& c : more) {
    const std::string when = std::to_string(kJan1 + c.day * 86400 + 36000) + " +0000";
    stream += "commit refs/heads/main\nauthor " + c.name + " <" + c.email + "> " + when +
              "\ncommitter " + c.name + " <" + c.email + "> " + when + "\ndata 5\nmore\n";
    if (first)
      stream += "from refs/heads/main^0\n";  // continue the repository's main
    first = false;
    for (const auto& [path, content] : c.files) {
      stream += "M 100644 inline " + path + "\ndata " + std::to_string(content.size()) + "\n" +
                content + "\n";
    }
  }
  const std::string before = fx.repo.git({"rev-parse", "HEAD"});
  REQUIRE(fx.repo.try_git({"fast-import", "--quiet"}, stream).exit_code == 0);
  fx.repo.git({"reset", "-q", "--hard", "main"});
  REQUIRE(fx.repo.git({"rev-parse", "HEAD~5"}) == before);
  REQUIRE(run_in_process({"-C", fx.dir, "check", "--record", "-q", "HEAD~5..HEAD"}).code == 0);
  nlohmann::json s = fx.summary();
  const auto& sql = by_key(by_key(s["mentees"], "email", kSamEmail)["rules"], "rule", "sql-format");
  CHECK(sql["relevant_commits"] == 7);
  CHECK(sql["trend"] == "mastered");
}

TEST_CASE(
    "summary: severity weighs, a trend says what it stands on, the tool's rule is not a "
    "skill",
    "[e2e][summary]") {
  // Four clean commits, then one with a `pass` (a hint) and a suppression that suppresses
  // nothing: one hint is no "worsening".
  std::vector<Change> changes;
  std::string app = "x = 1\n";
  for (int i = 0; i < 4; ++i) {
    app += "y" + std::to_string(i) + " = " + std::to_string(i) + "\n";
    changes.push_back({kSam, kSamEmail, 1 + i * 7, {{"app.py", app}}});
  }
  changes.push_back(
      {kSam,
       kSamEmail,
       30,
       {{"app.py", app + "def f():\n    pass\nz = 1  # mentor: ignore[no-print] not a print\n"}}});
  EvidenceFixture fx(changes);
  nlohmann::json s = fx.summary();
  const auto& m = by_key(s["mentees"], "email", kSamEmail);
  const auto& hint = by_key(m["rules"], "rule", "todo-pass");
  CHECK(hint["severity"] == "hint");
  CHECK(hint["evidence"] == 0.25);
  CHECK(hint["trend"] == "steady");
  CHECK_FALSE(has_key(m["rules"], "rule", "unused-suppression"));
  CHECK_FALSE(has_key(m["skills"], "skill", "code-review"));
  CHECK(has_key(s["rule_health"], "rule", "unused-suppression"));  // still counted there
  MentorRun text = run_mentor({"-C", fx.dir, "summary"});
  CHECK(std::regex_search(
      text.out, std::regex("\n  todo-pass +tidiness +hint +1 +0 +1 .* steady +5 commits\n")));
  MentorRun html = run_mentor({"-C", fx.dir, "summary", "--format", "html"});
  CHECK(html.out.find("<span class=\"evidence\">1 finding in 5 commits</span>") !=
        std::string::npos);
}

TEST_CASE("summary: a skill's trend names the rules worsening under it", "[e2e][summary]") {
  // error-handling: many bare excepts early (improving), print() only in the last commits.
  std::vector<Change> changes;
  for (int i = 0; i < 8; ++i) {
    std::string py = functions(i < 4 ? 2 : 1, [&](int) { return i < 4; });
    if (i >= 6)
      py += "print(1)\n";
    changes.push_back({kSam, kSamEmail, 1 + i * 7, {{"app" + std::to_string(i) + ".py", py}}});
  }
  EvidenceFixture fx(changes);
  nlohmann::json s = fx.summary();
  const auto& m = by_key(s["mentees"], "email", kSamEmail);
  CHECK(by_key(m["rules"], "rule", "no-print")["trend"] == "worsening");
  const auto& skill = by_key(m["skills"], "skill", "error-handling");
  CHECK(skill["trend"] == "improving");
  CHECK(skill["worsening_rules"] == nlohmann::json::array({"no-print"}));
  MentorRun text = run_mentor({"-C", fx.dir, "summary"});
  CHECK(text.out.find("improving; worsening: no-print") != std::string::npos);
  MentorRun md = run_mentor({"-C", fx.dir, "summary", "--format", "markdown"});
  CHECK(md.out.find("; worsening: no\\-print") != std::string::npos);
  MentorRun html = run_mentor({"-C", fx.dir, "summary", "--format", "html"});
  CHECK(html.out.find("worsening under it: <code>no-print</code>") != std::string::npos);
}

TEST_CASE(
    "summary html: rule rows link to their commits and lines, overlapping lines stay "
    "visible",
    "[e2e][summary]") {
  // Two skills with the same counts in every commit: their lines would be drawn on each other.
  std::vector<Change> changes;
  for (int i = 0; i < 4; ++i) {
    changes.push_back({kSam,
                       kSamEmail,
                       1 + i * 7,
                       {{"m" + std::to_string(i) + ".py", "def f():\n    pass\ny = eval('1')\n"}}});
  }
  EvidenceFixture fx(changes);
  MentorRun html = run_mentor({"-C", fx.dir, "summary", "--format", "html"});
  REQUIRE(html.code == 0);
  // Each rule row links to a list of its findings within the page.
  std::smatch link;
  REQUIRE(std::regex_search(html.out, link,
                            std::regex("<a href=\"#(m1-r[0-9]+)\"><code>eval-call</code></a>")));
  const std::string anchor = "<div id=\"" + link[1].str() + "\"><code>eval-call</code>";
  const auto at = html.out.find(anchor);
  REQUIRE(at != std::string::npos);
  const std::string list = html.out.substr(at, html.out.find("</div>", at) - at);
  CHECK(count_of(list, "<li>") == 4);
  CHECK(list.find("<code>" + fx.ids[1].substr(0, 12) + "</code> 2024-01-02 <code>m0.py:3</code>") !=
        std::string::npos);
  // The two lines have the same values, but not the same points.
  std::smatch first;
  std::smatch second;
  const std::regex points("<polyline [^>]* points=\"([^\"]*)\"");
  REQUIRE(std::regex_search(html.out, first, points));
  const std::string rest = first.suffix().str();
  REQUIRE(std::regex_search(rest, second, points));
  CHECK(first[1].str() != second[1].str());
  CHECK(html.out.find("stroke-dasharray") != std::string::npos);
}

TEST_CASE("summary: a dismissal as not the mentee's code does not count against the rule",
          "[e2e][summary][review]") {
  std::vector<Change> changes;
  for (int i = 0; i < 3; ++i)
    changes.push_back(
        {kSam, kSamEmail, 1 + i * 7, {{"m" + std::to_string(i) + ".py", "eval('1')\n"}}});
  EvidenceFixture fx(changes);
  REQUIRE(run_in_process({"-C", fx.dir, "review", "start", fx.ids[0] + "..HEAD"}).code == 0);
  auto ids = fx.session_ids("eval-call");
  REQUIRE(ids.size() == 3);
  MentorRun moved = run_in_process({"-C", fx.dir, "review", "dismiss", ids[0], "--not-the-mentees",
                                    "--note", "moved from util.py"});
  INFO(moved.err);
  REQUIRE(moved.code == 0);
  CHECK(moved.out.rfind("dismissed (not the mentee's code) ", 0) == 0);
  REQUIRE(run_in_process(
              {"-C", fx.dir, "review", "dismiss", ids[1], "--not-the-mentees", "--note", "a merge"})
              .code == 0);
  REQUIRE(run_in_process({"-C", fx.dir, "review", "confirm", ids[2]}).code == 0);
  // Stored in the record as a field of the dismissal.
  std::string note = fx.repo.git({"notes", "--ref", "mentor-reviews", "show", fx.ids[1]});
  CHECK(note.find("\"dismissal\":\"not-the-mentees\"") != std::string::npos);

  nlohmann::json s = fx.summary();
  const auto& health = by_key(s["rule_health"], "rule", "eval-call");
  CHECK(health["dismissed"] == 0);
  CHECK(health["not_the_mentees"] == 2);
  CHECK(health["confirmed"] == 1);
  CHECK(health["dismissal_rate"] == 0.0);
  CHECK(health["flagged"] == false);
  CHECK(health["dismissal_notes"].empty());
  // Not the mentee's: not counted against the mentee either.
  CHECK(by_key(by_key(s["mentees"], "email", kSamEmail)["rules"], "rule",
               "eval-call")["occurrences"] == 1);
  MentorRun list = run_mentor({"-C", fx.dir, "review", "list"});
  CHECK(list.out.find("dismissed (not the mentee's code) by Mentor One") != std::string::npos);
}

}  // namespace mentor::test
