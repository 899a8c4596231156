// Recorded findings and verdicts follow rewritten commits: real `git rebase`, `git commit
// --amend` and squashes, with notes carried by notes.rewriteRef or found again by patch-id.
#include <map>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace {

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

// main: base; topic (from base): "add a" and "add b", each adding one print() (a no-print
// finding each). The findings of main..topic are recorded and the one in a.py is confirmed by
// a mentor before anything is rewritten.
struct RewriteFixture {
  TestRepo repo;
  RuleFile rules{kPrintRules};
  std::string dir = repo.path().string();
  std::string a_id;  // the review id of a.py's finding, before any rewrite

  RewriteFixture() {
    repo.write("base.py", "x = 1\n");
    repo.commit("base");
    repo.git({"checkout", "-q", "-b", "topic"});
    repo.write("a.py", "import os\nprint('a')\n");
    repo.commit("add a");
    repo.write("b.py", "import os\nprint('b')\n");
    repo.commit("add b");
    MentorRun recorded = run_in_process(
        {"-C", dir, "check", "--record", "--rules", rules.path(), "-q", "main..topic"});
    INFO(recorded.err);
    REQUIRE(recorded.code == 1);
    REQUIRE(recorded.err.empty());

    repo.git({"config", "user.name", "Mentor One"});
    repo.git({"config", "user.email", "mentor@example.com"});
    REQUIRE(run_in_process({"-C", dir, "review", "start", "--rules", rules.path(), "main..topic"})
                .code == 0);
    a_id = listed()["a.py"]["review_id"];
    REQUIRE(run_in_process(
                {"-C", dir, "review", "confirm", a_id.substr(0, 10), "--note", "use logging"})
                .code == 0);
    repo.git({"config", "user.name", kMentee.name});
    repo.git({"config", "user.email", kMentee.email});
  }

  // The findings `review list` shows for the open session, by path.
  std::map<std::string, nlohmann::json> listed() {
    MentorRun run = run_in_process({"-C", dir, "review", "list", "--format", "json"});
    INFO(run.err);
    REQUIRE(run.code == 0);
    nlohmann::json json = nlohmann::json::parse(run.out);
    std::map<std::string, nlohmann::json> out;
    for (const auto& f : json["findings"])
      out[f["path"].get<std::string>()] = f;
    return out;
  }

  // Moves main on by one commit that touches another file.
  void move_main(const std::string& file) {
    repo.git({"checkout", "-q", "main"});
    repo.write(file, "y = 1\n");
    repo.commit("main moves on: " + file);
    repo.git({"checkout", "-q", "topic"});
  }

  // `git mentor log RANGE --format json`, by path; REQUIREs the text form's tally line.
  std::map<std::string, nlohmann::json> log(const std::string& range, const std::string& tally) {
    MentorRun text = run_mentor({"-C", dir, "log", range});
    INFO(text.err);
    CHECK(text.code == 0);
    CHECK(text.out.find(tally) != std::string::npos);
    CHECK(text.err.empty());
    MentorRun json = run_mentor({"-C", dir, "log", range, "--format", "json"});
    std::map<std::string, nlohmann::json> out;
    for (const auto& f : nlohmann::json::parse(json.out))
      out[f["path"].get<std::string>()] = f;
    return out;
  }

  std::string rev(const std::string& name) { return trim(repo.git({"rev-parse", name})); }
};

}  // namespace

TEST_CASE("recording sets notes.rewriteRef for the refs that exist, keeping the user's values",
          "[e2e][rewrite]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("a.py", "print('a')\n");
  repo.commit("a");
  repo.git({"config", "--add", "notes.rewriteRef", "refs/notes/commits"});
  std::string dir = repo.path().string();
  // Nothing recorded yet: git would warn on every rebase about a notes ref that does not exist.
  REQUIRE(run_in_process({"-C", dir, "hook", "install"}).code == 0);
  CHECK(repo.git({"config", "--get-all", "notes.rewriteRef"}) == "refs/notes/commits\n");

  MentorRun run = run_in_process({"-C", dir, "check", "--record", "--rules", rules.path()});
  CHECK(run.err.find("warning") == std::string::npos);
  CHECK(repo.git({"config", "--get-all", "notes.rewriteRef"}) ==
        "refs/notes/commits\nrefs/notes/mentor\n");
  // Idempotent.
  run_in_process({"-C", dir, "check", "--record", "--rules", rules.path()});
  CHECK(repo.git({"config", "--get-all", "notes.rewriteRef"}) ==
        "refs/notes/commits\nrefs/notes/mentor\n");

  // The reviews ref is added once it exists (here: git made it), when hooks are installed.
  repo.git({"notes", "--ref", "mentor-reviews", "add", "-m", "x", "HEAD"});
  MentorRun install = run_in_process({"-C", dir, "hook", "install"});
  CHECK(install.out.find("added refs/notes/mentor-reviews to notes.rewriteRef") !=
        std::string::npos);
  CHECK(repo.git({"config", "--get-all", "notes.rewriteRef"}) ==
        "refs/notes/commits\nrefs/notes/mentor\nrefs/notes/mentor-reviews\n");
  // An amend then copies both notes, and git warns only about the user's ref, which does not
  // exist: the reason git-mentor adds a ref once it exists.
  CommandResult amend = repo.try_git({"commit", "-q", "--amend", "-m", "a, amended"});
  CHECK(amend.exit_code == 0);
  CHECK(amend.err == "warning: notes ref refs/notes/commits is invalid\n");
  CHECK_FALSE(repo.git({"notes", "--ref", "mentor", "show", "HEAD"}).empty());
  CHECK(repo.git({"notes", "--ref", "mentor-reviews", "show", "HEAD"}) == "x\n");
}

TEST_CASE("a glob in notes.rewriteRef covers the record refs: nothing is added", "[e2e][rewrite]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("a.py", "print('a')\n");
  repo.commit("a");
  repo.git({"config", "notes.rewriteRef", "refs/notes/*"});
  std::string dir = repo.path().string();
  run_in_process({"-C", dir, "check", "--record", "--rules", rules.path()});
  CHECK(repo.git({"config", "--get-all", "notes.rewriteRef"}) == "refs/notes/*\n");
}

TEST_CASE("rewriting turned off is not fought: one warning says how to turn it on",
          "[e2e][rewrite]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("a.py", "print('a')\n");
  repo.commit("a");
  repo.git({"config", "notes.rewrite.rebase", "false"});
  std::string dir = repo.path().string();
  MentorRun run = run_mentor({"-C", dir, "check", "--record", "--rules", rules.path(), "-q"});
  CHECK(run.err ==
        "git-mentor: warning: recorded findings will not follow rewritten (rebased, amended) "
        "commits through their notes: notes.rewrite.rebase is false (`git config "
        "notes.rewrite.rebase true` turns it on); git-mentor looks for them by patch-id "
        "instead\n");
  CHECK(repo.git({"config", "notes.rewrite.rebase"}) == "false\n");

  // GIT_NOTES_REWRITE_REF replaces notes.rewriteRef where it is set.
  repo.git({"config", "--unset", "notes.rewrite.rebase"});
  CommandResult env = run_command(
      {GIT_MENTOR_BINARY, "-C", dir, "check", "--record", "--rules", rules.path(), "-q"}, dir, "",
      {{"GIT_NOTES_REWRITE_REF", "refs/notes/commits"}});
  CHECK(env.err.find("GIT_NOTES_REWRITE_REF is set and replaces notes.rewriteRef, without "
                     "refs/notes/mentor and refs/notes/mentor-reviews (add "
                     "refs/notes/mentor:refs/notes/mentor-reviews to it, or unset it)") !=
        std::string::npos);
  CommandResult covered = run_command(
      {GIT_MENTOR_BINARY, "-C", dir, "check", "--record", "--rules", rules.path(), "-q"}, dir, "",
      {{"GIT_NOTES_REWRITE_REF", "refs/notes/mentor*"}});
  CHECK(covered.err.empty());
}

TEST_CASE("after a rebase the notes follow: log and review see the findings and verdicts",
          "[e2e][rewrite]") {
  RewriteFixture fx;
  CHECK(fx.repo.git({"config", "--get-all", "notes.rewriteRef"}) ==
        "refs/notes/mentor\nrefs/notes/mentor-reviews\n");
  std::string old_a = fx.rev("topic~1");
  fx.move_main("m1.py");
  fx.repo.git({"rebase", "-q", "main"});
  std::string new_a = fx.rev("topic~1");
  std::string new_b = fx.rev("topic");
  REQUIRE(new_a != old_a);

  auto log = fx.log("main..topic", "2 findings in 2 commits; 2 of 2 commits reviewed and recorded");
  REQUIRE(log.size() == 2);
  CHECK(log["a.py"]["commit"] == new_a);  // the commit whose note holds it
  CHECK(log["b.py"]["commit"] == new_b);
  CHECK(log["a.py"]["verdict"] == "confirmed");
  REQUIRE(log["a.py"]["reviews"].size() == 1);
  CHECK(log["a.py"]["reviews"][0]["note"] == "use logging");
  CHECK(log["b.py"]["verdict"].is_null());
  MentorRun text = run_mentor({"-C", fx.dir, "log", "main..topic"});
  CHECK(text.out.find("    confirmed by Mentor One <mentor@example.com>") != std::string::npos);

  // The stored line still names the old commit; it is read as the new one's.
  std::string note = fx.repo.git({"notes", "--ref", "mentor", "show", new_a});
  CHECK(note.find("\"commit\":\"" + old_a + "\"") != std::string::npos);

  // A new session over the rebased commits finds nothing to record and sees the verdict.
  REQUIRE(run_in_process({"-C", fx.dir, "review", "close"}).code == 0);
  MentorRun start =
      run_in_process({"-C", fx.dir, "review", "start", "--rules", fx.rules.path(), "main..topic"});
  CHECK(start.err.find("not recorded yet") == std::string::npos);
  auto listed = fx.listed();
  CHECK(listed["a.py"]["verdict"] == "confirmed");
  CHECK(listed["a.py"]["commit"] == new_a);
  CHECK(listed["b.py"]["verdict"] == "unjudged");

  // Judged again after the rebase: the newest verdict counts, the old one stays in the history.
  fx.repo.git({"config", "user.email", "mentor@example.com"});
  std::string id = listed["a.py"]["short_id"];
  REQUIRE(run_in_process({"-C", fx.dir, "review", "dismiss", id, "--note", "fine here"}).code == 0);
  listed = fx.listed();
  CHECK(listed["a.py"]["verdict"] == "dismissed");
  CHECK(listed["a.py"]["history"].size() == 2);

  // The summary counts the rebased commits as reviewed, with their findings.
  MentorRun summary = run_mentor({"-C", fx.dir, "summary", "main..topic", "--format", "json"});
  INFO(summary.err);
  CHECK(summary.code == 0);
  auto json = nlohmann::json::parse(summary.out);
  CHECK(json.dump().find("\"no-print\"") != std::string::npos);
}

TEST_CASE("after an amend the note follows", "[e2e][rewrite]") {
  RewriteFixture fx;
  std::string old_b = fx.rev("topic");
  fx.repo.write("b.py", "import os\nprint('b')\n\n");
  fx.repo.git({"add", "b.py"});
  fx.repo.git({"commit", "-q", "--amend", "-m", "add b, amended"});
  std::string new_b = fx.rev("topic");
  REQUIRE(new_b != old_b);
  auto log = fx.log("topic~1..topic", "1 finding in 1 commit; 1 of 1 commit reviewed and recorded");
  CHECK(log["b.py"]["commit"] == new_b);
}

TEST_CASE("a rebase without notes.rewriteRef: the record is found by patch-id", "[e2e][rewrite]") {
  RewriteFixture fx;
  std::string old_a = fx.rev("topic~1");
  fx.repo.git({"config", "--unset-all", "notes.rewriteRef"});
  fx.move_main("m1.py");
  fx.repo.git({"rebase", "-q", "main"});
  std::string new_a = fx.rev("topic~1");
  std::string new_b = fx.rev("topic");
  REQUIRE(fx.repo.try_git({"notes", "--ref", "mentor", "show", new_a}).exit_code != 0);
  // Rebasing keeps the author and the author time: what the look-up narrows candidates by.
  CHECK(fx.repo.git({"log", "-1", "--format=%an %ae %at", new_a}) ==
        fx.repo.git({"log", "-1", "--format=%an %ae %at", old_a}));

  auto log = fx.log("main..topic", "2 findings in 2 commits; 2 of 2 commits reviewed and recorded");
  CHECK(log["a.py"]["commit"] == new_a);
  CHECK(log["b.py"]["commit"] == new_b);
  CHECK(log["a.py"]["verdict"] == "confirmed");
  CHECK(log["a.py"]["reviews"][0]["note"] == "use logging");

  // A session opened now covers the new commits, with the old verdict.
  REQUIRE(run_in_process({"-C", fx.dir, "review", "close"}).code == 0);
  MentorRun start =
      run_in_process({"-C", fx.dir, "review", "start", "--rules", fx.rules.path(), "main..topic"});
  CHECK(start.err.find("not recorded yet") == std::string::npos);
  auto listed = fx.listed();
  CHECK(listed["a.py"]["commit"] == new_a);
  CHECK(listed["a.py"]["verdict"] == "confirmed");
  // The new commits' review ids resolve, with or without the session open.
  fx.repo.git({"config", "user.email", "mentor@example.com"});
  std::string b_id = listed["b.py"]["short_id"];
  REQUIRE(run_in_process({"-C", fx.dir, "review", "close"}).code == 0);
  // (with no session open, a verdict must say it is meant to be outside any)
  MentorRun praise = run_in_process({"-C", fx.dir, "review", "praise", b_id, "--outside-session"});
  INFO(praise.err);
  CHECK(praise.code == 0);
  listed = fx.listed();
  CHECK(listed["b.py"]["verdict"] == "praised");

  // Storing the session set notes.rewriteRef again.
  CHECK(fx.repo.git({"config", "--get-all", "notes.rewriteRef"}) ==
        "refs/notes/mentor\nrefs/notes/mentor-reviews\n");

  // A commit with the same author and time whose change differs is not taken for the old one.
  fx.repo.git({"config", "--unset-all", "notes.rewriteRef"});
  fx.repo.git({"checkout", "-q", "topic~1"});
  fx.repo.write("a.py", "import os\nprint('a', 2)\n");
  fx.repo.git({"add", "a.py"});
  fx.repo.git({"commit", "-q", "--amend", "--no-edit"});  // same author time, other change
  fx.log("main..HEAD", "0 findings in 0 commits; 0 of 1 commit reviewed and recorded");
}

TEST_CASE("a squash concatenates both notes and the squashed commit has both findings",
          "[e2e][rewrite]") {
  RewriteFixture fx;
  std::string old_a = fx.rev("topic~1");
  std::string old_b = fx.rev("topic");
  // git's default notes.rewriteMode, concatenate: the two notes joined with a blank line.
  fx.repo.git({"-c", "sequence.editor=sed -i -e 2s/^pick/fixup/", "rebase", "-q", "-i", "main"});
  std::string squashed = fx.rev("topic");
  CHECK(fx.rev("topic~1") == fx.rev("main"));
  std::string note = fx.repo.git({"notes", "--ref", "mentor", "show", squashed});
  CHECK(note.find("\n\n") != std::string::npos);
  CHECK(note.find(old_a) != std::string::npos);
  CHECK(note.find(old_b) != std::string::npos);

  auto log = fx.log("main..topic", "2 findings in 1 commit; 1 of 1 commit reviewed and recorded");
  CHECK(log["a.py"]["commit"] == squashed);
  CHECK(log["b.py"]["commit"] == squashed);
  CHECK(log["a.py"]["verdict"] == "confirmed");

  // Recording the squashed commit again rewrites the note sorted and unique, and adds nothing
  // that log would show twice.
  run_in_process(
      {"-C", fx.dir, "check", "--record", "--rules", fx.rules.path(), "-q", "main..topic"});
  note = fx.repo.git({"notes", "--ref", "mentor", "show", squashed});
  CHECK(note.find("\n\n") == std::string::npos);
  log = fx.log("main..topic", "2 findings in 1 commit; 1 of 1 commit reviewed and recorded");
}

TEST_CASE("git pull --rebase keeps the record of the commits it moves", "[e2e][rewrite]") {
  TestRepo remote(true);
  remote.write("base.py", "x = 1\n");
  remote.commit("base");
  TempDir clones;
  for (const char* name : {"mentee", "other"}) {
    REQUIRE(run_command({"git", "clone", "-q", remote.path().string(), name}, clones.path())
                .exit_code == 0);
  }
  TestRepo mentee = TestRepo::adopt(clones.path() / "mentee");
  TestRepo other = TestRepo::adopt(clones.path() / "other");
  RuleFile rules(kPrintRules);
  std::string dir = mentee.path().string();
  mentee.write("a.py", "print('a')\n");
  mentee.commit("a");
  mentee.write("b.py", "print('b')\n");
  mentee.commit("b");
  // The default range: the two commits no remote has.
  MentorRun recorded = run_in_process({"-C", dir, "check", "--record", "--rules", rules.path()});
  CHECK(recorded.err.find("2 findings of 2 commits") != std::string::npos);

  other.write("c.py", "c = 1\n");
  other.commit("c");
  REQUIRE(other.try_git({"push", "-q", "origin", "HEAD"}).exit_code == 0);
  mentee.git({"pull", "-q", "--rebase"});
  CHECK(trim(mentee.git({"rev-parse", "HEAD~2"})) == trim(other.git({"rev-parse", "HEAD"})));

  MentorRun log = run_mentor({"-C", dir, "log", "HEAD~2..HEAD"});
  CHECK(log.out.find("2 findings in 2 commits; 2 of 2 commits reviewed and recorded") !=
        std::string::npos);
  // Still not on the remote: the default range reviews them again.
  auto findings =
      findings_of(run_mentor({"-C", dir, "check", "--rules", rules.path(), "--format", "json"}));
  CHECK(findings.size() == 2);
}

}  // namespace mentor::test
