// `git mentor rules list|explain|test|new`.
#include "cli/rules_command.hpp"
#include "cli/color.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/rule_sources.hpp"
#include "cli/workspace.hpp"
#include "lang/parser.hpp"
#include "report/markdown.hpp"
#include "rules/rule_compiler.hpp"
#include "rules/rule_tester.hpp"
#include "util/embedded_file.hpp"
#include "util/encoding.hpp"
#include "util/error.hpp"
#include "util/suggest.hpp"

namespace mentor::cli {

namespace {

// The schema file `rules new` writes next to the rules it creates, which point at it.
constexpr const char* kRuleSchemaFile = "rule.schema.json";

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

std::string at(const SourcePos& pos) {
  return util::terminal_safe(pos.file) + ":" + std::to_string(pos.line) + ":" +
         std::to_string(pos.column);
}

// "  held: pattern (FILE:L:C), kind (FILE:L:C)"; empty when none held.
std::string held_line(const rules::MatchExplanation& explanation) {
  if (explanation.held.empty())
    return "";
  std::string out = "  held:";
  for (std::size_t i = 0; i < explanation.held.size(); ++i) {
    const rules::RulePart& part = explanation.held[i];
    out += (i == 0 ? " " : ", ") + util::terminal_safe(part.what) + " (" + at(part.pos) + ")";
  }
  return out + "\n";
}

// Why `failure` happened: the node it is about and the rule's parts there.
std::string why(const rules::ExampleFailure& failure) {
  if (!failure.diagnosis)
    return failure.note.empty() ? "" : "  (" + util::terminal_safe(failure.note) + ")\n";
  const rules::ExampleDiagnosis& node = *failure.diagnosis;
  bool missing = failure.kind == rules::ExampleFailure::Kind::missing;
  std::string out = fmt::format("  {}: {} `{}` at {}:{}\n", missing ? "closest node" : "matched",
                                util::terminal_safe(node.kind), util::terminal_safe(node.text),
                                node.row + 1, node.column + 1);
  if (const auto& failed = node.explanation.failed) {
    out += fmt::format("  did not hold: {} ({})\n", util::terminal_safe(failed->what),
                       at(failed->pos));
  }
  return out + held_line(node.explanation);
}

// Prints each failure of `rule` (defined at `where`); returns how many examples failed.
std::size_t report_failures(const rules::Rule& rule, const SourcePos& where, lang::Parser& parser,
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
    fmt::print(streams.out, "{}:{}: {} [{}]: {}\n{}\n{}", util::terminal_safe(where.file),
               where.line, missing ? "Missing" : "Noisy", util::terminal_safe(rule.id),
               missing ? "a bad example the rule should match, did not"
                       : "a good example the rule should not match, did",
               indented(failure.snippet), why(failure));
  }
  return failures.size();
}

std::string plural(std::size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

const lang::Language& language_named(const std::string& name) {
  std::string lower = name;
  for (char& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (const lang::Language* language = lang::find_language(lower))
    return *language;
  std::vector<std::string_view> names;
  std::string known;
  for (const auto& language : lang::all_languages()) {
    names.push_back(language.name);
    known += (known.empty() ? "" : ", ") + std::string(language.name);
  }
  std::string hint = did_you_mean(lower, names);
  throw Error("unknown language '" + name + "'" +
              (hint.empty() ? " (known: " + known + ")" : hint));
}

// Whether `path` is `root` or below it, symbolic links resolved, and not in its .git.
bool inside_work_tree(const std::filesystem::path& root, const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path base = fs::weakly_canonical(root, ec);
  fs::path target = fs::weakly_canonical(path, ec);
  if (ec)
    return false;
  auto relative = target.lexically_relative(base);
  return !relative.empty() && *relative.begin() != ".." && *relative.begin() != ".git";
}

// The directory `rules new` writes to when --dir is not given: the first directory of the
// configuration's `rules:` inside the work tree, else .mentor/rules at the repository root
// (`configured` says which).
std::filesystem::path default_rules_dir(const RulesArgs& args, bool& configured) {
  namespace fs = std::filesystem;
  Workspace workspace = open_workspace(args.directory);
  fs::path root = workspace.repo.workdir();
  if (root.empty())
    throw Error("a bare repository has no work tree to write a rule in; give --dir");
  configured = true;
  for (const auto& entry : workspace.config.rules) {
    std::error_code ec;
    if (entry != "builtin" && entry.find_first_of("*?[") == std::string::npos &&
        fs::is_directory(root / entry, ec) && inside_work_tree(root, root / entry)) {
      return root / entry;
    }
  }
  configured = false;
  return root / ".mentor" / "rules";
}

std::string_view embedded_schema(std::string_view name) {
  for (const auto& file : schema_files()) {
    if (file.path == name)
      return file.text;
  }
  return {};
}

// A rule file to fill in. It loads as is; its examples fail (Missing) until they and the
// pattern are replaced, so a forgotten scaffold shows in `rules test`.
std::string scaffold(const std::string& id, const lang::Language& language,
                     const std::string& skill) {
  return fmt::format(
      R"yaml(# yaml-language-server: $schema={schema}
# Written by `git mentor rules new`; replace every TODO, then run `git mentor rules test`.
id: {id}
language: {language}
severity: warning
message: "TODO: the one line a mentee reads next to the code ($VAR shows what it captured)"
skill: {skill}
lesson: |
  TODO: why this matters and what to write instead, in 3 to 6 sentences of Markdown,
  followed by a short example of the better way.
rule:
  pattern: TODO_PATTERN
examples:
  bad:
    - "TODO: a whole file of {language} the rule must match"
  good:
    - "TODO: the correct version, and a look-alike the rule must not match"
)yaml",
      fmt::arg("schema", kRuleSchemaFile), fmt::arg("id", id), fmt::arg("language", language.name),
      fmt::arg("skill", skill.empty() ? "TODO" : skill));
}

}  // namespace

int run_rules_list(const RulesArgs& args, Streams& streams) {
  const lang::Language* language = args.language.empty() ? nullptr : &language_named(args.language);
  std::optional<rules::Severity> severity;
  if (!args.severity.empty()) {
    severity = rules::severity_from_string(args.severity);
    if (!severity)
      throw Error("unknown severity '" + args.severity +
                  "' (one of error, warning, info, hint, praise)");
  }
  review::RuleSet set = load(args);
  std::vector<const rules::Rule*> shown;
  for (const auto* rule : set.all()) {
    if ((language == nullptr || rule->language == language) &&
        (args.skill.empty() || rule->skill == args.skill) &&
        (!severity || rule->severity == *severity)) {
      shown.push_back(rule);
    }
  }
  std::size_t id_width = 2;
  for (const auto* rule : shown)
    id_width = std::max(id_width, util::terminal_safe(rule->id).size());
  fmt::print(streams.out, "{:<{}}  {:<10}  {:<8}  {:<20}  {}\n", "ID", id_width, "LANGUAGE",
             "SEVERITY", "SKILL", "SOURCE");
  for (const auto* rule : shown) {
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
  bool color = use_color("auto", streams.out_is_terminal);
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
  auto examples = [&](std::string_view title, const std::vector<std::string>& snippets) {
    if (snippets.empty())
      return;
    fmt::print(streams.out, "\n{}\n", bold(std::string(title)));
    for (std::size_t i = 0; i < snippets.size(); ++i)
      fmt::print(streams.out, "{}{}\n", i == 0 ? "" : "\n", indented(snippets[i]));
  };
  examples("Bad: (the rule matches)", rule->bad_examples);
  examples("Good: (the rule does not match)", rule->good_examples);
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
    failed += report_failures(*rule, rule->origin, parser, streams);
  }
  // ast-grep test files: `invalid` must match, `valid` must not.
  std::set<std::string_view> tested_by_file;
  for (const auto& test : tests) {
    const rules::Rule* rule = set.find(test.id);
    std::size_t cases = test.invalid.size() + test.valid.size();
    if (rule == nullptr) {
      fmt::print(streams.out, "{}:{}: Missing [{}]: no rule with this id is loaded\n",
                 util::terminal_safe(test.origin.file), test.origin.line,
                 util::terminal_safe(test.id));
      // Every case of the test fails; a test without cases still counts as one failure.
      examples += std::max<std::size_t>(cases, 1);
      failed += std::max<std::size_t>(cases, 1);
      continue;
    }
    tested_by_file.insert(rule->id);
    rules::Rule with_tests = *rule;
    with_tests.bad_examples = test.invalid;
    with_tests.good_examples = test.valid;
    examples += cases;
    failed += report_failures(with_tests, test.origin, parser, streams);
  }
  std::size_t untested = 0;
  for (const auto* rule : set.all()) {
    if (!rule->bad_examples.empty() || !rule->good_examples.empty() ||
        tested_by_file.contains(rule->id)) {
      continue;
    }
    ++untested;
    fmt::print(streams.out,
               "{}:{}: Untested [{}]: no examples; add examples.bad (code it must match) and "
               "examples.good (code it must not)\n",
               util::terminal_safe(rule->origin.file), rule->origin.line,
               util::terminal_safe(rule->id));
  }
  fmt::print(streams.out, "{} in {}: {} passed, {} failed{}\n", plural(examples, "example"),
             plural(set.all().size(), "rule"), examples - failed, failed,
             untested == 0 ? "" : fmt::format("; {} untested", plural(untested, "rule")));
  return failed > 0 || (args.strict && untested > 0) ? 1 : 0;
}

int run_rules_new(const RulesArgs& args, Streams& streams) {
  namespace fs = std::filesystem;
  if (!rules::is_kebab_case(args.id)) {
    throw Error("rule id '" + args.id +
                "' must be kebab-case (lowercase letters, digits and single dashes), e.g. "
                "py-no-print");
  }
  const lang::Language& language = language_named(args.language);
  bool configured = true;
  fs::path dir = args.dir.empty()
                     ? default_rules_dir(args, configured)
                     : (fs::absolute(args.directory) / fs::path(args.dir)).lexically_normal();
  fs::path file = dir / (args.id + ".yaml");
  std::error_code ec;
  if (fs::exists(fs::symlink_status(file, ec)))
    throw Error(file.string() + " already exists; git mentor rules new never overwrites a file");
  fs::create_directories(dir, ec);
  if (ec)
    throw Error("cannot create " + dir.string() + ": " + ec.message());
  // Created exclusively ("x"): a file appearing meanwhile is not overwritten either.
  std::unique_ptr<std::FILE, decltype(&std::fclose)> out(std::fopen(file.c_str(), "wx"),
                                                         &std::fclose);
  if (!out)
    throw Error("cannot create " + file.string() + " (it may already exist)");
  std::string text = scaffold(args.id, language, args.skill);
  if (std::fwrite(text.data(), 1, text.size(), out.get()) != text.size() ||
      std::fflush(out.get()) != 0) {
    throw Error("cannot write " + file.string());
  }
  out.reset();
  fs::path schema = dir / kRuleSchemaFile;
  bool wrote_schema = false;
  if (!fs::exists(fs::symlink_status(schema, ec))) {
    std::ofstream stream(schema, std::ios::binary);
    stream << embedded_schema("schemas/rule.schema.json");
    stream.close();
    if (!stream)
      throw Error("cannot write " + schema.string());
    wrote_schema = true;
  }
  fmt::print(streams.out,
             "Wrote {}{}\nFill in its TODOs (it fails its own examples until then), "
             "then: git mentor rules test {}\n",
             util::terminal_safe(file.string()),
             wrote_schema ? " and " + util::terminal_safe(schema.string()) + " (for editors)" : "",
             util::terminal_safe(file.string()));
  if (!configured) {
    fmt::print(streams.out,
               "Add .mentor/rules to `rules:` in .git-mentor.yaml (e.g. rules: [builtin, "
               ".mentor/rules]) so that check uses it.\n");
  }
  return 0;
}

}  // namespace mentor::cli
