// The command line of git-mentor.
#include "cli/cli.hpp"

#include <algorithm>
#include <exception>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>

#include "cli/check_command.hpp"
#include "cli/fix_command.hpp"
#include "cli/goal_command.hpp"
#include "cli/hook_command.hpp"
#include "cli/hook_install.hpp"
#include "cli/log_command.hpp"
#include "cli/man_page.hpp"
#include "cli/practice_command.hpp"
#include "cli/profile_command.hpp"
#include "cli/review_command.hpp"
#include "cli/rules_command.hpp"
#include "cli/rules_try.hpp"
#include "cli/summary_command.hpp"
#include "cli/sync_command.hpp"
#include "util/encoding.hpp"
#include "util/error.hpp"

namespace mentor::cli {

namespace {

// CLI11's help, except that a flag taking an optional value shows its name alone (CLI11 writes
// `--debug{all}`); the flag's option_text tells the value.
class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_option_name(const CLI::Option* opt, bool is_positional) const override {
    std::string name = CLI::Formatter::make_option_name(opt, is_positional);
    for (std::size_t open = name.find('{'); open != std::string::npos; open = name.find('{')) {
      std::size_t close = name.find('}', open);
      if (close == std::string::npos)
        break;
      name.erase(open, close - open + 1);
    }
    return name;
  }
};

constexpr const char* kDescription =
    "git-mentor reviews a mentee's commits with the rules their mentor wrote and reports what "
    "each commit introduced, with the lesson behind it.";

constexpr const char* kFixFooter = R"(
A rule with `fix:` suggests how to rewrite the code it matches. `fix` reviews what the working
tree changes against HEAD (staged or not, untracked files included; each file as it is on disk)
and, for each finding with a fix, shows the diff and rewrites the file in the working tree.
Commits, the index and the notes are never changed: review the result with `git diff`, then
commit as usual.

A fix is applied only where the file still holds the code the review saw, and not where it
overlaps another fix (then it is skipped with a message); each file is replaced at once.
On a terminal each fix is asked for: y apply, n leave, a apply this and all the rest, q stop.
Without a terminal, fix shows the fixes and applies none unless --yes is given.

Exit status: 0 every fix shown was applied (or --dry-run, or there was none), 1 fixes left
unapplied (not asked for without a terminal, declined, or skipped), 2 an error.

Examples:
  git mentor fix                 # ask for each fix
  git mentor fix --dry-run src/  # show the fixes under src/
  git mentor fix --yes app.py)";

constexpr const char* kCheckFooter = R"(
RANGE is what git understands: A..B (commits in B not in A), A...B, ^A, or one commit C meaning
that commit alone. Default: what is not yet on any remote (`HEAD --not --remotes`: the commits
of HEAD that no remote-tracking ref has), or HEAD alone when there are no remote-tracking refs.
A RANGE with no commits is said on stderr, with the reversed range when that one has commits.

Rules come from `rules:` in .git-mentor.yaml plus every --rules PATH (a file, a directory or a
glob; the word `builtin` means the bundled packs). With neither, the bundled packs are used.

A finding is the commit's when it overlaps a line the commit added and its code (comments and
layout aside) was not already in the files of its language the commit changed, renamed or
deleted; a merge answers only for lines none of its parents has, so a clean merge has none.

Exit status: 0 nothing blocking, 1 a finding at or above --fail-on that is still there at the
tip of what was checked (one a later commit removed is shown as "fixed later" and does not
block), 2 a usage, configuration, rule or repository error.

Examples:
  git mentor check                       # the commits not yet on any remote
  git mentor check main..feature         # a branch
  git mentor check --format json HEAD~5..HEAD
  git mentor check --format sarif origin/main..HEAD > git-mentor.sarif
  git mentor check --format github       # annotations in a GitHub Actions job
  git mentor check --rules .mentor/rules --fail-on warning)";

constexpr const char* kReviewFooter = R"(
A session covers the mentee's commits in RANGE. Each finding has a review id (a hex prefix, as
`review list` prints it); verdicts name findings by it. The newest verdict counts; every verdict
and note is kept. Everything is stored in refs/notes/mentor-reviews (`git mentor sync` shares
it). The mentor is your git identity (user.name, user.email). Verdicts are given in the open
session; --rule, --commit and --mentee judge every finding of the session they choose that has
no verdict yet (asking first on a terminal; --yes elsewhere). Findings of praise rules need no
verdict. `review close --note` is shown to the mentee by `git mentor log`.

Examples:
  git mentor review start main..feature      # open a session and list its findings
  git mentor review confirm 3f2a9c1 --note "Catch ValueError here; see the lesson"
  git mentor review dismiss 7b01e44 --note "Generated code"
  git mentor review dismiss 5e1d0a2 --not-the-mentees --note "Moved from utils.py"
  git mentor review confirm --rule py-bare-except --yes
  git mentor review praise 91c0d2e
  git mentor review -i                       # one finding at a time on this terminal
  git mentor review close --note "Good progress on error handling")";

// An error or warning message as printed: terminal-safe (messages quote names, keys and paths
// from the repository) and at most kMaxMessageBytes long, cut on a character boundary.
constexpr std::size_t kMaxMessageBytes = 2000;

std::string shown(std::string_view message) {
  std::string safe = util::terminal_safe(message);
  if (safe.size() <= kMaxMessageBytes)
    return safe;
  std::size_t cut = kMaxMessageBytes;
  while (cut > 0 && (static_cast<unsigned char>(safe[cut]) & 0xC0) == 0x80)
    --cut;
  return fmt::format("{}... ({} more bytes)", safe.substr(0, cut), safe.size() - cut);
}

void print_error(Streams& streams, const Error& e) {
  if (e.pos().file.empty()) {
    fmt::print(streams.err, "git-mentor: error: {}\n", shown(e.what()));
  } else {
    // Compiler style, so editors can jump to the place.
    std::string where = e.pos().file;
    if (e.pos().line > 0)
      where += fmt::format(":{}", e.pos().line);
    if (e.pos().column > 0)
      where += fmt::format(":{}", e.pos().column);
    fmt::print(streams.err, "{}: error: {}\n", shown(where), shown(e.what()));
  }
}

// `--man [COMMAND]` (a page on stdout), `--man-pages DIR` (every page), `--completion bash
// [FILE]`.
int run_generator(const CLI::App& app, const std::vector<std::string>& args, Streams& streams) {
  try {
    if (args[0] == "--man" && args.size() <= 2) {
      write_man_page(streams.out, app, args.size() == 2 ? args[1] : "");
      return 0;
    }
    if (args[0] == "--man-pages" && args.size() == 2) {
      write_man_pages(app, args[1]);
      return 0;
    }
    if (args[0] == "--completion" && (args.size() == 2 || args.size() == 3) && args[1] == "bash") {
      if (args.size() == 2) {
        write_bash_completion(streams.out, app);
        return 0;
      }
      std::ofstream file(args[2], std::ios::binary | std::ios::trunc);
      write_bash_completion(file, app);
      if (!file.flush())
        throw Error("cannot write " + args[2]);
      return 0;
    }
  } catch (const Error& e) {
    print_error(streams, e);
    return 2;
  }
  fmt::print(streams.err,
             "git-mentor: error: usage: git-mentor --man [COMMAND] | --man-pages DIR | "
             "--completion bash [FILE]\n");
  return 2;
}

}  // namespace

int run(const std::vector<std::string>& args, Streams streams) {
  CLI::App app{kDescription, "git-mentor"};
  app.formatter(std::make_shared<HelpFormatter>());
  app.set_version_flag("--version", std::string("git-mentor ") + GIT_MENTOR_VERSION);
  app.footer("Run `git mentor COMMAND --help` for a command's options.");
  std::string directory = ".";
  app.add_option("-C", directory, "Run as if started in DIR (like git -C)")->type_name("DIR");

  CheckArgs check_args;
  CLI::App* check =
      app.add_subcommand("check", "Review commits and report the findings they introduce");
  check->footer(kCheckFooter);
  check->add_option("range", check_args.ranges, "Commits to review (see below)")
      ->type_name("RANGE");
  check->add_option("--rules", check_args.rules.rules, "Also load rules from PATH (repeatable)")
      ->type_name("PATH")
      ->allow_extra_args(false)
      ->take_all();
  check
      ->add_option("--utils", check_args.rules.utils,
                   "Also load shared utility rules (for `matches:`) from PATH (repeatable)")
      ->type_name("PATH")
      ->allow_extra_args(false)
      ->take_all();
  check
      ->add_option("--format", check_args.format,
                   "Output format: text, json, sarif (SARIF 2.1.0), github (GitHub Actions "
                   "annotations) or markdown (a pull request comment)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "markdown"}))
      ->type_name("FORMAT");
  check
      ->add_option("--fail-on", check_args.fail_on,
                   "Exit 1 on findings at or above this severity (default: config, else error)")
      ->check(CLI::IsMember({"error", "warning", "never"}))
      ->type_name("SEVERITY");
  check
      ->add_option("--scope", check_args.scope,
                   "Which matches count: introduced by the commit (default), on added lines, or "
                   "anywhere in changed files")
      ->check(CLI::IsMember({"introduced", "added", "file"}))
      ->type_name("SCOPE");
  check->add_option("-j,--jobs", check_args.jobs, "Commits reviewed in parallel (default: cores)")
      ->type_name("N");
  check->add_option("--color", check_args.color, "Colour the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
  check->add_flag("-q,--quiet", check_args.quiet, "Print findings only: no headers, no tally");
  check->add_flag("--record", check_args.record,
                  "Store the findings in git notes (refs/notes/mentor), where `git mentor log`, "
                  "review sessions and summaries read them; `git mentor sync` shares them");
  check->add_flag("--staged", check_args.staged,
                  "Review what is staged (the index against HEAD) instead of commits, as a "
                  "pre-commit hook does");

  FixArgs fix_args;
  CLI::App* fix = app.add_subcommand(
      "fix", "Apply the rules' suggested fixes to what the working tree changes against HEAD");
  fix->footer(kFixFooter);
  fix->add_option("path", fix_args.paths, "Only these files or folders (default: the work tree)")
      ->type_name("PATH");
  fix->add_option("--rules", fix_args.rules.rules, "Also load rules from PATH (repeatable)")
      ->type_name("PATH")
      ->allow_extra_args(false)
      ->take_all();
  fix->add_option("--utils", fix_args.rules.utils,
                  "Also load shared utility rules (for `matches:`) from PATH (repeatable)")
      ->type_name("PATH")
      ->allow_extra_args(false)
      ->take_all();
  fix->add_flag("-y,--yes", fix_args.yes, "Apply every fix without asking");
  fix->add_flag("-n,--dry-run", fix_args.dry_run, "Show the fixes, change nothing");
  fix->add_option("--color", fix_args.color, "Colour the diffs")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");

  LogArgs log_args;
  CLI::App* log = app.add_subcommand(
      "log", "List the findings recorded in git notes (by check --record), without running rules");
  log->add_option("range", log_args.ranges,
                  "Commits, as for git log: A..B, or C for C's history (default: HEAD's history)")
      ->type_name("RANGE");
  log->add_option("--mentee", log_args.mentee,
                  "Only commits by this author (email, name or glob; .mailmap applies)")
      ->type_name("WHO");
  log->add_option("--format", log_args.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");

  SummaryArgs summary_args;
  CLI::App* summary_cmd = app.add_subcommand(
      "summary",
      "Recurring mistakes and progress per mentee, rule and skill, rule health, and the mentors' "
      "feedback, from the record (no rules run)");
  summary_cmd
      ->add_option("range", summary_args.ranges,
                   "Commits, as for git log: A..B, or C for C's history (default: HEAD's history)")
      ->type_name("RANGE");
  summary_cmd
      ->add_option("--mentee", summary_args.mentee,
                   "Only this author (email, name or glob; .mailmap applies; default: `mentees:`)")
      ->type_name("WHO");
  summary_cmd
      ->add_option("--since", summary_args.since,
                   "Only commits authored since DATE (YYYY-MM-DD[THH:MM[:SS]], or '30 days ago')")
      ->type_name("DATE");
  summary_cmd
      ->add_option("--repo", summary_args.repositories,
                   "Read this repository instead of the current one; repeat it to merge several "
                   "by mentee (.mailmap of each applies); the range applies to each")
      ->allow_extra_args(false)
      ->take_all()
      ->type_name("PATH");
  summary_cmd->add_option("--format", summary_args.format, "Output format")
      ->check(CLI::IsMember({"text", "markdown", "json", "html"}))
      ->type_name("FORMAT");
  summary_cmd
      ->add_option("--recurring", summary_args.recurring,
                   "Recurring: in at least N distinct commits (default: summary.recurring, 3)")
      ->check(CLI::Range(1, 1000000))
      ->type_name("N");
  summary_cmd
      ->add_option("--mastered-after", summary_args.mastered_after,
                   "Mastered: no finding in the last N commits touching its languages (default 5)")
      ->check(CLI::Range(1, 1000000))
      ->type_name("N");
  summary_cmd
      ->add_option("--dismissal-threshold", summary_args.dismissal_threshold,
                   "Flag rules whose verdicts are dismissals above this rate (default 0.5)")
      ->check(CLI::Range(0.0, 1.0))
      ->type_name("RATE");
  summary_cmd->footer(
      "docs/mentoring.md (\"Reading a summary\") defines every number. Dismissed findings are "
      "left out; a confirmed one weighs more than an unreviewed one.\n\nExamples:\n"
      "  git mentor summary --mentee mentee@example.com --since '90 days ago'\n"
      "  git mentor summary origin/main --format markdown >> \"$GITHUB_STEP_SUMMARY\"\n"
      "  git mentor summary --format html > summary.html\n"
      "  git mentor summary --repo ~/src/api --repo ~/src/web --mentee mentee@example.com");

  ProfileArgs profile_args;
  CLI::App* profile_cmd = app.add_subcommand(
      "profile",
      "A needs assessment: a mentee's mistakes per skill beside the team's, and where to start");
  profile_cmd
      ->add_option("range", profile_args.ranges,
                   "Commits, as for git log: A..B, or C for C's history (default: HEAD's history)")
      ->type_name("RANGE");
  profile_cmd
      ->add_option("--mentee", profile_args.mentee,
                   "Whose profile: an email, a name or a glob (.mailmap applies); every other "
                   "author is the team")
      ->required()
      ->type_name("WHO");
  profile_cmd
      ->add_option("--since", profile_args.since,
                   "Only commits authored since DATE (YYYY-MM-DD[THH:MM[:SS]], or '30 days ago')")
      ->type_name("DATE");
  profile_cmd->add_option("--format", profile_args.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
  profile_cmd->add_flag("--no-review", profile_args.no_review,
                        "Use the record as it is: review and record no commit first");
  profile_cmd
      ->add_option("--rules", profile_args.rules.rules,
                   "Also load rules from PATH for the commits reviewed first (repeatable)")
      ->type_name("PATH")
      ->allow_extra_args(false)
      ->take_all();
  profile_cmd
      ->add_option("-j,--jobs", profile_args.jobs, "Commits reviewed in parallel (default: cores)")
      ->type_name("N");
  profile_cmd->footer(
      "Commits of the selection with no review recorded yet (every author's) are first reviewed "
      "and recorded as `check --record` does, with progress on a terminal's stderr. Rates are "
      "mistakes per 100 commits that could have had them (the summary's opportunities); the "
      "team is every other author, the mentee's earlier period the older half of the mentee's "
      "reviewed commits. A skill is suggested when the mentee made its mistake in at least "
      "summary.recurring (3) commits at a rate more than summary.trend_margin (25%) above the "
      "team's; docs/mentoring.md (\"Assessment: where to start\") defines every number.\n\n"
      "Examples:\n"
      "  git mentor profile --mentee mentee@example.com\n"
      "  git mentor profile --mentee 'Ada*' --since '90 days ago' --no-review\n"
      "  git mentor profile --mentee mentee@example.com origin/main --format json");

  SyncArgs sync_args;
  CLI::App* sync = app.add_subcommand(
      "sync", "Fetch, merge and push the record (refs/notes/mentor, refs/notes/mentor-reviews)");
  sync->add_option("remote", sync_args.remote, "The remote (default: origin)")->type_name("REMOTE");
  sync->footer(
      "Notes are merged line by line: every line either clone recorded is kept, as git's "
      "cat_sort_uniq strategy does. A push the remote refuses because it moved meanwhile is "
      "retried after fetching and merging again.");

  ReviewArgs review_args;
  bool review_interactive = false;
  CLI::App* review_cmd = app.add_subcommand(
      "review", "A mentor's review session: confirm, dismiss, praise and annotate findings");
  review_cmd->require_subcommand(0, 1);
  review_cmd->footer(kReviewFooter);
  review_cmd->add_flag("-i,--interactive", review_interactive,
                       "Review on this terminal, one finding at a time, with single keys");
  CLI::App* review_start = review_cmd->add_subcommand(
      "start", "Open a session over the findings of RANGE (recording them first if needed)");
  for (CLI::App* sub : {review_cmd, review_start}) {
    sub->add_option("range", review_args.ranges,
                    "Commits, as for check (default: what is not yet on any remote, else HEAD)")
        ->type_name("RANGE");
    sub->add_option("--mentee", review_args.mentee,
                    "Only commits by this author (email, name or glob; .mailmap applies)")
        ->type_name("WHO");
    sub->add_option("--rules", review_args.rules.rules,
                    "Also load rules from PATH when recording (repeatable)")
        ->type_name("PATH")
        ->allow_extra_args(false)
        ->take_all();
    sub->add_option("--utils", review_args.rules.utils,
                    "Also load shared utility rules from PATH (repeatable)")
        ->type_name("PATH")
        ->allow_extra_args(false)
        ->take_all();
  }
  review_cmd->add_option("--rule", review_args.rule, "With -i: only the findings of this rule")
      ->type_name("ID");
  CLI::App* review_list =
      review_cmd->add_subcommand("list", "Show a session's findings with their verdicts");
  review_list
      ->add_option("--session", review_args.session,
                   "The session (an id or prefix; default: the open one, else the newest)")
      ->type_name("ID");
  review_list->add_option("--format", review_args.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
  review_cmd->add_subcommand("sessions", "List the review sessions, newest first");
  std::vector<CLI::App*> review_verdicts{
      review_cmd->add_subcommand("confirm", "Confirm findings: the mistake is real"),
      review_cmd->add_subcommand("dismiss",
                                 "Dismiss findings: the rule was wrong here (a reason is needed)"),
      review_cmd->add_subcommand("praise", "Praise findings: well done"),
      review_cmd->add_subcommand("note", "Add a note to findings without judging them")};
  for (CLI::App* sub : review_verdicts) {
    sub->add_option("id", review_args.ids, "Review ids, as `review list` shows them")
        ->type_name("ID");
    sub->add_option("--rule", review_args.rule,
                    "Judge every finding of this rule in the open session that has no verdict")
        ->type_name("ID");
    sub->add_option("--commit", review_args.commit,
                    "Judge every finding of this commit (or range) in the open session that has "
                    "no verdict")
        ->type_name("REV");
    sub->add_option("--mentee", review_args.mentee,
                    "Judge every finding by this author in the open session that has no verdict")
        ->type_name("WHO");
    sub->add_flag("-y,--yes", review_args.yes,
                  "Judge the findings --rule/--commit/--mentee choose without asking");
    sub->add_flag("--outside-session", review_args.outside_session,
                  "Store the verdict although the finding is in no open session");
  }
  review_verdicts[1]->add_flag(
      "--not-the-mentees", review_args.not_the_mentees,
      "The code is not the mentee's (moved, merged, misattributed): does not count against the "
      "rule's health");
  CLI::App* review_close =
      review_cmd->add_subcommand("close", "End the open session, with an optional summary note");
  review_verdicts.push_back(review_close);
  for (CLI::App* sub : review_verdicts) {
    sub->add_option("--note", review_args.note, "The note (free text)")->type_name("TEXT");
    sub->add_option("--note-file", review_args.note_file,
                    "Read the note from FILE, byte for byte (- reads standard input)")
        ->type_name("FILE");
  }

  RulesArgs rules_args;
  CLI::App* rules_cmd = app.add_subcommand("rules", "List, explain, test, try and start rules");
  rules_cmd->require_subcommand(1);
  rules_cmd->footer(
      "The rules in use are those of .git-mentor.yaml (else the bundled packs) plus --rules.");
  rules_cmd->add_option("--rules", rules_args.rules.rules, "Also load rules from PATH (repeatable)")
      ->type_name("PATH")
      ->allow_extra_args(false)
      ->take_all();
  rules_cmd
      ->add_option("--utils", rules_args.rules.utils,
                   "Also load shared utility rules (for `matches:`) from PATH (repeatable)")
      ->type_name("PATH")
      ->allow_extra_args(false)
      ->take_all();
  CLI::App* rules_list =
      rules_cmd->add_subcommand("list", "One line per rule: id, language, severity, skill, source");
  rules_list->add_option("--language", rules_args.language, "Only the rules of this language")
      ->type_name("LANG");
  rules_list->add_option("--skill", rules_args.skill, "Only the rules training this skill")
      ->type_name("SKILL");
  rules_list
      ->add_option("--severity", rules_args.severity,
                   "Only the rules of this severity (error, warning, info, hint, praise)")
      ->type_name("SEVERITY");
  CLI::App* rules_explain = rules_cmd->add_subcommand(
      "explain", "Print a rule's message and lesson, then its bad and good examples");
  rules_explain->add_option("id", rules_args.id, "The rule id")->required()->type_name("ID");
  CLI::App* rules_new = rules_cmd->add_subcommand(
      "new", "Write DIR/ID.yaml, a rule to fill in: message, lesson, skill, pattern, examples");
  rules_new->add_option("id", rules_args.id, "The new rule's id (kebab-case)")
      ->required()
      ->type_name("ID");
  rules_new->add_option("--language", rules_args.language, "The language the rule matches")
      ->required()
      ->type_name("LANG");
  rules_new->add_option("--skill", rules_args.skill, "The skill it trains (default: TODO)")
      ->type_name("SKILL");
  rules_new
      ->add_option("--dir", rules_args.dir,
                   "Write it in DIR (default: the first directory of `rules:` in "
                   ".git-mentor.yaml, else .mentor/rules)")
      ->type_name("DIR");
  rules_new->footer(
      "Never overwrites a file (exit 2 if DIR/ID.yaml exists). The file starts with a "
      "yaml-language-server comment naming rule.schema.json, which is written next to it when "
      "DIR has none, so that editors complete and check its keys. Until its TODOs are replaced "
      "the rule fails its own examples in `git mentor rules test`.");
  CLI::App* rules_test =
      rules_cmd->add_subcommand("test",
                                "Check every rule against its examples: bad must match (else "
                                "Missing), good must not (else Noisy), a fix must leave bad ones "
                                "parsing and unmatched (else Bad fix)");
  rules_test->add_option("path", rules_args.paths, "Test only these rule files or directories")
      ->type_name("PATH");
  rules_test->add_flag("--strict", rules_args.strict,
                       "Also fail (exit 1) when a rule has no examples (Untested)");
  rules_test->footer(
      "A failing example is shown with why: for Missing, the closest node (of a kind the rule "
      "can match, where most of the rule's parts hold) and the first part that did not hold "
      "there, with its file:line:col; for Noisy, the node matched and the parts that held. The "
      "last line counts examples: N examples in M rules: P passed, F failed; U rules untested.");

  RulesTryArgs try_args;
  CLI::App* rules_try = rules_cmd->add_subcommand(
      "try", "Run a pattern or a rule on a snippet, files or a commit and show what matches");
  rules_try->fallthrough();
  rules_try
      ->add_option_function<std::string>(
          "-p,--pattern", [&](const std::string& value) { try_args.pattern = value; },
          "The pattern to try (needs --language for a snippet or a commit)")
      ->type_name("PATTERN");
  rules_try
      ->add_option("-l,--language", try_args.language,
                   "The language of the pattern and of the code (default: by extension)")
      ->type_name("LANG");
  rules_try
      ->add_option_function<std::string>(
          "--rule", [&](const std::string& value) { try_args.rule_file = value; },
          "Try the rules of this file (or directory), with --utils")
      ->type_name("FILE");
  rules_try
      ->add_option_function<std::string>(
          "--rule-text", [&](const std::string& value) { try_args.rule_text = value; },
          "Try the rules of this YAML text")
      ->type_name("YAML");
  rules_try
      ->add_option_function<std::string>(
          "-c,--code", [&](const std::string& value) { try_args.code = value; },
          "Try it on this snippet")
      ->type_name("SNIPPET");
  rules_try->add_option("file", try_args.files, "Try it on these files (- reads standard input)")
      ->type_name("FILE");
  rules_try
      ->add_option_function<std::string>(
          "--commit", [&](const std::string& value) { try_args.commit = value; },
          "Try it on the files this commit changed, marking what the commit introduced")
      ->type_name("REV");
  rules_try
      ->add_flag("--debug{all}", try_args.debug,
                 "Also print the trees the matcher compares, MODE being pattern (the pattern "
                 "as compiled), ast (the pattern's and the code's named nodes), cst (all their "
                 "nodes) or all (the default)")
      ->check(CLI::IsMember({"pattern", "ast", "cst", "all"}))
      ->option_text("[=MODE]");
  rules_try->add_option("--format", try_args.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("text|json");
  rules_try->footer(
      "Each match is shown as path:line:col with its code and metavariables: $A = text, and "
      "$$$A = [a, \",\", b], the nodes of a sequence, anonymous ones quoted. With --commit, every "
      "match in the files the commit changed (their new versions) is shown, marked as introduced "
      "by the commit or not, as `git mentor check` decides it; `files` and `ignores` of a rule "
      "apply only there. Exit status: 0 when something matched, 1 when nothing did, 2 on an "
      "error.\n\nExamples:\n  git mentor rules try -p 'foo($A, $$$REST)' -l js --code 'foo(a)' "
      "--debug\n  git mentor rules try --rule rules/no-print.yaml src/app.py\n  git mentor rules "
      "try --rule rules/no-print.yaml --commit HEAD --format json");
  // `git mentor rules list --rules X` reads as naturally as `git mentor rules --rules X list`.
  for (CLI::App* sub : {rules_list, rules_explain, rules_new, rules_test})
    sub->fallthrough();

  GoalArgs goal_args;
  CLI::App* goal_cmd = add_goal_command(app, goal_args);

  PracticeArgs practice_args;
  CLI::App* practice_check = nullptr;
  CLI::App* practice_cmd = add_practice_command(app, practice_args, practice_check);

  HookArgs hook_args;
  CLI::App* hook_cmd = app.add_subcommand("hook", "Run as a git hook");
  hook_cmd->require_subcommand(1);
  CLI::App* hook_pre_push = hook_cmd->add_subcommand(
      "pre-push",
      "git's pre-push hook: review the commits being pushed that the remote lacks; exit 1 "
      "(refusing the push) on a finding at or above fail_on");
  hook_pre_push->add_option("remote", hook_args.remote, "The remote's name")->required();
  hook_pre_push->add_option("url", hook_args.url, "The remote's URL");
  hook_pre_push->footer(
      "git writes one line per ref on standard input: <local ref> <local sha> <remote ref> "
      "<remote sha>.\nhooks/pre-push runs this; `git push --no-verify` skips it.\n\n"
      "It prints the findings by commit (short id and subject), those that block first, each "
      "where its code is at the tip of the push, with the first sentence of its lesson, then "
      "`git mentor rules explain` for each blocking rule. A finding a later commit of the push "
      "removes is shown as \"(fixed later in this push)\" and does not block.");
  CLI::App* hook_pre_commit = hook_cmd->add_subcommand(
      "pre-commit",
      "git's pre-commit hook: review what is staged; exit 1 (refusing the commit) on a finding "
      "at or above fail_on, saying so");
  hook_pre_commit->footer(
      "hooks/pre-commit runs this; `git commit --no-verify` skips it. The findings are printed "
      "as the pre-push hook prints them.");

  HookInstallArgs install_args;
  CLI::App* hook_install = hook_cmd->add_subcommand(
      "install", "Install git-mentor's hooks where git runs them (core.hooksPath honoured)");
  CLI::App* hook_uninstall =
      hook_cmd->add_subcommand("uninstall", "Remove git-mentor's hooks, leaving others alone");
  for (CLI::App* sub : {hook_install, hook_uninstall}) {
    sub->add_flag("--pre-push", install_args.pre_push, "The pre-push hook (the default)");
    sub->add_flag("--pre-commit", install_args.pre_commit,
                  "The pre-commit hook (reviews what is staged)");
  }
  hook_install->add_flag("--force", install_args.force,
                         "Replace a hook that is not git-mentor's, keeping it as "
                         "<hook>.before-git-mentor");

  // Hidden: what the build renders from this definition (man pages, shell completion).
  if (!args.empty() &&
      (args[0] == "--man" || args[0] == "--man-pages" || args[0] == "--completion"))
    return run_generator(app, args, streams);

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, streams.out, streams.err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, streams.out, streams.err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, streams.out, streams.err);
  } catch (const CLI::ParseError& e) {
    fmt::print(streams.err, "git-mentor: error: {}\nRun with --help for usage.\n", shown(e.what()));
    return 2;
  }

  try {
    if (check->parsed()) {
      check_args.directory = directory;
      return run_check(check_args, streams);
    }
    if (fix->parsed()) {
      fix_args.directory = directory;
      return run_fix(fix_args, streams);
    }
    if (hook_pre_push->parsed()) {
      hook_args.directory = directory;
      std::istringstream no_input;
      return run_hook_pre_push(
          hook_args, streams,
          streams.in != nullptr ? *streams.in : static_cast<std::istream&>(no_input));
    }
    if (hook_pre_commit->parsed()) {
      hook_args.directory = directory;
      return run_hook_pre_commit(hook_args, streams);
    }
    if (sync->parsed()) {
      sync_args.directory = directory;
      return run_sync(sync_args, streams);
    }
    if (review_cmd->parsed()) {
      review_args.directory = directory;
      for (CLI::App* sub : review_cmd->get_subcommands())
        review_args.action = sub->get_name();
      if (review_args.action.empty() && review_interactive)
        review_args.action = "interactive";
      if (review_args.action.empty()) {
        streams.err << review_cmd->help();
        return 2;
      }
      if (review_interactive && review_args.action != "interactive")
        throw Error("-i is a way to review, not an option of `review " + review_args.action + "`");
      return run_review_command(review_args, streams);
    }
    if (log->parsed()) {
      log_args.directory = directory;
      return run_log(log_args, streams);
    }
    if (goal_cmd->parsed()) {
      goal_args.directory = directory;
      for (CLI::App* sub : goal_cmd->get_subcommands())
        goal_args.action = sub->get_name();
      return run_goal(goal_args, streams);
    }
    if (practice_cmd->parsed()) {
      practice_args.directory = directory;
      practice_args.action = practice_check->parsed() ? "check" : "";
      return run_practice(practice_args, streams);
    }
    if (summary_cmd->parsed()) {
      summary_args.directory = directory;
      return run_summary(summary_args, streams);
    }
    if (profile_cmd->parsed()) {
      profile_args.directory = directory;
      return run_profile(profile_args, streams);
    }
    install_args.directory = directory;
    if (hook_install->parsed())
      return run_hook_install(install_args, streams);
    if (hook_uninstall->parsed())
      return run_hook_uninstall(install_args, streams);
    rules_args.directory = directory;
    if (rules_list->parsed())
      return run_rules_list(rules_args, streams);
    if (rules_explain->parsed())
      return run_rules_explain(rules_args, streams);
    if (rules_new->parsed())
      return run_rules_new(rules_args, streams);
    if (rules_test->parsed())
      return run_rules_test(rules_args, streams);
    if (rules_try->parsed()) {
      try_args.directory = directory;
      try_args.rules = rules_args.rules;
      return run_rules_try(try_args, streams);
    }
    streams.err << app.help();
    return 2;
  } catch (const Error& e) {
    print_error(streams, e);
    return 2;
  } catch (const std::exception& e) {
    fmt::print(streams.err, "git-mentor: error: {}\n", shown(e.what()));
    return 2;
  }
}

void print_warning(Streams& streams, std::string_view message) {
  fmt::print(streams.err, "git-mentor: warning: {}\n", shown(message));
}

}  // namespace mentor::cli
