// ReviewCache: entries read back whole, and the directory kept within its bounds.
#include <filesystem>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "lang/language.hpp"
#include "review/file_review.hpp"
#include "review/review_cache.hpp"
#include "support/temp_repo.hpp"

namespace mentor::review {

namespace {

namespace fs = std::filesystem;

CommitReview review_of(std::size_t n) {
  CommitReview r;
  r.commit.id = fmt::format("{:040x}", n + 1);
  r.commit.author_name = "Mentee";
  r.commit.author_email = "mentee@example.com";
  r.commit.author_time = 1700000000 + static_cast<std::int64_t>(n);
  r.commit.summary = "change " + std::to_string(n);
  r.commit.parents = {fmt::format("{:040x}", n)};
  Finding f;
  f.rule = &unused_suppression_rule();
  f.message = "a message with\nnewlines, colons: and 12:digits";
  f.path = "dir/file.py";
  f.line = 3;
  f.column = 5;
  f.end_line = 4;
  f.end_column = 1;
  f.commit = r.commit.id;
  f.author = "Mentee <mentee@example.com>";
  f.fingerprint = "0123456789abcdef";
  f.source_line = "    x = 1  # mentor: ignore[x]";
  f.code = "x = 1";
  f.suppressed = true;
  f.suppression_reason = std::string("a\0b", 3);
  r.findings.push_back(f);
  Fix fix;
  fix.start_byte = 10;
  fix.end_byte = 15;
  fix.line = 3;
  fix.column = 5;
  fix.end_line = 3;
  fix.end_column = 10;
  fix.original = "x = 1";
  fix.replacement = "x = 2\n";
  fix.old_lines = "    x = 1  # mentor: ignore[x]";
  fix.new_lines = "    x = 2\n  # mentor: ignore[x]";
  f.fix = fix;
  r.findings.push_back(f);
  r.skipped.push_back({"big.py", "larger than max_file_bytes (10)"});
  r.paths = {"dir/file.py", "other.js"};
  return r;
}

std::size_t files_in(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("ReviewCache reads back what it stored, field for field", "[review][cache]") {
  test::TempDir dir;
  RuleSet rules;
  lang::LanguageMap languages;
  ReviewOptions options;
  options.languages = &languages;
  ReviewCache cache((dir.path() / "cache").string(), rules, options);
  CommitReview stored = review_of(7);
  CHECK_FALSE(cache.find(stored.commit.id));
  cache.store(stored);
  std::optional<CommitReview> back = cache.find(stored.commit.id);
  REQUIRE(back);
  CHECK(back->commit.id == stored.commit.id);
  CHECK(back->commit.author_time == stored.commit.author_time);
  CHECK(back->commit.parents == stored.commit.parents);
  REQUIRE(back->findings.size() == 2);
  CHECK_FALSE(back->findings[0].fix);
  REQUIRE(back->findings[1].fix);
  const Fix& x = *back->findings[1].fix;
  const Fix& y = *stored.findings[1].fix;
  CHECK(std::tie(x.start_byte, x.end_byte, x.line, x.column, x.end_line, x.end_column, x.original,
                 x.replacement, x.old_lines, x.new_lines) ==
        std::tie(y.start_byte, y.end_byte, y.line, y.column, y.end_line, y.end_column, y.original,
                 y.replacement, y.old_lines, y.new_lines));
  const Finding& f = back->findings[0];
  const Finding& g = stored.findings[0];
  CHECK(f.rule == g.rule);
  CHECK(std::tie(f.message, f.path, f.line, f.column, f.end_line, f.end_column, f.commit, f.author,
                 f.fingerprint, f.source_line, f.code, f.suppressed, f.suppression_reason) ==
        std::tie(g.message, g.path, g.line, g.column, g.end_line, g.end_column, g.commit, g.author,
                 g.fingerprint, g.source_line, g.code, g.suppressed, g.suppression_reason));
  REQUIRE(back->skipped.size() == 1);
  CHECK(back->skipped[0].reason == stored.skipped[0].reason);
  CHECK(back->paths == stored.paths);

  SECTION("another scope is another key") {
    ReviewOptions other = options;
    other.scope = Scope::added;
    CHECK_FALSE(ReviewCache((dir.path() / "cache").string(), rules, other).find(stored.commit.id));
  }
  SECTION("other ignores are another key") {
    ReviewOptions other = options;
    other.ignores = {"vendor/**"};
    CHECK_FALSE(ReviewCache((dir.path() / "cache").string(), rules, other).find(stored.commit.id));
  }
  SECTION("a finding of a rule the set does not have is a miss") {
    CommitReview unknown = review_of(8);
    rules::Rule gone;
    gone.id = "gone-rule";
    unknown.findings[0].rule = &gone;
    cache.store(unknown);
    CHECK_FALSE(cache.find(unknown.commit.id));
  }
}

TEST_CASE("ReviewCache keeps its directory within kMaxEntries", "[review][cache]") {
  test::TempDir dir;
  RuleSet rules;
  lang::LanguageMap languages;
  ReviewOptions options;
  options.languages = &languages;
  fs::path where = dir.path() / "cache";
  ReviewCache cache(where.string(), rules, options);
  const std::size_t total = ReviewCache::kMaxEntries + 50;
  for (std::size_t n = 0; n < total; ++n)
    cache.store(review_of(n));
  CHECK(files_in(where) == total);
  cache.trim();
  CHECK(files_in(where) == ReviewCache::kMaxEntries * 3 / 4);
  // The newest are kept.
  CHECK(cache.find(review_of(total - 1).commit.id));
  cache.trim();  // within bounds: nothing more goes
  CHECK(files_in(where) == ReviewCache::kMaxEntries * 3 / 4);
}

}  // namespace mentor::review
