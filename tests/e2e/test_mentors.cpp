// The mentor's side of the loop in `git mentor summary`, and a summary over several repositories
// (`--repo`): real repositories with commits dated days ago, findings recorded with `check
// --record`, verdicts given with `git mentor review` by two mentors, then the summary.
#include <ctime>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "e2e/check_fixture.hpp"
#include "e2e/history_fixture.hpp"
#include "loop/mentor_load.hpp"
#include "report/escape.hpp"
#include "summary/summary.hpp"

namespace mentor::test {

namespace {

constexpr std::int64_t kDay = 86400;

// `Change::day` for a commit authored about `n` days ago (at 10:00 UTC of that day).
int days_ago(int n) {
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  return static_cast<int>((now - kJan1) / kDay) - n;
}

std::int64_t author_time(const Change& change) {
  return kJan1 + change.day * kDay + 36000;
}

void be(TestRepo& repo, const std::string& name, const std::string& email) {
  repo.git({"config", "user.name", name});
  repo.git({"config", "user.email", email});
}

MentorRun ok(const std::vector<std::string>& args) {
  MentorRun run = run_in_process(args);
  INFO(Catch::Detail::stringify(args) << "\n" << run.err);
  REQUIRE(run.code == 0);
  return run;
}

const nlohmann::json& mentor_of(const nlohmann::json& mentors, const nlohmann::json& who) {
  for (const auto& m : mentors) {
    if (m["mentor"] == who)
      return m;
  }
  FAIL("no mentor " << who.dump() << " in " << mentors.dump());
  static nlohmann::json none;
  return none;
}

// Ann's findings a1..a4 (a2 an eval()), Bob's b1 and b2, Cid's c1, each in its own file, authored
// 20, 15, 10 and 3 (Ann), 18 and 8 (Bob) and 5 (Cid) days ago. Mia reviews Ann in three
// sessions (two verdicts, one, none; the third under another email .mailmap maps to hers), Noa
// reviews Bob in one session; nobody reviews Cid, and Ann's a4 waits.
struct MentorsFixture {
  TestRepo repo;
  RuleFile rules{kPrintEvalRules};
  std::string dir = repo.path().string();
  std::map<std::string, std::int64_t> time;  // file stem -> its commit's author time
  std::string base;
  std::int64_t first_verdict = 0;  // the clock around the verdicts
  std::int64_t last_verdict = 0;

  MentorsFixture() {
    const std::string ann = "Ann Mentee";
    const std::string ae = "ann@example.com";
    std::vector<Change> changes{
        {ann, ae, days_ago(30), {{"base.py", "x = 0\n"}}},
        {ann, ae, days_ago(20), {{"a1.py", "print(1)\n"}}},
        {"Bob Mentee", "bob@example.com", days_ago(18), {{"b1.py", "print(1)\n"}}},
        {ann, ae, days_ago(15), {{"a2.py", "y = eval('1')\n"}}},
        {ann, ae, days_ago(10), {{"a3.py", "print(3)\n"}}},
        {"Bob Mentee", "bob@example.com", days_ago(8), {{"b2.py", "print(2)\n"}}},
        {"Cid Mentee", "cid@example.com", days_ago(5), {{"c1.py", "print(5)\n"}}},
        {ann, ae, days_ago(3), {{"a4.py", "print(4)\n"}}},
    };
    const std::vector<std::string> ids = import_history(repo, changes);
    base = ids[0];
    for (const auto& c : changes)
      time[std::filesystem::path(c.files[0].first).stem().string()] = author_time(c);
    repo.write(".mailmap", "Mia Mentor <mia@example.com> <mia@laptop.example>\n");
    ok({"-C", dir, "check", "--record", "-q", "--rules", rules.path(), base + "..HEAD"});

    first_verdict = static_cast<std::int64_t>(std::time(nullptr));
    be(repo, "Mia Mentor", "mia@example.com");
    start("ann@example.com");
    ok({"-C", dir, "review", "confirm", short_id("a1.py")});
    ok({"-C", dir, "review", "confirm", short_id("a2.py")});
    ok({"-C", dir, "review", "close"});
    start("ann@example.com");
    ok({"-C", dir, "review", "dismiss", short_id("a3.py"), "--note", "a script"});
    ok({"-C", dir, "review", "close"});
    be(repo, "Mia M.", "mia@laptop.example");
    start("ann@example.com");
    ok({"-C", dir, "review", "note", short_id("a4.py"), "--note", "look again"});
    ok({"-C", dir, "review", "close"});

    be(repo, "Noa Mentor", "noa@example.com");
    start("bob@example.com");
    ok({"-C", dir, "review", "confirm", short_id("b1.py")});
    ok({"-C", dir, "review", "praise", short_id("b2.py")});
    ok({"-C", dir, "review", "close"});
    last_verdict = static_cast<std::int64_t>(std::time(nullptr));
  }

  void start(const std::string& mentee) {
    ok({"-C", dir, "review", "start", "--mentee", mentee, "--rules", rules.path(),
        base + "..HEAD"});
  }

  std::string short_id(const std::string& path) {
    nlohmann::json listed =
        nlohmann::json::parse(ok({"-C", dir, "review", "list", "--format", "json"}).out);
    for (const auto& f : listed["findings"]) {
      if (f["path"] == path)
        return f["short_id"];
    }
    FAIL("no finding in " << path);
    return "";
  }

  // Seconds from the commit of `stem` to a verdict given while the fixture was built.
  void check_latency(const nlohmann::json& seconds, const std::string& stem) const {
    INFO(stem << ": " << seconds.dump());
    REQUIRE(seconds.is_number());
    CHECK(seconds.get<double>() >= static_cast<double>(first_verdict - time.at(stem)));
    CHECK(seconds.get<double>() <= static_cast<double>(last_verdict - time.at(stem)));
  }
};

}  // namespace

TEST_CASE("summary: each mentor's latency, verdicts per session and waiting findings",
          "[e2e][summary][mentors]") {
  MentorsFixture fx;
  MentorRun run = run_mentor({"-C", fx.dir, "summary", "--format", "json"});
  INFO(run.err);
  REQUIRE(run.code == 0);
  nlohmann::json s = nlohmann::json::parse(run.out);
  CHECK(s["repositories"] == nlohmann::json::array());
  const nlohmann::json& mentors = s["mentors"];
  REQUIRE(mentors.size() == 3);  // Mia (both of her emails), Noa, and the unassigned line

  const auto& mia = mentor_of(mentors, "Mia Mentor <mia@example.com>");
  CHECK(mia["mentees"] == nlohmann::json::array({"ann@example.com"}));
  // The first verdicts on a1, a2 and a3 (20, 15 and 10 days after their commits); the note on
  // a4 is no verdict.
  CHECK(mia["first_verdicts"] == 3);
  fx.check_latency(mia["latency_median_seconds"], "a2");
  fx.check_latency(mia["latency_p90_seconds"], "a1");
  CHECK(mia["sessions"] == 3);
  CHECK(mia["session_verdicts"] == 3);
  CHECK(mia["verdicts_per_session_median"] == 1);
  CHECK(mia["waiting"] == 1);  // a4: noted, not judged
  REQUIRE(mia["oldest_waiting"].is_object());
  CHECK(mia["oldest_waiting"]["date"] == summary::format_time(fx.time.at("a4")));
  CHECK(mia["oldest_waiting"]["age_days"] == (fx.last_verdict - fx.time.at("a4")) / kDay);

  const auto& noa = mentor_of(mentors, "Noa Mentor <noa@example.com>");
  CHECK(noa["mentees"] == nlohmann::json::array({"bob@example.com"}));
  CHECK(noa["first_verdicts"] == 2);
  // Two samples: the median is their mean, the 90th percentile the larger (b1, 18 days).
  const double b1 = static_cast<double>(fx.first_verdict - fx.time.at("b1"));
  const double b2 = static_cast<double>(fx.first_verdict - fx.time.at("b2"));
  const double slack = static_cast<double>(fx.last_verdict - fx.first_verdict);
  CHECK(noa["latency_median_seconds"].get<double>() >= (b1 + b2) / 2);
  CHECK(noa["latency_median_seconds"].get<double>() <= (b1 + b2) / 2 + slack);
  fx.check_latency(noa["latency_p90_seconds"], "b1");
  CHECK(noa["sessions"] == 1);
  CHECK(noa["verdicts_per_session_median"] == 2);
  CHECK(noa["waiting"] == 0);
  CHECK(noa["oldest_waiting"].is_null());

  const auto& unassigned = mentor_of(mentors, nullptr);
  CHECK(unassigned["mentees"] == nlohmann::json::array({"cid@example.com"}));
  CHECK(unassigned["waiting"] == 1);
  CHECK(unassigned["first_verdicts"] == 0);
  CHECK(unassigned["sessions"] == 0);
  CHECK(unassigned["oldest_waiting"]["date"] == summary::format_time(fx.time.at("c1")));

  // Every format shows the section.
  MentorRun text = run_mentor({"-C", fx.dir, "summary"});
  CHECK(text.out.find("\nMentors (Latency: from a commit's author date") != std::string::npos);
  CHECK(text.out.find("Mia Mentor <mia@example.com>") != std::string::npos);
  CHECK(text.out.find("mia@laptop.example") == std::string::npos);
  CHECK(text.out.find("(no mentor yet)") != std::string::npos);
  const std::string median = loop::duration_label(mia["latency_median_seconds"].get<double>());
  const std::string p90 = loop::duration_label(mia["latency_p90_seconds"].get<double>());
  CHECK((median == "15 days" || median == "16 days"));  // 15 days, and the hour of the day
  CHECK(text.out.find(median) != std::string::npos);
  MentorRun markdown = run_mentor({"-C", fx.dir, "summary", "--format", "markdown"});
  CHECK(markdown.out.find("\n### Mentors\n") != std::string::npos);
  CHECK(markdown.out.find(fmt::format("| {} | 3 | {} | {} | 3 | 1 | 1 |",
                                      report::markdown_escape("Mia Mentor <mia@example.com>"),
                                      median, p90)) != std::string::npos);
  MentorRun html = run_mentor({"-C", fx.dir, "summary", "--format", "html"});
  CHECK(html.out.find("<section id=\"mentors\">") != std::string::npos);
  CHECK(html.out.find("<td>Noa Mentor &lt;noa@example.com&gt;</td>") != std::string::npos);

  // --mentee narrows the selection: Bob's findings alone, so Mia has none of hers.
  nlohmann::json bob = nlohmann::json::parse(
      run_mentor({"-C", fx.dir, "summary", "--format", "json", "--mentee", "bob@*"}).out);
  REQUIRE(bob["mentors"].size() == 1);
  CHECK(bob["mentors"][0]["mentor"] == "Noa Mentor <noa@example.com>");
}

namespace {

// One mentee's commits in one repository under an email its .mailmap maps to `canonical`.
struct MenteeRepo {
  TestRepo repo;
  RuleFile rules{kPrintEvalRules};
  std::string dir = repo.path().string();
  std::vector<std::string> ids;

  MenteeRepo(const std::string& email, const std::string& canonical, const std::string& prefix,
             int first_day) {
    std::vector<Change> changes{{"Ann", email, first_day, {{"base.py", "x = 0\n"}}}};
    for (int i = 1; i <= 3; ++i) {
      changes.push_back(
          {"Ann",
           email,
           first_day + i,
           {{prefix + std::to_string(i) + ".py", "print(" + std::to_string(i) + ")\n"}}});
    }
    changes.push_back({"Dan Other", "dan@example.com", first_day + 5, {{"d.py", "print(0)\n"}}});
    ids = import_history(repo, changes);
    repo.write(".mailmap", "Ann Example <" + canonical + "> <" + email + ">\n");
    ok({"-C", dir, "check", "--record", "-q", "--rules", rules.path(), ids[0] + "..HEAD"});
    ok({"-C", dir, "check", "--record", "-q", "--rules", rules.path(), ids[0]});
  }
};

}  // namespace

TEST_CASE("summary --repo: several repositories merged by mentee after each one's .mailmap",
          "[e2e][summary][mentors]") {
  MenteeRepo a("ann@home.example", "ann@example.com", "a", 0);
  MenteeRepo b("ann.example@old.example", "ann@example.com", "b", 10);
  be(b.repo, "Mia Mentor", "mia@example.com");
  ok({"-C", b.dir, "review", "start", "--rules", b.rules.path(), b.ids[0] + "..HEAD"});
  nlohmann::json listed =
      nlohmann::json::parse(ok({"-C", b.dir, "review", "list", "--format", "json"}).out);
  std::string b1;
  for (const auto& f : listed["findings"]) {
    if (f["path"] == "b1.py")
      b1 = f["short_id"];
  }
  REQUIRE_FALSE(b1.empty());
  ok({"-C", b.dir, "review", "confirm", b1});

  MentorRun run = run_mentor({"summary", "--format", "json", "--repo", a.dir, "--repo", b.dir});
  INFO(run.err);
  REQUIRE(run.code == 0);
  nlohmann::json s = nlohmann::json::parse(run.out);
  CHECK(s["repositories"] == nlohmann::json::array({a.dir, b.dir}));
  CHECK(s["commits"] == 10);
  CHECK(s["reviewed"] == 10);
  REQUIRE(s["mentees"].size() == 2);
  const nlohmann::json& ann = s["mentees"][0];
  CHECK(ann["name"] == "Ann Example");
  CHECK(ann["email"] == "ann@example.com");
  CHECK(ann["commits"] == 8);  // four in each repository
  CHECK(ann["reviewed"] == 8);
  CHECK(ann["clean"] == 2);  // the two bases
  CHECK(ann["first_commit"] == "2024-01-01T10:00:00Z");
  CHECK(ann["last_commit"] == "2024-01-14T10:00:00Z");
  REQUIRE(ann["rules"].size() == 1);
  CHECK(ann["rules"][0]["rule"] == "no-print");
  CHECK(ann["rules"][0]["occurrences"] == 6);  // three in each
  CHECK(ann["rules"][0]["commits"] == 6);
  CHECK(ann["rules"][0]["confirmed"] == 1);
  CHECK(ann["rules"][0]["first_seen"]["commit"] == a.ids[1]);
  CHECK(ann["rules"][0]["last_seen"]["commit"] == b.ids[3]);
  CHECK(s["mentees"][1]["email"] == "dan@example.com");
  CHECK(s["mentees"][1]["commits"] == 2);
  REQUIRE(s["rule_health"].size() == 1);
  CHECK(s["rule_health"][0]["findings"] == 8);
  CHECK(s["rule_health"][0]["confirmed"] == 1);
  CHECK(s["rule_health"][0]["unreviewed"] == 7);
  // Mia reviewed Ann (in b) and Dan (her session covered his commit): every waiting finding of
  // both repositories is hers.
  REQUIRE(s["mentors"].size() == 1);
  CHECK(s["mentors"][0]["mentor"] == "Mia Mentor <mia@example.com>");
  CHECK(s["mentors"][0]["mentees"] ==
        nlohmann::json::array({"ann@example.com", "dan@example.com"}));
  CHECK(s["mentors"][0]["first_verdicts"] == 1);
  CHECK(s["mentors"][0]["sessions"] == 1);
  CHECK(s["mentors"][0]["waiting"] == 7);
  CHECK(s["mentors"][0]["oldest_waiting"]["commit"] == a.ids[1]);

  // The same repository twice: its commits count once.
  nlohmann::json twice = nlohmann::json::parse(
      ok({"summary", "--format", "json", "--repo", a.dir, "--repo", a.dir}).out);
  CHECK(twice["commits"] == 5);
  CHECK(twice["mentees"][0]["commits"] == 4);

  // A range applies to each repository; the header names them.
  MentorRun text = run_mentor({"summary", "--repo", a.dir, "--repo", b.dir, "--mentee", "ann*"});
  CHECK(text.out.rfind("git-mentor summary of HEAD's history by ann* in " + a.dir + ", " + b.dir +
                           ": 8 of 8 commits reviewed, 1 mentee\n",
                       0) == 0);
  nlohmann::json since = nlohmann::json::parse(
      ok({"summary", "--format", "json", "--repo", a.dir, "--repo", b.dir, "--since", "2024-01-13"})
          .out);
  CHECK(since["commits"] == 3);  // b's last two of Ann's, and Dan's

  // Not a repository: a clear error, exit 2.
  TempDir empty;
  MentorRun bad = run_mentor({"summary", "--repo", a.dir, "--repo", empty.path().string()});
  CHECK(bad.code == 2);
  CHECK(bad.err ==
        "git-mentor: error: --repo " + empty.path().string() + ": not a git repository\n");
  MentorRun missing_range = run_mentor({"summary", "--repo", a.dir, "--repo", b.dir, a.ids[2]});
  CHECK(missing_range.code == 2);
  CHECK(missing_range.err.find("--repo " + b.dir + ": ") != std::string::npos);
  // A repository's configuration error names its file in that repository.
  b.repo.write(".git-mentor.yaml", "summary:\n  recuring: 3\n");
  MentorRun config = run_mentor({"summary", "--repo", a.dir, "--repo", b.dir});
  CHECK(config.code == 2);
  CHECK(config.err == b.dir +
                          "/.git-mentor.yaml:2:3: error: unknown key 'summary.recuring' (did "
                          "you mean 'recurring'?)\n");
}

}  // namespace mentor::test
