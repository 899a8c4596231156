// `git mentor rules list|explain|test`.
#include "cli/rules_command.hpp"

#include <filesystem>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/rule_sources.hpp"
#include "cli/workspace.hpp"
#include "lang/parser.hpp"
#include "report/markdown.hpp"
#include "rules/rule_tester.hpp"
#include "util/encoding.hpp"
#include "util/error.hpp"
#include "util/suggest.hpp"

namespace mentor::cli {

namespace {

// The rules of the repository (configured plus --rules and --utils), or only those of `paths`
// (with the utilities of --utils) when given: `rules test PATH` needs no repository.
// ast-grep test files found among them go to `tests` when given.
review::RuleSet load(const RulesArgs& args, std::vector<rules::RuleTestCase>* tests = nullptr) {
  review::RuleSet set;
  if (!args.paths.empty()) {
    RuleSources sources;
    sources.rules = args.paths;
    sources.utils = args.rules.utils;
    load_rule_files(std::filesystem::absolute(args.directory).string(), sources, set,
                    {.tests = tests});
    return set;
  }
  Workspace workspace = open_workspace(args.directory);
  load_workspace_rules(workspace, args.directory, args.rules, set, {.tests = tests});
  return set;
}

// "    " before every line of `snippet`, without its final newline.
std::string indented(std::string snippet) {
  if (!snippet.empty() && snippet.back() == '\n')
    snippet.pop_back();
  // Each line of the example (from a rule file) terminal-safe.
  std::string out = "    ";
  std::size_t start = 0;
  while (true) {
    std::size_t eol = snippet.find('\n', start);
    out += util::terminal_safe(std::string_view(snippet).substr(start, eol - start));
    if (eol == std::string::npos)
      break;
    out += "\n    ";
    start = eol + 1;
  }
  return out;
}

// Prints each failure of `rule` (defined at `where`); returns whether there was any.
bool report_failures(const rules::Rule& rule, const SourcePos& where, lang::Parser& parser,
                     Streams& streams) {
  auto failures = rules::test_rule_examples(rule, parser);
  for (const auto& failure : failures) {
    if (failure.kind == rules::ExampleFailure::Kind::bad_fix) {
      fmt::print(streams.out, "{}:{}: Bad fix [{}]: {}\n{}\n  fixed:\n{}\n",
                 util::terminal_safe(where.file), where.line, util::terminal_safe(rule.id),
                 failure.problem, indented(failure.snippet), indented(failure.fixed));
      continue;
    }
    bool missing = failure.kind == rules::ExampleFailure::Kind::missing;
    fmt::print(streams.out, "{}:{}: {} [{}]: {}\n{}\n", util::terminal_safe(where.file), where.line,
               missing ? "Missing" : "Noisy", util::terminal_safe(rule.id),
               missing ? "a bad example the rule should match, did not"
                       : "a good example the rule should not match, did",
               indented(failure.snippet));
  }
  return !failures.empty();
}

}  // namespace

int run_rules_list(const RulesArgs& args, Streams& streams) {
  review::RuleSet set = load(args);
  std::size_t id_width = 2;
  for (const auto* rule : set.all())
    id_width = std::max(id_width, util::terminal_safe(rule->id).size());
  fmt::print(streams.out, "{:<{}}  {:<10}  {:<8}  {:<20}  {}\n", "ID", id_width, "LANGUAGE",
             "SEVERITY", "SKILL", "SOURCE");
  for (const auto* rule : set.all()) {
    fmt::print(streams.out, "{:<{}}  {:<10}  {:<8}  {:<20}  {}:{}\n", util::terminal_safe(rule->id),
               id_width, rule->language->name, rules::to_string(rule->severity),
               util::terminal_safe(rule->skill), util::terminal_safe(rule->origin.file),
               rule->origin.line);
  }
  return 0;
}

int run_rules_explain(const RulesArgs& args, Streams& streams) {
  review::RuleSet set = load(args);
  const rules::Rule* rule = set.find(args.id);
  if (rule == nullptr) {
    std::vector<std::string_view> ids;
    for (const auto* candidate : set.all())
      ids.push_back(candidate->id);
    std::string hint = did_you_mean(args.id, ids);
    throw Error("no rule with id '" + args.id + "'" + (hint.empty() ? "" : hint) +
                "; `git mentor rules list` shows them all");
  }
  bool color = streams.out_is_terminal && std::getenv("NO_COLOR") == nullptr;
  auto bold = [&](const std::string& text) { return color ? "\x1b[1m" + text + "\x1b[0m" : text; };
  fmt::print(streams.out, "{}  ({} {}, skill: {})\n", bold(util::terminal_safe(rule->id)),
             rule->language->name, rules::to_string(rule->severity),
             rule->skill.empty() ? "-" : util::terminal_safe(rule->skill));
  fmt::print(streams.out, "{}\n\n", util::terminal_safe(rule->message));
  if (rule->lesson.empty()) {
    fmt::print(streams.out, "(this rule has no lesson yet)\n");
  } else {
    fmt::print(streams.out, "{}", report::render_markdown(rule->lesson, color));
  }
  if (!rule->url.empty())
    fmt::print(streams.out, "\nMore: {}\n", util::terminal_safe(rule->url));
  fmt::print(streams.out, "\nDefined in {}:{}\n", util::terminal_safe(rule->origin.file),
             rule->origin.line);
  return 0;
}

int run_rules_test(const RulesArgs& args, Streams& streams) {
  std::vector<rules::RuleTestCase> tests;
  review::RuleSet set = load(args, &tests);
  lang::Parser parser;
  std::size_t failed = 0;
  std::size_t examples = 0;
  for (const auto* rule : set.all()) {
    examples += rule->bad_examples.size() + rule->good_examples.size();
    if (report_failures(*rule, rule->origin, parser, streams))
      ++failed;
  }
  // ast-grep test files: `invalid` must match, `valid` must not.
  for (const auto& test : tests) {
    const rules::Rule* rule = set.find(test.id);
    if (rule == nullptr) {
      fmt::print(streams.out, "{}:{}: Missing [{}]: no rule with this id is loaded\n",
                 util::terminal_safe(test.origin.file), test.origin.line,
                 util::terminal_safe(test.id));
      ++failed;
      continue;
    }
    rules::Rule with_tests = *rule;
    with_tests.bad_examples = test.invalid;
    with_tests.good_examples = test.valid;
    examples += test.invalid.size() + test.valid.size();
    if (report_failures(with_tests, test.origin, parser, streams))
      ++failed;
  }
  std::size_t total = set.all().size() + tests.size();
  fmt::print(streams.out, "{} rules{}, {} examples: {} passed, {} failed\n", set.all().size(),
             tests.empty() ? "" : fmt::format(" and {} test files' cases", tests.size()), examples,
             total - failed, failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace mentor::cli
