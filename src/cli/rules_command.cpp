// `git mentor rules list|explain|test`.
#include "cli/rules_command.hpp"

#include <filesystem>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/rule_sources.hpp"
#include "cli/workspace.hpp"
#include "lang/parser.hpp"
#include "rules/rule_tester.hpp"
#include "util/error.hpp"
#include "util/suggest.hpp"

namespace mentor::cli {

namespace {

// The rules of the repository (configured plus --rules), or only those of `paths` when given:
// `rules test PATH` needs no repository.
review::RuleSet load(const RulesArgs& args) {
  review::RuleSet set;
  if (!args.paths.empty()) {
    load_rule_files(std::filesystem::absolute(args.directory).string(), args.paths, set);
    return set;
  }
  Workspace workspace = open_workspace(args.directory);
  load_workspace_rules(workspace, args.directory, args.rules, set);
  return set;
}

}  // namespace

int run_rules_list(const RulesArgs& args, Streams& streams) {
  review::RuleSet set = load(args);
  std::size_t id_width = 2;
  for (const auto* rule : set.all())
    id_width = std::max(id_width, rule->id.size());
  fmt::print(streams.out, "{:<{}}  {:<10}  {:<8}  {:<20}  {}\n", "ID", id_width, "LANGUAGE",
             "SEVERITY", "SKILL", "SOURCE");
  for (const auto* rule : set.all()) {
    fmt::print(streams.out, "{:<{}}  {:<10}  {:<8}  {:<20}  {}:{}\n", rule->id, id_width,
               rule->language->name, rules::to_string(rule->severity), rule->skill,
               rule->origin.file, rule->origin.line);
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
  fmt::print(streams.out, "{}  ({} {}, skill: {})\n", bold(rule->id), rule->language->name,
             rules::to_string(rule->severity), rule->skill.empty() ? "-" : rule->skill);
  fmt::print(streams.out, "{}\n\n", rule->message);
  if (rule->lesson.empty()) {
    fmt::print(streams.out, "(this rule has no lesson yet)\n");
  } else {
    fmt::print(streams.out, "{}", rule->lesson);
    if (rule->lesson.back() != '\n')
      fmt::print(streams.out, "\n");
  }
  if (!rule->url.empty())
    fmt::print(streams.out, "\nMore: {}\n", rule->url);
  fmt::print(streams.out, "\nDefined in {}:{}\n", rule->origin.file, rule->origin.line);
  return 0;
}

int run_rules_test(const RulesArgs& args, Streams& streams) {
  review::RuleSet set = load(args);
  lang::Parser parser;
  std::size_t failed_rules = 0;
  std::size_t examples = 0;
  for (const auto* rule : set.all()) {
    examples += rule->bad_examples.size() + rule->good_examples.size();
    auto failures = rules::test_rule_examples(*rule, parser);
    if (failures.empty())
      continue;
    ++failed_rules;
    for (const auto& failure : failures) {
      bool missing = failure.kind == rules::ExampleFailure::Kind::missing;
      fmt::print(streams.out, "{}:{}: {} [{}]: {}\n", rule->origin.file, rule->origin.line,
                 missing ? "Missing" : "Noisy", rule->id,
                 missing ? "a bad example the rule should match, did not"
                         : "a good example the rule should not match, did");
      std::string snippet = failure.snippet;
      if (!snippet.empty() && snippet.back() == '\n')
        snippet.pop_back();
      std::string indented = "    ";
      for (char c : snippet) {
        indented += c;
        if (c == '\n')
          indented += "    ";
      }
      fmt::print(streams.out, "{}\n", indented);
    }
  }
  fmt::print(streams.out, "{} rules, {} examples: {} passed, {} failed\n", set.all().size(),
             examples, set.all().size() - failed_rules, failed_rules);
  return failed_rules == 0 ? 0 : 1;
}

}  // namespace mentor::cli
