// `git mentor rules try`.
#include "cli/rules_try.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "cli/workspace.hpp"
#include "git/commit_range.hpp"
#include "git/file_at.hpp"
#include "lang/language.hpp"
#include "lang/parser.hpp"
#include "lang/tree_dump.hpp"
#include "review/reviewer.hpp"
#include "rules/match_details.hpp"
#include "rules/match_limits.hpp"
#include "rules/matcher.hpp"
#include "rules/pattern_dump.hpp"
#include "rules/rule_loader.hpp"
#include "util/encoding.hpp"
#include "util/error.hpp"
#include "util/excerpt.hpp"
#include "util/regular_file.hpp"
#include "util/suggest.hpp"

namespace mentor::cli {

namespace {

using Json = nlohmann::ordered_json;

// The most lines of a match's code the text output shows, and of a $$$ list's nodes.
constexpr std::size_t kMaxCodeLines = 8;
constexpr std::size_t kMaxListedNodes = 20;

// The largest FILE read when outside a repository (else the configured max_file_bytes).
constexpr std::uint64_t kMaxFileBytes = 1024 * 1024;

// What --debug shows.
struct DebugViews {
  bool pattern = false;
  bool ast = false;
  bool cst = false;
};

DebugViews debug_views(const std::string& mode) {
  if (mode == "all")
    return {true, true, true};
  return {mode == "pattern", mode == "ast", mode == "cst"};
}

const lang::Language& language_named(const std::string& name) {
  if (const lang::Language* language = lang::find_language(name))
    return *language;
  std::vector<std::string_view> names;
  for (const auto& known : lang::all_languages())
    names.push_back(known.name);
  throw Error("unknown language '" + name + "'" + did_you_mean(name, names));
}

// The rule of a --pattern: the pattern alone, positioned in "--pattern" (line 1, column 1 is
// the pattern's first character).
rules::Rule pattern_rule(const std::string& pattern, const lang::Language& language) {
  rules::PatternSpec spec;
  spec.source.value = pattern;
  spec.source.span.start = SourcePos{"--pattern", 1, 1};
  spec.source.span.style = rules::ScalarSpan::Style::block;
  spec.source.span.content_line = 1;
  spec.source.span.indent = 0;
  rules::RuleNode node;
  node.type = rules::RuleNode::Type::pattern;
  node.pattern = rules::Pattern::compile(spec, language, "");
  rules::Rule rule;
  rule.id = "pattern";
  rule.language = &language;
  rule.severity = rules::Severity::hint;
  rule.origin = SourcePos{"--pattern", 1, 1};
  rule.matcher = std::make_shared<rules::Matcher>(language, std::move(node),
                                                  std::vector<std::unique_ptr<rules::UtilRule>>{},
                                                  std::vector<rules::Constraint>{});
  return rule;
}

// The rules being tried, by language: a --pattern is compiled for each language it is tried in.
class TriedRules {
 public:
  explicit TriedRules(const RulesTryArgs& args) : args_(args) {
    if (args.rule_file) {
      RuleSources sources;
      sources.rules = {*args.rule_file};
      sources.utils = args.rules.utils;
      load_rule_files(std::filesystem::absolute(args.directory).string(), sources, set_);
    } else if (args.rule_text) {
      set_.add(rules::load_rules(*args.rule_text, "--rule-text"));
    }
    if (!args.pattern && set_.empty())
      throw Error("the rules given hold no rule to try");
  }

  bool from_pattern() const { return args_.pattern.has_value(); }

  // The rules of `language` (all of them, whatever their `files` and `ignores`).
  std::vector<const rules::Rule*> of(const lang::Language& language) {
    std::vector<const rules::Rule*> out;
    if (from_pattern()) {
      auto it = patterns_.find(&language);
      if (it == patterns_.end())
        it = patterns_.emplace(&language, pattern_rule(*args_.pattern, language)).first;
      out.push_back(&it->second);
      return out;
    }
    for (const auto* rule : set_.all()) {
      if (rule->language == &language)
        out.push_back(rule);
    }
    return out;
  }

  // The rules of --rule or --rule-text.
  const review::RuleSet& loaded() const { return set_; }

  // For --commit: every rule in one set, a --pattern compiled for `language`.
  review::RuleSet& for_commit(const lang::Language* language) {
    if (from_pattern())
      set_.add({pattern_rule(*args_.pattern, *language)});
    return set_;
  }

 private:
  const RulesTryArgs& args_;
  review::RuleSet set_;
  std::map<const lang::Language*, rules::Rule> patterns_;
};

// One text the rules run on.
struct Target {
  std::string path;  // as shown: a file's path, <code> or <stdin>
  std::string text;
  const lang::Language* language = nullptr;
  std::vector<const rules::Rule*> rules;  // empty: taken from TriedRules by language
  const std::vector<review::Finding>* introduced = nullptr;  // --commit: what it introduced
};

// What the command prints, gathered as it goes: the text output is written at once, the JSON
// at the end.
class Output {
 public:
  Output(const RulesTryArgs& args, Streams& streams)
      : json_(args.format == "json"), streams_(streams) {}

  void section(const std::string& title, const std::string& text) {
    if (json_) {
      debug_.push_back(Json{{"title", title}, {"text", text}});
      return;
    }
    fmt::print(streams_.out, "{}\n{}\n", title, text);
  }

  void match(const Target& target, const rules::Rule& rule, bool show_rule,
             const rules::DetailedMatch& found) {
    const rules::Match& m = found.match;
    std::optional<bool> introduced;
    if (target.introduced != nullptr)
      introduced = was_introduced(*target.introduced, target.path, rule, m);
    ++count_;
    if (introduced.value_or(false))
      ++introduced_;
    std::string_view code =
        std::string_view(target.text).substr(m.start_byte, m.end_byte - m.start_byte);
    if (json_) {
      Json entry{{"path", target.path},
                 {"rule", rule.id},
                 {"language", rule.language->name},
                 {"line", m.start_row + 1},
                 {"column", m.start_column + 1},
                 {"end_line", m.end_row + 1},
                 {"end_column", m.end_column + 1},
                 {"text", code}};
      if (introduced)
        entry["introduced"] = *introduced;
      Json single = Json::object();
      Json multi = Json::object();
      for (const auto& variable : found.variables) {
        if (variable.multi) {
          Json nodes = Json::array();
          for (const auto& node : variable.nodes)
            nodes.push_back(node_json(node));
          multi[variable.name] = std::move(nodes);
        } else if (!variable.nodes.empty()) {
          single[variable.name] = node_json(variable.nodes.front());
        }
      }
      entry["metavariables"] = Json{{"single", std::move(single)}, {"multi", std::move(multi)}};
      matches_.push_back(std::move(entry));
      return;
    }
    std::string header = fmt::format("{}:{}:{}", util::terminal_safe(target.path), m.start_row + 1,
                                     m.start_column + 1);
    if (show_rule)
      header += ": " + util::terminal_safe(rule.id);
    if (introduced)
      header += *introduced ? "  (introduced by this commit)" : "  (not introduced)";
    fmt::print(streams_.out, "{}\n{}", header, code_lines(code));
    for (const auto& variable : found.variables)
      fmt::print(streams_.out, "  {}\n", variable_line(variable));
  }

  // Ends the output; returns the exit code.
  int finish(bool commit) {
    if (json_) {
      Json root{{"matches", std::move(matches_)}, {"count", count_}};
      if (commit)
        root["introduced"] = introduced_;
      if (!debug_.empty())
        root["debug"] = std::move(debug_);
      streams_.out << root.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
    } else {
      std::string line = count_ == 0 ? std::string("no match")
                                     : fmt::format("{} match{}", count_, count_ == 1 ? "" : "es");
      if (commit)
        line += fmt::format(", {} introduced by the commit", introduced_);
      fmt::print(streams_.out, "{}\n", line);
    }
    return count_ == 0 ? 1 : 0;
  }

 private:
  static Json node_json(const rules::BoundNode& node) {
    Json out{{"text", node.text}, {"named", node.named}};
    if (node.range) {
      out["line"] = node.range->start_row + 1;
      out["column"] = node.range->start_column + 1;
      out["end_line"] = node.range->end_row + 1;
      out["end_column"] = node.range->end_column + 1;
    }
    return out;
  }

  // A review's finding for this match, found by rule and position.
  static bool was_introduced(const std::vector<review::Finding>& findings, const std::string& path,
                             const rules::Rule& rule, const rules::Match& m) {
    for (const auto& f : findings) {
      if (f.rule == &rule && f.path == path && f.line == m.start_row + 1 &&
          f.column == m.start_column + 1 && f.end_line == m.end_row + 1 &&
          f.end_column == m.end_column + 1)
        return true;
    }
    return false;
  }

  // The matched code, each line as "  | line", bounded in lines and bytes.
  static std::string code_lines(std::string_view code) {
    std::string out;
    std::size_t shown = 0;
    std::size_t start = 0;
    while (start <= code.size()) {
      std::size_t eol = code.find('\n', start);
      std::string_view line = code.substr(start, eol == std::string_view::npos ? eol : eol - start);
      if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
      if (shown == kMaxCodeLines) {
        std::size_t rest = 1;
        for (std::size_t i = start; i < code.size(); ++i)
          rest += code[i] == '\n' && i + 1 < code.size() ? 1u : 0u;
        out += fmt::format("  | ... ({} more line{})\n", rest, rest == 1 ? "" : "s");
        break;
      }
      util::Excerpt part = util::excerpt(line, 0, line.size());
      out += "  | " + util::terminal_safe(part.text) + (part.cut_end ? "..." : "") + "\n";
      ++shown;
      if (eol == std::string_view::npos || eol + 1 == code.size())
        break;
      start = eol + 1;
    }
    return out;
  }

  // "$A = text" or "$$$A = [a, ",", b]": a list shows named nodes as they are and anonymous
  // ones in double quotes, as tree-sitter queries write them.
  static std::string variable_line(const rules::MetaVariable& variable) {
    auto text = [](const rules::BoundNode& node) {
      std::string shown = util::terminal_safe(util::shortened(node.text));
      return node.named ? shown : "\"" + shown + "\"";
    };
    if (!variable.multi) {
      return "$" + util::terminal_safe(variable.name) + " = " +
             (variable.nodes.empty() ? std::string() : text(variable.nodes.front()));
    }
    std::string out = "$$$" + util::terminal_safe(variable.name) + " = [";
    for (std::size_t i = 0; i < variable.nodes.size(); ++i) {
      if (i == kMaxListedNodes) {
        out += fmt::format(", ... {} more", variable.nodes.size() - i);
        break;
      }
      out += (i == 0 ? "" : ", ") + text(variable.nodes[i]);
    }
    return out + "]";
  }

  bool json_;
  Streams& streams_;
  Json matches_ = Json::array();
  Json debug_ = Json::array();
  std::size_t count_ = 0;
  std::size_t introduced_ = 0;
};

std::string one_line(std::string_view code) {
  while (!code.empty() && code.back() == '\n')
    code.remove_suffix(1);
  return util::terminal_safe(util::shortened(code, 200));
}

// The --debug views of the patterns of `rules`.
void show_patterns(const std::vector<const rules::Rule*>& tried, const DebugViews& views,
                   bool from_pattern, Output& output) {
  lang::Parser parser;
  for (const auto* rule : tried) {
    std::vector<const rules::Pattern*> patterns = rules::patterns_of(*rule);
    std::string owner = from_pattern ? "--pattern" : "rule " + util::terminal_safe(rule->id);
    if (patterns.empty() && !from_pattern)
      output.section(fmt::format("Debug: {} has no pattern", owner), "");
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      const rules::Pattern& pattern = *patterns[i];
      std::string which =
          patterns.size() == 1 ? owner : fmt::format("{}, pattern {}", owner, i + 1);
      std::string where =
          fmt::format("({}, {}) `{}`", which, rule->language->name, one_line(pattern.code()));
      if (views.pattern)
        output.section("Debug pattern " + where + ":",
                       rules::dump_pattern(pattern, *rule->language));
      for (bool named_only : {true, false}) {
        if (named_only ? !views.ast : !views.cst)
          continue;
        lang::Tree tree = parser.parse(*rule->language, pattern.code());
        output.section(
            fmt::format("Debug {} of the pattern {}:", named_only ? "AST" : "CST", where),
            lang::dump_tree(tree.root(), pattern.code(), {.named_only = named_only}));
      }
    }
  }
}

// Shows the --debug trees of one target and the matches of its rules; a target that cannot be
// parsed or matched within the limits gets a warning instead.
void try_target(const Target& target, TriedRules& tried, const DebugViews& views,
                lang::Parser& parser, Output& output, Streams& streams) {
  std::vector<const rules::Rule*> rules =
      target.rules.empty() ? tried.of(*target.language) : target.rules;
  if (rules.empty()) {
    print_warning(streams, target.path + ": no rule to try is written for " +
                               std::string(target.language->name));
    return;
  }
  try {
    lang::Tree tree = parser.parse(*target.language, target.text);
    for (bool named_only : {true, false}) {
      if (named_only ? !views.ast : !views.cst)
        continue;
      output.section(fmt::format("Debug {} of {} ({}):", named_only ? "AST" : "CST",
                                 util::terminal_safe(target.path), target.language->name),
                     lang::dump_tree(tree.root(), target.text, {.named_only = named_only}));
    }
    for (const auto& found : rules::match_rules_detailed(rules, tree, target.text))
      output.match(target, *rules[found.rule], !tried.from_pattern(), found);
  } catch (const lang::ParseLimitExceeded& e) {
    print_warning(streams, target.path + ": not tried: " + e.what());
  } catch (const rules::MatchLimitExceeded& e) {
    print_warning(streams, target.path + ": not tried: " + e.what());
  }
}

std::string read_stdin(Streams& streams) {
  if (streams.in == nullptr)
    throw Error("standard input is not available");
  std::ostringstream all;
  all << streams.in->rdbuf();
  return all.str();
}

void check_arguments(const RulesTryArgs& args) {
  int sources = (args.pattern ? 1 : 0) + (args.rule_file ? 1 : 0) + (args.rule_text ? 1 : 0);
  if (sources != 1)
    throw Error("give exactly one of --pattern, --rule and --rule-text");
  int targets = (args.code ? 1 : 0) + (args.files.empty() ? 0 : 1) + (args.commit ? 1 : 0);
  if (targets == 0) {
    throw Error(
        "nothing to try it on: give --code SNIPPET, FILE... (- for standard input) or "
        "--commit REV");
  }
  if (targets > 1)
    throw Error("give only one of --code, FILE... and --commit");
  bool snippet = args.code || (args.files.size() == 1 && args.files[0] == "-");
  if (args.pattern && args.language.empty() && (snippet || args.commit))
    throw Error("--pattern needs --language for a snippet or a commit");
}

// The language of a snippet: --language, else the one language of the rules.
const lang::Language& snippet_language(const RulesTryArgs& args, const TriedRules& tried) {
  if (!args.language.empty())
    return language_named(args.language);
  const lang::Language* only = nullptr;
  for (const auto* rule : tried.loaded().all()) {
    if (only != nullptr && rule->language != only)
      throw Error("the rules are written for several languages: say which with --language");
    only = rule->language;
  }
  return *only;
}

}  // namespace

int run_rules_try(const RulesTryArgs& args, Streams& streams) {
  check_arguments(args);
  DebugViews views = debug_views(args.debug);
  TriedRules tried(args);
  Output output(args, streams);
  lang::Parser parser;

  if (args.commit) {
    Workspace workspace = open_workspace(args.directory);
    std::vector<std::string> ids = git::resolve_commits(workspace.repo, {*args.commit});
    if (ids.size() != 1)
      throw Error("--commit takes one commit, not a range: '" + *args.commit + "'");
    review::RuleSet& set =
        tried.for_commit(tried.from_pattern() ? &language_named(args.language) : nullptr);
    if (views.pattern || views.ast || views.cst)
      show_patterns(set.all(), views, tried.from_pattern(), output);
    review::ReviewOptions options;
    options.scope = review::Scope::introduced;
    options.jobs = 1;
    options.max_file_bytes = workspace.config.max_file_bytes;
    options.ignores = workspace.config.ignores;
    options.languages = &workspace.languages;
    std::vector<review::CommitReview> reviews =
        review::review_commits(workspace.repo.git_dir(), ids, set, options);
    const review::CommitReview& review = reviews.front();
    for (const auto& skipped : review.skipped)
      print_warning(streams, skipped.path + ": not tried: " + skipped.reason);
    for (const auto& path : review.paths) {
      const lang::Language* file_language = workspace.languages.for_path(path);
      if (file_language == nullptr)
        continue;
      std::vector<const rules::Rule*> rules = set.for_file(*file_language, path);
      if (rules.empty())
        continue;
      auto text = git::read_file_at(workspace.repo, ids[0], path, options.max_file_bytes);
      if (!text)
        continue;
      Target target{path, std::move(*text), file_language, std::move(rules), &review.findings};
      try_target(target, tried, views, parser, output, streams);
    }
    return output.finish(true);
  }

  std::vector<Target> targets;
  if (args.code || (args.files.size() == 1 && args.files[0] == "-")) {
    const lang::Language& language = snippet_language(args, tried);
    if (args.code)
      targets.push_back({"<code>", *args.code, &language});
    else
      targets.push_back({"<stdin>", read_stdin(streams), &language});
  } else {
    // Files: their language from the repository's extension map, when there is a repository.
    lang::LanguageMap languages;
    std::uint64_t max_bytes = kMaxFileBytes;
    std::optional<Workspace> workspace;
    bool in_repository = true;
    try {
      (void)git::Repository::discover(args.directory);
    } catch (const Error&) {
      in_repository = false;
    }
    if (in_repository) {
      workspace.emplace(open_workspace(args.directory));
      languages = workspace->languages;
      max_bytes = workspace->config.max_file_bytes;
    }
    for (const auto& file : args.files) {
      if (file == "-")
        throw Error("- (standard input) cannot be mixed with files");
      const lang::Language* language =
          args.language.empty() ? languages.for_path(file) : &language_named(args.language);
      if (language == nullptr)
        throw Error("no language is known for " + file + ": say which with --language");
      std::filesystem::path path = std::filesystem::path(args.directory) / file;
      targets.push_back({file, util::read_regular_file(path, max_bytes, "file"), language});
    }
  }
  if (views.pattern || views.ast || views.cst) {
    // The patterns of the languages tried, each language once.
    std::vector<const lang::Language*> seen;
    for (const auto& target : targets) {
      if (std::find(seen.begin(), seen.end(), target.language) != seen.end())
        continue;
      seen.push_back(target.language);
      show_patterns(tried.of(*target.language), views, tried.from_pattern(), output);
    }
  }
  for (const auto& target : targets)
    try_target(target, tried, views, parser, output, streams);
  return output.finish(false);
}

}  // namespace mentor::cli
