// `git mentor goal add|list|close`, and goals in `summary` and the pre-push hook.
#include "cli/goal_command.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <limits>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/review_command.hpp"
#include "cli/summary_input.hpp"
#include "git/commit_range.hpp"
#include "git/identity.hpp"
#include "git/notes_ref.hpp"
#include "loop/goals.hpp"
#include "record/findings_record.hpp"
#include "report/hook_report.hpp"
#include "summary/render.hpp"
#include "util/encoding.hpp"
#include "util/error.hpp"
#include "util/suggest.hpp"

namespace mentor::cli {

namespace {

// A goal id as typed: at least this many hex digits.
constexpr std::size_t kMinimumPrefix = 4;

constexpr const char* kGoalFooter = R"(
A goal says: in the mentee's relevant commits from its start (now, or --from) until DATE (or
until the first N relevant commits, with --within N), no finding of the skill (or of --rule)
at or above --severity that is confirmed or not reviewed yet. A relevant commit is a reviewed
commit of the mentee that is an opportunity for the skill, as in `git mentor summary`.
Its state is computed from the record whenever it is shown, never stored:
  open    not decided yet: the window is not over (or commits in it are not recorded yet)
  met     the window is over and every relevant commit in it was clean
  missed  a relevant commit in the window has such a finding (dismiss it if it was wrong)
  closed  a mentor closed it before its window was over
Goals are stored in refs/notes/mentor-reviews (`git mentor sync` shares them). `summary` shows
them, `log` shows when they were set and closed, and the pre-push hook mentions an open goal
when a push touches its skill.

Examples:
  git mentor goal add --mentee sam@example.org --skill error-handling --until 2026-12-20
  git mentor goal add --mentee sam@example.org --skill readability --within 5 --until 2027-01-31 \
      --note "Five commits without print() in library code"
  git mentor goal list --all
  git mentor goal close 3f2a --note "Met in spirit; moving on to logging")";

std::int64_t now_seconds() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

bool bare_date(const std::string& text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-';
}

record::Warn warner(Streams& streams) {
  return [&streams](const std::string& message) { print_warning(streams, message); };
}

std::string lower(std::string text) {
  for (char& c : text)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Whether the goal is one of `who` (as `--mentee` of goal list: the same text, or a pattern
// that matches it).
bool goal_of(const record::Goal& goal, const std::string& who) {
  return lower(goal.mentee) == lower(who) ||
         git::matches_person(who, git::Person{goal.mentee, goal.mentee});
}

std::string safe(std::string_view text) {
  return util::terminal_safe(text);
}

std::string head_commit(const Workspace& workspace) {
  std::vector<std::string> head = git::resolve_commits(workspace.repo, {"HEAD"});
  if (head.empty())
    throw Error("goals are stored on the commit HEAD points at; this repository has none yet");
  return head.back();
}

int run_add(const GoalArgs& args, Workspace& workspace, Streams& streams) {
  if (args.mentee.empty())
    throw Error("goal add: --mentee is required");
  if (args.skill.empty())
    throw Error("goal add: --skill is required");
  if (args.until.empty())
    throw Error("goal add: --until is required");
  const std::int64_t now = now_seconds();
  std::int64_t until = parse_date_option("--until", args.until, now);
  if (bare_date(args.until))
    until += 86399;  // a date means until the end of that day (UTC)
  if (until <= now) {
    throw Error(fmt::format("--until: {} is in the past; a goal ends in the future",
                            summary::format_time(until)));
  }
  std::int64_t from = args.from.empty() ? now : parse_date_option("--from", args.from, now);
  if (from >= until) {
    throw Error(fmt::format("--from: {} is not before --until {}", summary::format_time(from),
                            summary::format_time(until)));
  }

  // The skill and the rule must be among the configured rules.
  review::RuleSet rules;
  load_workspace_rules(workspace, args.directory, {}, rules);
  require_configured_skill(rules, args.skill, "goal add");
  if (!args.rule.empty()) {
    const rules::Rule& rule = require_configured_rule(rules, args.rule, "goal add");
    if (rule.skill != args.skill) {
      throw Error(fmt::format("goal add: rule '{}' trains skill '{}', not '{}'", args.rule,
                              rule.skill, args.skill));
    }
  }

  record::Goal goal;
  goal.mentor = mentor_of(workspace.repo);
  goal.head = head_commit(workspace);
  goal.mentee = args.mentee;
  goal.skill = args.skill;
  goal.rule = args.rule;
  goal.severity = args.severity;
  goal.from = summary::format_time(from);
  goal.until = summary::format_time(until);
  if (args.within)
    goal.within = *args.within;
  goal.time = record::now_utc();
  goal.note = args.note;
  goal.id = git::blob_id(fmt::format("{}\n{}\n{}\n{}\n{}", goal.mentor, goal.time, goal.mentee,
                                     goal.skill, goal.until))
                .substr(0, 12);
  record::store_goal_add(workspace.repo, goal, warner(streams));
  fmt::print(streams.out, "added goal {}: {} {}, {} or above, from {} until {}{}\n", goal.id,
             safe(goal.mentee),
             safe(goal.skill) + (goal.rule.empty() ? "" : " (rule " + safe(goal.rule) + ")"),
             goal.severity, summary::format_date(from), summary::format_date(until),
             goal.within ? fmt::format(", within {} relevant commits", *goal.within) : "");
  return 0;
}

// The goal `prefix` names among `goals`; throws when none or several do.
const record::Goal& find_goal(const record::ReviewsRecord& reviews, std::string prefix) {
  prefix = lower(prefix);
  if (prefix.size() < kMinimumPrefix ||
      prefix.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw Error(fmt::format("'{}' is not a goal id: type at least {} of its hex digits", prefix,
                            kMinimumPrefix));
  }
  const record::Goal* found = nullptr;
  for (const auto& [id, goal] : reviews.goals) {
    if (!goal.added || id.compare(0, prefix.size(), prefix) != 0)
      continue;
    if (found != nullptr)
      throw Error(fmt::format("goal id {} is ambiguous; type more of it", prefix));
    found = &goal;
  }
  if (found == nullptr)
    throw Error(fmt::format("no goal has id {} (`git mentor goal list --all` shows them)", prefix));
  return *found;
}

void print_goal(std::ostream& out, const loop::GoalProgress& p) {
  const record::Goal& g = p.goal;
  fmt::print(out, "goal {}  {}  {}  {}..{}{}  {}\n", g.id, safe(g.mentee),
             safe(loop::goal_subject_label(p)), summary::format_date(p.from),
             summary::format_date(p.until),
             g.within ? fmt::format(" (first {} relevant commits)", *g.within) : "",
             loop::goal_state_label(p));
  fmt::print(out, "  {}", loop::goal_progress_label(p));
  if (!p.missed_in.empty()) {
    std::vector<std::string> shorts;
    for (const auto& c : p.missed_in)
      shorts.push_back(c.substr(0, 12));
    fmt::print(out, "; not clean: {}", fmt::join(shorts, ", "));
  }
  fmt::print(out, "\n");
  if (!p.not_reviewed.empty()) {
    fmt::print(out, "  {} commit{} not reviewed yet: git mentor check --record\n",
               p.not_reviewed.size(), p.not_reviewed.size() == 1 ? "" : "s");
  }
  fmt::print(out, "  set by {} on {}{}{}\n", safe(g.mentor), safe(g.time.substr(0, 10)),
             g.note.empty() ? "" : ": ", safe(g.note));
  if (g.closed) {
    fmt::print(out, "  closed by {} on {}{}{}\n", safe(g.closed_by), safe(g.closed->substr(0, 10)),
               g.close_note.empty() ? "" : ": ", safe(g.close_note));
  }
}

int run_list(const GoalArgs& args, Workspace& workspace, Streams& streams) {
  record::ReviewsRecord reviews = record::read_reviews(workspace.repo, warner(streams));
  std::vector<record::Goal> goals;
  for (const auto& [id, goal] : reviews.goals) {
    if (!goal.added || (goal.closed && !args.all))
      continue;
    if (!args.mentee.empty() && !goal_of(goal, args.mentee))
      continue;
    goals.push_back(goal);
  }
  std::vector<loop::GoalProgress> progress =
      evaluate_goals(workspace, args.directory, {}, goals, streams);
  if (args.format == "json") {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const auto& p : progress)
      array.push_back(summary::goal_json(p));
    streams.out << array.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                << '\n';
    return 0;
  }
  for (const auto& p : progress)
    print_goal(streams.out, p);
  fmt::print(streams.out, "{} goal{}\n", progress.size(), progress.size() == 1 ? "" : "s");
  return 0;
}

int run_close(const GoalArgs& args, Workspace& workspace, Streams& streams) {
  record::ReviewsRecord reviews = record::read_reviews(workspace.repo, warner(streams));
  record::Goal goal = find_goal(reviews, args.id);
  if (goal.closed) {
    throw Error(fmt::format("goal {} was already closed by {} on {}", goal.id, goal.closed_by,
                            goal.closed->substr(0, 10)));
  }
  goal.closed_by = mentor_of(workspace.repo);
  goal.closed = record::now_utc();
  goal.close_note = args.note;
  goal.close_head = head_commit(workspace);
  std::vector<loop::GoalProgress> progress =
      evaluate_goals(workspace, args.directory, {}, {goal}, streams);
  record::store_goal_close(workspace.repo, goal, warner(streams));
  const loop::GoalProgress& p = progress.front();
  fmt::print(streams.out, "closed goal {}: {}; {}\n", goal.id, loop::goal_state_label(p),
             loop::goal_progress_label(p));
  return 0;
}

std::vector<loop::ConfiguredRule> configured_rules(const review::RuleSet& rules) {
  std::vector<loop::ConfiguredRule> out;
  for (const rules::Rule* rule : rules.all()) {
    out.push_back({rule->id, rule->skill,
                   rule->language != nullptr ? std::string(rule->language->name) : ""});
  }
  return out;
}

bool is_open_now(const record::Goal& goal, std::int64_t now) {
  return goal.added && !goal.closed && loop::parse_stored_time(goal.until).value_or(0) >= now;
}

}  // namespace

CLI::App* add_goal_command(CLI::App& app, GoalArgs& args) {
  CLI::App* goal = app.add_subcommand(
      "goal", "Goals per mentee and skill, with a date; met or missed is computed from the record");
  goal->require_subcommand(1);
  goal->footer(kGoalFooter);
  CLI::App* add = goal->add_subcommand("add", "Set a goal for a mentee");
  add->add_option("--mentee", args.mentee, "Whose goal (email, name or glob; .mailmap applies)")
      ->required()
      ->type_name("WHO");
  add->add_option("--skill", args.skill, "The skill (a `skill:` of the configured rules)")
      ->required()
      ->type_name("SKILL");
  add->add_option("--rule", args.rule, "Only this rule of the skill")->type_name("ID");
  add->add_option("--severity", args.severity,
                  "Findings at or above this severity count (default: warning)")
      ->check(CLI::IsMember({"error", "warning", "info", "hint"}))
      ->type_name("LEVEL");
  add->add_option("--until", args.until,
                  "The window's end: YYYY-MM-DD (that whole day, UTC) or YYYY-MM-DDTHH:MM[:SS]")
      ->required()
      ->type_name("DATE");
  add->add_option("--from", args.from,
                  "The window's start (default: now; an earlier date sets a goal retroactively)")
      ->type_name("DATE");
  add->add_option("--within", args.within,
                  "The window ends after the mentee's first N relevant commits (or at --until)")
      ->check(CLI::Range(1, 1000000))
      ->type_name("N");
  add->add_option("--note", args.note, "Why, or what good looks like (free text)")
      ->type_name("TEXT");
  CLI::App* list = goal->add_subcommand(
      "list", "The goals with their state: open, met, missed (and closed, with --all)");
  list->add_option("--mentee", args.mentee, "Only this mentee's goals")->type_name("WHO");
  list->add_flag("--all", args.all, "Also the goals a mentor closed");
  list->add_option("--format", args.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
  CLI::App* close = goal->add_subcommand("close", "Close a goal before its window is over");
  close->add_option("id", args.id, "The goal id (4 or more of its hex digits)")
      ->required()
      ->type_name("ID");
  close->add_option("--note", args.note, "Why (free text)")->type_name("TEXT");
  return goal;
}

int run_goal(const GoalArgs& args, Streams& streams) {
  Workspace workspace = open_workspace(args.directory);
  if (args.action == "add")
    return run_add(args, workspace, streams);
  if (args.action == "close")
    return run_close(args, workspace, streams);
  return run_list(args, workspace, streams);
}

std::vector<loop::GoalProgress> evaluate_goals(
    const Workspace& workspace, const std::string& directory,
    const std::vector<std::string>& ranges, const std::vector<record::Goal>& goals,
    Streams& streams, const std::function<void(summary::Input&)>& overlay) {
  std::vector<loop::GoalProgress> out;
  if (goals.empty())
    return out;
  // Only the commits a window can hold: authored since the earliest start.
  Selection selection;
  selection.ranges = ranges;
  // Only the goals' mentees' commits are diffed: when they all name one, read only theirs.
  const bool one_mentee = std::all_of(goals.begin(), goals.end(), [&](const record::Goal& goal) {
    return goal.mentee == goals.front().mentee;
  });
  if (one_mentee)
    selection.mentee = goals.front().mentee;
  else
    selection.all_authors = true;
  std::int64_t since = std::numeric_limits<std::int64_t>::max();
  for (const auto& goal : goals)
    since = std::min(since, loop::parse_stored_time(goal.from).value_or(0));
  selection.since = since;
  SummarySource source;
  read_summary_source(workspace, directory, selection, streams, source);
  if (overlay)
    overlay(source.input);
  const std::vector<loop::ConfiguredRule> configured = configured_rules(source.rules);
  const std::int64_t now = now_seconds();
  for (const auto& goal : goals) {
    loop::Scope scope = loop::goal_scope(goal, source.input, configured);
    auto is_mentees = [&goal](const summary::CommitInput& commit) {
      return git::matches_person(goal.mentee, {commit.author_name, commit.author_email});
    };
    out.push_back(loop::evaluate_goal(goal, source.input, scope, is_mentees, now));
  }
  return out;
}

void attach_goals(const Workspace& workspace, const std::string& directory,
                  const std::vector<std::string>& ranges, const record::ReviewsRecord& reviews,
                  summary::Summary& summary, Streams& streams) {
  std::vector<record::Goal> goals;
  for (const auto& entry : reviews.goals) {
    const record::Goal& goal = entry.second;  // a name a lambda may capture (not a binding)
    if (!goal.added)
      continue;
    bool theirs = std::any_of(summary.mentees.begin(), summary.mentees.end(),
                              [&](const summary::MenteeSummary& m) {
                                return git::matches_person(goal.mentee, {m.name, m.email});
                              });
    if (theirs)
      goals.push_back(goal);
  }
  // The summary read the same record already and said what was wrong with it.
  std::ostringstream quiet;
  Streams second_read{streams.out, quiet};
  summary.goals = evaluate_goals(workspace, directory, ranges, goals, second_read);
}

void mention_goals(const Workspace& workspace, const std::string& directory,
                   const std::vector<review::CommitReview>& pushed, const review::RuleSet& rules,
                   Streams& streams) {
  try {
    // No reviews ref, no goals: nothing more is read.
    if (!git::NotesRef(workspace.repo, std::string(record::kReviewsRef)).tip())
      return;
    record::ReviewsRecord reviews = record::read_reviews(workspace.repo, {});
    const std::int64_t now = now_seconds();
    std::vector<record::Goal> open;
    for (const auto& [id, goal] : reviews.goals) {
      if (is_open_now(goal, now))
        open.push_back(goal);
    }
    if (open.empty())
      return;

    // The pushed commits as the summary sees them: reviewed, with their files and findings.
    git::Mailmap mailmap(workspace.repo);
    summary::Input input;
    input.language_of = [&workspace](std::string_view path) {
      const lang::Language* language = workspace.languages.for_path(path);
      return language != nullptr ? std::string(language->name) : std::string();
    };
    input.rule_applies = [&rules](std::string_view rule,
                                  std::string_view path) -> std::optional<bool> {
      const rules::Rule* found = rules.find(std::string(rule));
      if (found == nullptr)
        return std::nullopt;
      return found->applies_to(path);
    };
    for (const auto& review : pushed) {
      summary::CommitInput& commit = input.commits.emplace_back();
      commit.id = review.commit.id;
      git::Person author = mailmap.resolve({review.commit.author_name, review.commit.author_email});
      commit.author_name = author.name;
      commit.author_email = author.email;
      commit.time = review.commit.author_time;
      commit.reviewed = true;
      commit.paths = review.paths;
      std::set<std::string> languages;
      for (const auto& path : review.paths) {
        std::string language = input.language_of(path);
        if (!language.empty())
          languages.insert(language);
      }
      commit.languages.assign(languages.begin(), languages.end());
      for (const auto& f : review.findings)
        commit.findings.push_back(record::parse_line(record::finding_line(f, "")).finding);
    }
    const std::vector<loop::ConfiguredRule> configured = configured_rules(rules);
    std::vector<record::Goal> touched;
    for (const auto& goal : open) {
      loop::Scope scope = loop::goal_scope(goal, input, configured);
      bool touches = std::any_of(
          input.commits.begin(), input.commits.end(), [&](const summary::CommitInput& commit) {
            // A commit that changed no file of a rule's language touches no skill (and the hook
            // loaded no rules for it).
            return !commit.paths.empty() &&
                   git::matches_person(goal.mentee, {commit.author_name, commit.author_email}) &&
                   loop::is_opportunity(commit, scope, input.language_of, input.rule_applies);
          });
      if (touches)
        touched.push_back(goal);
    }
    if (touched.empty())
      return;

    // Their progress over the pushed history, the pushed commits counted as the hook reviewed
    // them when they are not recorded yet.
    std::vector<std::string> tips;
    for (const auto& commit : input.commits)
      tips.push_back(commit.id);
    auto overlay = [&input](summary::Input& read) {
      for (auto& commit : read.commits) {
        if (commit.reviewed || !commit.findings.empty())
          continue;
        auto it = std::find_if(input.commits.begin(), input.commits.end(),
                               [&](const summary::CommitInput& pushed_commit) {
                                 return pushed_commit.id == commit.id;
                               });
        if (it == input.commits.end())
          continue;
        commit.reviewed = true;
        commit.paths = it->paths;
        commit.languages = it->languages;
        commit.findings = it->findings;
      }
    };
    std::ostringstream quiet;
    Streams no_progress{streams.out, quiet};
    for (const auto& p :
         evaluate_goals(workspace, directory, tips, touched, no_progress, overlay)) {
      // An open goal, or one this push misses; not one met or missed before.
      bool missed_here = std::any_of(p.missed_in.begin(), p.missed_in.end(), [&](const auto& id) {
        return std::find(tips.begin(), tips.end(), id) != tips.end();
      });
      if (p.state != loop::GoalState::open && !missed_here)
        continue;
      std::string progress =
          p.state == loop::GoalState::missed
              ? fmt::format("missed: {} of {} relevant commits clean", p.clean, p.target)
              : fmt::format("{} of {} relevant commits clean so far, {} day{} left", p.clean,
                            p.target, p.days_left, p.days_left == 1 ? "" : "s");
      std::string subject =
          p.goal.rule.empty() ? p.goal.skill : p.goal.skill + ", rule " + p.goal.rule;
      report::write_goal_mention(streams.err, subject, summary::format_date(p.until), progress);
    }
  } catch (const std::exception& e) {
    print_warning(streams, std::string("goals: ") + e.what());
  }
}

}  // namespace mentor::cli
