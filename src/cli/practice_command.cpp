// `git mentor practice [check]`.
#include "cli/practice_command.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/atomic_write.hpp"
#include "cli/summary_input.hpp"
#include "cli/workspace.hpp"
#include "git/commit_range.hpp"
#include "git/file_at.hpp"
#include "git/identity.hpp"
#include "git/notes_ref.hpp"
#include "lang/parser.hpp"
#include "loop/practice.hpp"
#include "record/reviews_record.hpp"
#include "report/escape.hpp"
#include "review/exercise_cut.hpp"
#include "rules/rule_engine.hpp"
#include "summary/summary.hpp"
#include "util/encoding.hpp"
#include "util/error.hpp"
#include "util/excerpt.hpp"
#include "util/regular_file.hpp"
#include "util/suggest.hpp"

namespace mentor::cli {

namespace fs = std::filesystem;

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kDefaultDir = "mentor-practice";
constexpr const char* kMetadata = "exercise.json";
constexpr std::uint64_t kMaxMetadataBytes = 64 * 1024;
// A rule id longer than this is not used in a folder name.
constexpr std::size_t kMaxNameBytes = 64;

constexpr const char* kPracticeFooter = R"(
An exercise is cut from a recurring mistake of the mentee's: a rule whose findings (confirmed or
not reviewed yet; not dismissed, praised or suppressed) are in at least `summary.recurring`
(default 3) of the mentee's reviewed commits. Its newest finding's code is read at its commit and
the smallest enclosing function (or multi-line top-level block) around the match is cut out,
dedented; when that cannot be done (the match is at the top level, the file no longer parses on
its own, the function is too long) the rule's first bad example is used instead, and the README
says so. Each exercise gets a folder under the practice folder (default: mentor-practice/ at the
root of the work tree, with a .gitignore so it is never committed): exercise.<ext>, README.md
(the rule's message and lesson as instructions) and exercise.json. An existing folder (an
attempt in progress) is never overwritten.

`git mentor practice check` checks each exercise with the same rule: it passes when the file
parses without error, the rule no longer matches it and it is not the original code. A praise
rule of the same skill that matches counts extra. Each attempt is recorded in
refs/notes/mentor-reviews (`git mentor sync` shares it); `summary` counts attempts per skill and
`log` shows them by the commit the exercise came from. Exit status of check: 0 when every
exercise passes, 1 when one fails, 2 on an error.

Examples:
  git mentor practice
  git mentor practice --skill error-handling --count 1
  git mentor practice check
  git mentor practice check mentor-practice/py-bare-except-1a2b3c4d)";

std::string safe(std::string_view text) {
  return util::terminal_safe(text);
}

bool is_hex(std::string_view text, std::size_t size) {
  return text.size() == size && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Whether a rule id may name a folder: letters, digits, '.', '_' and '-', not starting with '.'.
bool usable_in_name(std::string_view id) {
  return !id.empty() && id.size() <= kMaxNameBytes && id.front() != '.' &&
         id.find_first_not_of(
             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
             std::string_view::npos;
}

fs::path base_of(const PracticeArgs& args) {
  return args.directory.empty() ? fs::current_path() : fs::absolute(args.directory);
}

// The practice folder: --dir (relative to -C's directory), else mentor-practice/ at the root of
// the work tree. Never inside .git; the default never leads out of the work tree (a link).
fs::path practice_dir(const PracticeArgs& args, const Workspace& workspace) {
  const git::Repository& repo = workspace.repo;
  fs::path dir;
  if (!args.dir.empty()) {
    dir = fs::path(args.dir).is_absolute() ? fs::path(args.dir) : base_of(args) / args.dir;
  } else {
    if (repo.is_bare() || repo.workdir().empty())
      throw Error(
          "practice: a bare repository has no work tree to write exercises into; give --dir");
    fs::path root = fs::canonical(repo.workdir());
    dir = root / kDefaultDir;
    if (!util::is_within(root, dir)) {
      throw Error(
          fmt::format("practice: {} leads out of the work tree; give --dir", safe(dir.string())));
    }
  }
  std::error_code error;
  fs::path git_dir = fs::canonical(repo.git_dir(), error);
  if (!error && util::is_within(git_dir, dir))
    throw Error(
        fmt::format("practice: {} is inside the repository's .git directory; give "
                    "another --dir",
                    safe(dir.string())));
  return dir.lexically_normal();
}

// How a path is shown: relative to the -C directory when below it.
std::string shown_path(const PracticeArgs& args, const fs::path& path) {
  fs::path relative = path.lexically_relative(base_of(args).lexically_normal());
  if (!relative.empty() && *relative.begin() != "..")
    return safe(relative.string());
  return safe(path.string());
}

std::string md(std::string_view text) {
  return report::markdown_escape(util::terminal_safe(text));
}

// A code span of repository text (a rule id, a path).
std::string code(std::string_view text) {
  std::string out = util::terminal_safe(text);
  std::replace(out.begin(), out.end(), '`', '\'');
  return "`" + out + "`";
}

struct Exercise {
  std::string id;
  const rules::Rule* rule = nullptr;
  std::string mentee;
  const record::RecordedFinding* finding = nullptr;
  std::size_t commits = 0;
  std::string code;
  bool own_code = false;
  std::string why_not;  // when !own_code
  std::uint32_t first_line = 0;
  std::uint32_t match_line = 0;
};

std::string readme(const Exercise& e, std::string_view file) {
  const record::RecordedFinding& f = *e.finding;
  const rules::Rule& rule = *e.rule;
  std::string out =
      fmt::format("# Practice: {} ({})\n\n**{}**\n\n", util::terminal_safe(rule.id),
                  util::terminal_safe(rule.skill.empty() ? "no skill" : rule.skill), md(f.message));
  const std::string where =
      fmt::format("{} line {} in commit {}", code(f.path), f.line, f.commit.substr(0, 12));
  if (e.own_code) {
    out += fmt::format(
        "`{}` is your own code: {} (from line {}), where `{}` found this mistake. It found it in "
        "{} of your commits. The mistake is on line {} of `{}`.\n\n",
        file, where, e.first_line, code(rule.id), e.commits, e.match_line, file);
  } else {
    out += fmt::format(
        "`{}` found this mistake in {} (and in {} of your commits), but that code could not be "
        "cut out on its own ({}), so `{}` is the rule's own example of the mistake.\n\n",
        code(rule.id), where, e.commits, md(e.why_not), file);
  }
  out += fmt::format(
      "## Your task\n\nRewrite `{}` so that it no longer makes this mistake, keeping what it does "
      "and keeping it valid {}. Then run:\n\n    git mentor practice check\n\nThe attempt passes "
      "when the file parses, the rule no longer finds the mistake and the code is not the "
      "original. Good practice of the skill that a praise rule recognises counts extra. Every "
      "attempt is recorded.\n\n",
      file, rule.language != nullptr ? rule.language->name : "code");
  out += "## The lesson\n\n";
  out += rule.lesson.empty() ? "(The rule has no lesson yet: ask your mentor.)\n" : rule.lesson;
  if (!out.ends_with('\n'))
    out += '\n';
  if (!rule.url.empty())
    out += fmt::format("\nMore: {}\n", md(rule.url));
  return out;
}

std::string metadata(const Exercise& e, std::string_view file) {
  const record::RecordedFinding& f = *e.finding;
  Json json{
      {"v", record::kFormatVersion},
      {"id", e.id},
      {"rule", e.rule->id},
      {"skill", e.rule->skill},
      {"language", std::string(e.rule->language->name)},
      {"mentee", e.mentee},
      {"file", file},
      {"source", Json{{"commit", f.commit}, {"path", f.path}, {"line", f.line}, {"finding", f.id}}},
      {"from", e.own_code ? "own-code" : "bad-example"}};
  if (!e.own_code)
    json["why_not_own_code"] = e.why_not;
  json["original"] = git::blob_id(e.code);
  json["created"] = record::now_utc();
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

void require_known(const review::RuleSet& rules, const PracticeArgs& args) {
  if (!args.skill.empty())
    require_configured_skill(rules, args.skill, "practice");
  if (!args.rule.empty())
    require_configured_rule(rules, args.rule, "practice");
}

int run_write(const PracticeArgs& args, Workspace& workspace, Streams& streams) {
  std::string who = args.mentee;
  if (who.empty()) {
    auto identity = git::configured_identity(workspace.repo);
    if (!identity || identity->email.empty())
      throw Error(
          "practice: whose mistakes? give --mentee WHO, or set user.email (a mentee "
          "practises on their own clone)");
    who = identity->email;
  }
  Selection selection;
  selection.ranges = args.ranges;
  selection.mentee = who;
  SummarySource source;
  read_summary_source(workspace, args.directory, selection, streams, source);
  if (source.rules.empty())
    throw Error("practice: no rule could be loaded (`git mentor rules list` says why)");
  require_known(source.rules, args);

  const loop::Settings& settings = workspace.config.summary;
  loop::PracticeFilter filter{args.skill, args.rule, args.count};
  std::vector<loop::PracticeChoice> choices =
      loop::choose_exercises(source.input, settings, filter);
  if (choices.empty()) {
    std::string which = !args.rule.empty()    ? " of rule " + args.rule
                        : !args.skill.empty() ? " of skill " + args.skill
                                              : "";
    fmt::print(streams.out,
               "nothing to practise for {}: no mistake{} recorded in at least {} of their "
               "reviewed commits (`git mentor summary` shows the recurring ones)\n",
               safe(who), safe(which), settings.recurring);
    return 0;
  }

  const fs::path dir = practice_dir(args, workspace);
  std::error_code error;
  fs::create_directories(dir, error);
  if (error || !fs::is_directory(dir))
    throw Error(fmt::format("practice: cannot create {}: {}", safe(dir.string()), error.message()));
  if (!fs::exists(fs::symlink_status(dir / ".gitignore"))) {
    // Exercises are never committed, so hooks never review them.
    std::ofstream(dir / ".gitignore", std::ios::binary) << "*\n";
  }

  lang::Parser parser;
  git::Mailmap mailmap(workspace.repo);
  std::size_t written = 0;
  for (const auto& choice : choices) {
    const record::RecordedFinding& f = *choice.finding;
    const rules::Rule* rule = source.rules.find(f.rule);
    if (rule == nullptr || rule->language == nullptr) {
      print_warning(streams, fmt::format("practice: rule '{}' is no longer configured; no "
                                         "exercise for it",
                                         f.rule));
      continue;
    }
    if (!is_hex(f.commit, 40))
      continue;
    Exercise e;
    e.rule = rule;
    e.finding = &f;
    e.commits = choice.commits;
    e.mentee = choice.commit->author_email;
    e.id = git::blob_id(f.commit + ":" + f.id + ":" + f.rule).substr(0, 12);
    const std::string name = (usable_in_name(rule->id) ? rule->id : std::string("exercise")) + "-" +
                             f.commit.substr(0, 8);
    const fs::path folder = dir / name;
    const std::string file = "exercise." + std::string(review::extension_of(*rule->language));
    if (fs::exists(fs::symlink_status(folder))) {
      fmt::print(streams.out,
                 "skipped {}: it exists (an attempt in progress); remove it to start "
                 "again\n",
                 shown_path(args, folder));
      continue;
    }
    std::optional<std::string> text;
    try {
      text = git::read_file_at(workspace.repo, f.commit, f.path, workspace.config.max_file_bytes);
      if (!text)
        e.why_not = "the file is not in that commit, or is too large";
    } catch (const Error& read_error) {
      e.why_not = std::string("the file cannot be read: ") + read_error.what();
    }
    if (text) {
      try {
        review::CutResult cut = review::cut_exercise(*rule, parser, *text, f.line);
        if (cut.cut) {
          e.own_code = true;
          e.code = std::move(cut.cut->code);
          e.first_line = cut.cut->first_line;
          e.match_line = cut.cut->match_line;
        } else {
          e.why_not = cut.why_not;
        }
      } catch (const Error& cut_error) {
        e.why_not = cut_error.what();
      }
    }
    if (!e.own_code) {
      if (rule->bad_examples.empty()) {
        fmt::print(streams.out,
                   "skipped {}: its code could not be cut out ({}) and the rule has no bad "
                   "example\n",
                   safe(rule->id), safe(e.why_not));
        continue;
      }
      e.code = rule->bad_examples.front();
      if (!e.code.ends_with('\n'))
        e.code += '\n';
    }
    if (!write_directory_atomically(
            folder,
            {{file, e.code}, {"README.md", readme(e, file)}, {kMetadata, metadata(e, file)}})) {
      fmt::print(streams.out, "skipped {}: it exists (an attempt in progress)\n",
                 shown_path(args, folder));
      continue;
    }
    ++written;
    fmt::print(streams.out, "wrote {}/{}: {} ({}), a mistake in {} of your commits\n",
               shown_path(args, folder), file, safe(rule->id), safe(rule->skill), e.commits);
    if (e.own_code) {
      fmt::print(streams.out, "  your own code: {}:{} in commit {} (the mistake is on line {})\n",
                 safe(f.path), f.line, f.commit.substr(0, 12), e.match_line);
    } else {
      fmt::print(streams.out,
                 "  the rule's example: {}:{} in commit {} could not be cut out ({})\n",
                 safe(f.path), f.line, f.commit.substr(0, 12), safe(e.why_not));
    }
  }
  if (written > 0) {
    fmt::print(streams.out,
               "{} exercise{} written; read README.md in each, fix the code, then run `git "
               "mentor practice check`\n",
               written, written == 1 ? "" : "s");
  }
  return 0;
}

// One exercise as `check` reads it.
struct Attempt {
  fs::path folder;
  std::string error;  // the exercise could not be checked
  record::PracticeAttempt record;
  std::vector<std::string> praise_rules;
};

std::string field(const nlohmann::json& json, const char* key) {
  auto it = json.find(key);
  if (it == json.end() || !it->is_string())
    throw Error(fmt::format("{} has no \"{}\"", kMetadata, key));
  return it->get<std::string>();
}

// Checks the exercise in `folder`; throws mentor::Error when it cannot be checked.
Attempt check_exercise(const fs::path& folder, const Workspace& workspace,
                       const review::RuleSet& rules, lang::Parser& parser) {
  Attempt attempt;
  attempt.folder = folder;
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(
        util::read_regular_file(folder / kMetadata, kMaxMetadataBytes, "exercise metadata"));
  } catch (const nlohmann::json::exception& e) {
    throw Error(fmt::format("{} is not valid JSON: {}", kMetadata, e.what()));
  }
  if (!json.is_object())
    throw Error(fmt::format("{} is not a JSON object", kMetadata));
  record::PracticeAttempt& a = attempt.record;
  a.exercise = field(json, "id");
  if (!is_hex(a.exercise, 12))
    throw Error(fmt::format("{}: \"id\" is not 12 hex digits", kMetadata));
  a.rule = field(json, "rule");
  a.mentee = field(json, "mentee");
  const rules::Rule* rule = rules.find(a.rule);
  if (rule == nullptr || rule->language == nullptr)
    throw Error(fmt::format("rule '{}' is not configured", a.rule));
  a.skill = rule->skill;
  auto source = json.find("source");
  if (source == json.end() || !source->is_object())
    throw Error(fmt::format("{} has no \"source\"", kMetadata));
  a.commit = field(*source, "commit");
  a.finding = field(*source, "finding");
  if (!is_hex(a.commit, 40))
    throw Error(fmt::format("{}: the source commit is not 40 hex digits", kMetadata));
  git::read_commit_info(workspace.repo, a.commit);  // throws when it is not in the repository
  const std::string original = field(json, "original");

  const fs::path file = folder / ("exercise." + std::string(review::extension_of(*rule->language)));
  const std::string code =
      util::read_regular_file(file, workspace.config.max_file_bytes, "exercise");
  if (code.find_first_not_of(" \t\r\n") == std::string::npos) {
    a.reason = "the file is empty";
    return attempt;
  }
  lang::Tree tree = parser.parse(*rule->language, code);
  std::uint32_t row = 0;
  std::uint32_t column = 0;
  if (review::has_syntax_error(tree, &row, &column)) {
    a.reason = fmt::format("does not parse: line {}:{}", row + 1, column + 1);
    return attempt;
  }
  const rules::Rule* one[] = {rule};
  std::vector<rules::RuleMatch> matches = rules::match_rules(one, tree, code);
  if (!matches.empty()) {
    const rules::Match& m = matches.front().match;
    a.reason = fmt::format("still matches line {}: {}", m.start_row + 1,
                           util::shortened(rules::interpolate(rule->message, m), 160));
    return attempt;
  }
  if (git::blob_id(code) == original) {
    a.reason = "unchanged: it is still the original code";
    return attempt;
  }
  a.passed = true;
  a.reason = "the mistake is gone";
  std::vector<const rules::Rule*> praise;
  for (const rules::Rule* r : rules.all()) {
    if (r->severity == rules::Severity::praise && r->skill == rule->skill &&
        r->language == rule->language)
      praise.push_back(r);
  }
  if (!praise.empty()) {
    for (const auto& m : rules::match_rules(praise, tree, code)) {
      ++a.praise;
      const std::string& id = praise[m.rule]->id;
      if (std::find(attempt.praise_rules.begin(), attempt.praise_rules.end(), id) ==
          attempt.praise_rules.end())
        attempt.praise_rules.push_back(id);
    }
  }
  return attempt;
}

int run_check(const PracticeArgs& args, Workspace& workspace, Streams& streams) {
  std::vector<fs::path> folders;
  for (const auto& given : args.exercises)
    folders.push_back(fs::path(given).is_absolute() ? fs::path(given) : base_of(args) / given);
  if (folders.empty()) {
    const fs::path dir = practice_dir(args, workspace);
    std::error_code error;
    if (fs::is_directory(dir, error)) {
      for (const auto& entry : fs::directory_iterator(dir, error)) {
        if (entry.is_directory() && !entry.is_symlink() && fs::exists(entry.path() / kMetadata))
          folders.push_back(entry.path());
      }
    }
    std::sort(folders.begin(), folders.end());
    if (folders.empty()) {
      fmt::print(streams.out, "no exercise in {}: `git mentor practice` writes them\n",
                 shown_path(args, dir));
      return 0;
    }
  }
  review::RuleSet rules;
  load_workspace_rules(workspace, args.directory, {}, rules);
  std::string by;
  if (auto identity = git::configured_identity(workspace.repo);
      identity && !identity->email.empty())
    by = identity->display();

  lang::Parser parser;
  std::vector<record::PracticeAttempt> attempts;
  std::size_t failed = 0;
  std::size_t errors = 0;
  for (const auto& folder : folders) {
    const std::string name = shown_path(args, folder.lexically_normal());
    Attempt attempt;
    try {
      attempt = check_exercise(folder, workspace, rules, parser);
    } catch (const Error& e) {
      ++errors;
      fmt::print(streams.err, "git-mentor: error: {}: {}\n", name, safe(e.what()));
      continue;
    }
    record::PracticeAttempt& a = attempt.record;
    a.by = by.empty() ? a.mentee : by;
    a.time = record::now_utc();
    a.reason = report::valid_utf8(a.reason);
    if (!a.passed)
      ++failed;
    std::string praise;
    if (a.praise > 0) {
      praise = fmt::format("; praise: {} ({})", a.praise,
                           safe(fmt::format("{}", fmt::join(attempt.praise_rules, ", "))));
    }
    fmt::print(streams.out, "{} {} [{}]: {}{}\n", a.passed ? "PASS" : "FAIL", name, safe(a.rule),
               safe(a.reason), praise);
    attempts.push_back(std::move(a));
  }
  if (!attempts.empty()) {
    record::store_practice_attempts(
        workspace.repo, attempts,
        [&streams](const std::string& message) { print_warning(streams, message); });
    fmt::print(streams.out, "{} of {} passed; recorded in {}\n", attempts.size() - failed,
               attempts.size(), record::kReviewsRef);
  }
  if (errors > 0)
    return 2;
  return failed > 0 ? 1 : 0;
}

}  // namespace

CLI::App* add_practice_command(CLI::App& app, PracticeArgs& args, CLI::App*& check) {
  CLI::App* practice = app.add_subcommand(
      "practice", "Exercises cut from a mentee's own recurring mistakes, checked by the same rule");
  practice->footer(kPracticeFooter);
  practice
      ->add_option("--mentee", args.mentee,
                   "Whose mistakes (email, name or glob; .mailmap applies; default: "
                   "user.email)")
      ->type_name("WHO");
  practice->add_option("--skill", args.skill, "Only mistakes of this skill")->type_name("SKILL");
  practice->add_option("--rule", args.rule, "Only mistakes of this rule")->type_name("ID");
  practice->add_option("--count", args.count, "At most N exercises, one per rule (default: 3)")
      ->check(CLI::Range(1, 100))
      ->type_name("N");
  practice
      ->add_option("--dir", args.dir,
                   "The practice folder (default: mentor-practice/ at the root of the work "
                   "tree)")
      ->type_name("DIR");
  practice->add_option("ranges", args.ranges, "Commits whose findings count (default: HEAD)")
      ->type_name("RANGE");
  check = practice->add_subcommand("check",
                                   "Check the exercises with their rules and record each attempt");
  check
      ->add_option("exercises", args.exercises,
                   "Exercise folders (default: every one in the practice folder)")
      ->type_name("EXERCISE_DIR");
  check->add_option("--dir", args.dir, "The practice folder (default: mentor-practice/)")
      ->type_name("DIR");
  return practice;
}

int run_practice(const PracticeArgs& args, Streams& streams) {
  Workspace workspace = open_workspace(args.directory);
  if (args.action == "check")
    return run_check(args, workspace, streams);
  return run_write(args, workspace, streams);
}

}  // namespace mentor::cli
