// Reading the record back after git rewrote commits: notes carried to new commits, joined by
// git's `concatenate` rewrite mode, and verdicts that follow their findings.
#include <catch2/catch.hpp>

#include "git/repository.hpp"
#include "record/findings_record.hpp"
#include "record/reviews_record.hpp"
#include "support/temp_repo.hpp"

namespace mentor::test {

namespace {

std::string finding_line(const std::string& commit, int line) {
  return R"({"v":1,"type":"finding","commit":")" + commit + R"(","path":"a.py","line":)" +
         std::to_string(line) +
         R"(,"col":1,"end_line":1,"end_col":9,"rule":"no-print","id":"0123456789abcdef",)"
         R"("severity":"error","skill":"","message":"m","author":"A <a@example.com>",)"
         R"("suppressed":false,"tool_version":"0.1.0"})";
}

std::string reviewed_line(const std::string& commit) {
  return R"({"v":1,"type":"reviewed","commit":")" + commit + R"(","tool_version":"0.1.0"})";
}

std::string annotation_line(const std::string& commit, const std::string& verdict,
                            const std::string& time) {
  return R"({"v":1,"type":"annotation","commit":")" + commit +
         R"(","finding":"0123456789abcdef","rule":"no-print","verdict":")" + verdict +
         R"(","note":"","mentor":"M <m@example.com>","time":")" + time + R"(","session":""})";
}

// Sets the note of `commit` in `ref` to exactly `text` (no clean-up of blank lines).
void set_note(TestRepo& repo, const std::string& ref, const std::string& commit,
              const std::string& text) {
  CommandResult blob = repo.try_git({"hash-object", "-w", "--stdin"}, text);
  REQUIRE(blob.exit_code == 0);
  repo.git({"notes", "--ref", ref, "add", "-f", "-C", blob.out.substr(0, 40), commit});
}

struct TwoCommits {
  TestRepo repo;
  std::string old_id;
  std::string new_id;
  TwoCommits() {
    repo.write("a.py", "print(1)\n");
    old_id = repo.commit("old");
    repo.write("b.py", "print(2)\n");
    new_id = repo.commit("new");
  }
};

}  // namespace

TEST_CASE("a note concatenated by a rewrite reads as the new commit's record",
          "[record][rewrite]") {
  TwoCommits c;
  // What `concatenate` leaves after a squash: two notes joined by a blank line, unsorted, with a
  // line repeated; the lines name the commits they were recorded on.
  set_note(c.repo, "refs/notes/mentor", c.new_id,
           finding_line(c.old_id, 1) + "\n" + reviewed_line(c.old_id) + "\n\n" +
               finding_line(c.old_id, 1) + "\n" + reviewed_line(c.new_id) + "\n" +
               finding_line(c.new_id, 5) + "\n\n");
  git::Repository repo = git::Repository::discover(c.repo.path().string());
  std::vector<std::string> warnings;
  auto warn = [&](const std::string& message) { warnings.push_back(message); };

  auto records = record::read_records(repo, {c.new_id}, warn);
  CHECK(warnings.empty());
  REQUIRE(records.count(c.new_id) == 1);
  const record::CommitRecord& r = records[c.new_id];
  CHECK(r.reviewed);
  REQUIRE(r.findings.size() == 2);  // the repeated line counts once
  CHECK(r.findings[0].commit == c.new_id);
  CHECK(r.findings[0].line == 1);
  CHECK(r.findings[1].commit == c.new_id);
  CHECK(r.findings[1].line == 5);
  CHECK(r.rewritten_from == std::set<std::string>{c.old_id});

  // The same when every annotated commit is read.
  auto all = record::read_records(repo, {}, warn);
  CHECK(all[c.new_id].findings.size() == 2);
  CHECK(warnings.empty());
}

TEST_CASE("verdicts follow a finding to its rewritten commit", "[record][rewrite]") {
  TwoCommits c;
  set_note(c.repo, "refs/notes/mentor", c.new_id,
           finding_line(c.old_id, 1) + "\n" + reviewed_line(c.old_id) + "\n");
  // A verdict on the old commit (its note was not carried), and the same verdict carried to the
  // new commit's note together with a later one, twice (concatenated).
  std::string first = annotation_line(c.old_id, "confirmed", "2026-01-01T00:00:00.000Z");
  std::string later = annotation_line(c.old_id, "dismissed", "2026-01-02T00:00:00.000Z");
  set_note(c.repo, "refs/notes/mentor-reviews", c.old_id, first + "\n");
  set_note(c.repo, "refs/notes/mentor-reviews", c.new_id,
           first + "\n" + later + "\n\n" + later + "\n");
  git::Repository repo = git::Repository::discover(c.repo.path().string());

  record::ReviewsRecord reviews = record::read_reviews(repo, {});
  // Keyed by the commit whose note holds the line.
  const record::FindingReview* carried = reviews.find({c.new_id, "0123456789abcdef"});
  REQUIRE(carried != nullptr);
  CHECK(carried->history.size() == 2);
  CHECK(carried->verdict == record::Verdict::dismissed);

  auto records = record::read_records(repo, {c.new_id}, {});
  record::carry_verdicts(reviews, records);
  const record::FindingReview* review = reviews.find({c.new_id, "0123456789abcdef"});
  REQUIRE(review != nullptr);
  REQUIRE(review->history.size() == 2);  // the old commit's copy of `first` counts once
  CHECK(review->history[0].verdict == record::Verdict::confirmed);
  CHECK(review->history[0].key.commit == c.new_id);
  CHECK(review->verdict == record::Verdict::dismissed);
  // The old commit keeps its own.
  const record::FindingReview* old_review = reviews.find({c.old_id, "0123456789abcdef"});
  REQUIRE(old_review != nullptr);
  CHECK(old_review->history.size() == 1);
}

}  // namespace mentor::test
