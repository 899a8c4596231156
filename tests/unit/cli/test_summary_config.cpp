// The `summary:` section of .git-mentor.yaml.
#include <catch2/catch.hpp>

#include "cli/config.hpp"

using namespace mentor;

namespace {

Error summary_error(const std::string& yaml) {
  try {
    cli::parse_config(yaml, "c.yaml");
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for: " << yaml);
  return Error("unreachable");
}

}  // namespace

TEST_CASE("config summary: keys are read, the rest keep their defaults", "[cli][config][summary]") {
  auto config = cli::parse_config(
      "summary:\n  recurring: 4\n  mastered_after: 8\n  dismissal_threshold: 0.3\n"
      "  min_verdicts: 5\n  confirmed_weight: 3\n  trend_margin: 0.1\n  chart_points: 20\n"
      "  mastered_min_occurrences: 3\n  trend_min_weight: 0.5\n",
      ".git-mentor.yaml");
  CHECK(config.summary.mastered_min_occurrences == 3);
  CHECK(config.summary.trend_min_weight == Approx(0.5));
  CHECK(config.summary.recurring == 4);
  CHECK(config.summary.mastered_after == 8);
  CHECK(config.summary.dismissal_threshold == Approx(0.3));
  CHECK(config.summary.min_verdicts == 5);
  CHECK(config.summary.confirmed_weight == Approx(3));
  CHECK(config.summary.trend_margin == Approx(0.1));
  CHECK(config.summary.chart_points == 20);

  auto defaults = cli::parse_config("summary: { recurring: 2 }\n", "c.yaml");
  CHECK(defaults.summary.recurring == 2);
  CHECK(defaults.summary.mastered_after == 5);
  CHECK(defaults.summary.dismissal_threshold == Approx(0.5));
  CHECK(defaults.summary.confirmed_weight == Approx(2));
  CHECK(defaults.summary.mastered_min_occurrences == 2);
  CHECK(defaults.summary.trend_min_weight == Approx(2));
  CHECK(cli::parse_config("", "c.yaml").summary.recurring == 3);
}

TEST_CASE("config summary: bad values name the key and the place", "[cli][config][summary]") {
  Error unknown = summary_error("summary:\n  recuring: 3\n");
  CHECK(std::string(unknown.what()) ==
        "unknown key 'summary.recuring' (did you mean 'recurring'?)");
  CHECK(unknown.pos().line == 2);
  CHECK(unknown.pos().column == 3);
  CHECK(std::string(summary_error("summary: { recurring: 0 }").what()) ==
        "summary.recurring must be a positive whole number");
  CHECK(std::string(summary_error("summary: { mastered_after: -1 }").what()) ==
        "summary.mastered_after must be a positive whole number");
  CHECK(std::string(summary_error("summary: { recurring: 2.5 }").what()) ==
        "summary.recurring must be a positive whole number");
  CHECK(std::string(summary_error("summary: { dismissal_threshold: 1.5 }").what()) ==
        "summary.dismissal_threshold must be a number from 0 to 1");
  CHECK(std::string(summary_error("summary: { confirmed_weight: 0.5 }").what()) ==
        "summary.confirmed_weight must be a number from 1 to 1000");
  CHECK(std::string(summary_error("summary: { trend_margin: x }").what()) ==
        "summary.trend_margin must be a number from 0 to 0.99");
  CHECK(std::string(summary_error("summary: [1, 2]").what()) ==
        "summary must be a mapping of keys, e.g. { recurring: 3 }");
  CHECK(std::string(summary_error("sumary: {}").what()) ==
        "unknown key 'sumary' (did you mean 'summary'?)");
}

TEST_CASE("config summary: lesson_window", "[cli][config][summary][lesson-effect]") {
  CHECK(cli::parse_config("", "c.yaml").summary.lesson_window == 10);
  CHECK(cli::parse_config("summary: { lesson_window: 4 }\n", "c.yaml").summary.lesson_window == 4);
  CHECK(std::string(summary_error("summary: { lesson_window: 0 }").what()) ==
        "summary.lesson_window must be a positive whole number");
  CHECK(std::string(summary_error("summary: { lesson_windw: 3 }").what()) ==
        "unknown key 'summary.lesson_windw' (did you mean 'lesson_window'?)");
}
