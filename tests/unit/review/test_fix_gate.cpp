// fixAfter: a fix held back until the mentee made the mistake before.
#include <catch2/catch.hpp>

#include "git/repository.hpp"
#include "record/findings_record.hpp"
#include "record/fix_history.hpp"
#include "review/fix_gate.hpp"
#include "support/temp_repo.hpp"
#include "unit/report/report_fixture.hpp"

namespace mentor::test {

namespace {

review::Finding with_fix(const rules::Rule& rule, std::string author) {
  review::Finding f = make_finding(rule, "app.py", 1, 1, 9, "print(x)");
  f.author = std::move(author);
  f.fix = review::Fix{};
  return f;
}

}  // namespace

TEST_CASE("fix_shown: from the fixAfter-th occurrence on", "[review][fix]") {
  CHECK(review::fix_shown(0, 0));
  CHECK(review::fix_shown(1, 0));
  CHECK_FALSE(review::fix_shown(2, 0));
  CHECK(review::fix_shown(2, 1));
  CHECK_FALSE(review::fix_shown(3, 1));
  CHECK(review::fix_shown(3, 5));
}

TEST_CASE("withhold_fixes counts the record and the run, by rule and author", "[review][fix]") {
  rules::Rule gated = make_rule("no-print", rules::Severity::warning);
  rules::Rule open = make_rule("open", rules::Severity::warning);
  const std::string ann = "Ann <ann@example.com>";
  const std::string bob = "Bob <bob@example.com>";
  review::Finding suppressed = with_fix(gated, ann);
  suppressed.suppressed = true;
  std::vector<review::CommitReview> reviews{
      make_review({with_fix(gated, ann), with_fix(gated, bob), suppressed, with_fix(open, ann)}),
      make_review({with_fix(gated, ann), with_fix(gated, bob)}, std::string(40, 'b'))};
  review::PriorFindings prior{{{"no-print", bob}, 1}};
  review::withhold_fixes(reviews, prior,
                         [](const rules::Rule& rule) { return rule.id == "no-print" ? 2U : 1U; });
  CHECK_FALSE(reviews[0].findings[0].fix);  // Ann's first: held back
  CHECK(reviews[0].findings[1].fix);        // Bob's second (one recorded before)
  CHECK(reviews[0].findings[2].fix);        // suppressed: left alone, not counted
  CHECK(reviews[0].findings[3].fix);        // a rule without fixAfter
  CHECK(reviews[1].findings[0].fix);        // Ann's second, in the same run
  CHECK(reviews[1].findings[1].fix);
}

TEST_CASE("prior_findings counts recorded findings, leaving out excluded commits",
          "[record][fix]") {
  TestRepo repo;
  repo.write("a.py", "x\n");
  const std::string first = repo.commit("one");
  repo.write("a.py", "y\n");
  const std::string second = repo.commit("two");
  rules::Rule rule = make_rule("no-print", rules::Severity::warning);
  const std::string ann = "Ann <ann@example.com>";
  review::Finding kept = with_fix(rule, ann);
  review::Finding quiet = with_fix(rule, ann);
  quiet.line = 2;
  quiet.fingerprint = "fedcba9876543210";
  quiet.suppressed = true;
  std::vector<review::CommitReview> reviews{make_review({kept, quiet}, first),
                                            make_review({with_fix(rule, ann)}, second)};
  git::Repository opened = git::Repository::discover(repo.path().string());
  REQUIRE(record::record_reviews(opened, reviews, "test", {}));

  review::PriorFindings all = record::prior_findings(opened, {}, {});
  CHECK(all == review::PriorFindings{{{"no-print", ann}, 2}});
  review::PriorFindings before_second = record::prior_findings(opened, {second}, {});
  CHECK(before_second == review::PriorFindings{{{"no-print", ann}, 1}});
}

}  // namespace mentor::test
