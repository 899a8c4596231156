// `git mentor log`.
#include "cli/log_command.hpp"

#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "cli/review_command.hpp"
#include "cli/workspace.hpp"
#include "git/commit_range.hpp"
#include "git/diff_reader.hpp"
#include "git/identity.hpp"
#include "loop/practice.hpp"
#include "record/findings_record.hpp"
#include "record/reviews_record.hpp"
#include "util/dates.hpp"
#include "util/encoding.hpp"

namespace mentor::cli {

namespace {

std::string safe(std::string_view text) {
  return util::terminal_safe(text);
}

// The finding as `log --format json` prints it: the stored fields, then what mentors said.
nlohmann::ordered_json with_reviews(const record::RecordedFinding& f,
                                    const record::ReviewsRecord& reviews) {
  nlohmann::ordered_json json = record::finding_json(f);
  json["review_id"] = record::review_id(record::key_of(f));
  const record::FindingReview* review = reviews.find(record::key_of(f));
  json["verdict"] = review != nullptr && review->verdict
                        ? nlohmann::ordered_json(record::verdict_name(*review->verdict))
                        : nlohmann::ordered_json();
  json["reviews"] = record::history_json(review);
  return json;
}

// The goals set and closed, as lines (terminal-safe) by the commit whose note holds them: a
// goal's `add` and `close` lines are stored on the commit HEAD pointed at then.
std::map<std::string, std::vector<std::string>> goal_event_lines(
    const record::ReviewsRecord& reviews) {
  std::map<std::string, std::vector<std::string>> lines;
  for (const auto& [id, g] : reviews.goals) {
    if (g.added) {
      std::string what = g.skill + (g.rule.empty() ? "" : " (rule " + g.rule + ")");
      lines[g.head].push_back(
          safe(fmt::format("goal {} set by {} on {} for {}: {}, {} or above, {} to {}{}{}{}", g.id,
                           g.mentor, g.time.substr(0, 10), g.mentee, what, g.severity,
                           g.from.substr(0, 10), g.until.substr(0, 10),
                           g.within ? fmt::format(", first {} relevant commits", *g.within) : "",
                           g.note.empty() ? "" : ": ", g.note)));
    }
    if (g.closed) {
      lines[g.close_head].push_back(safe(
          fmt::format("goal {} closed by {} on {}{}{}", g.id, g.closed_by, g.closed->substr(0, 10),
                      g.close_note.empty() ? "" : ": ", g.close_note)));
    }
  }
  return lines;
}

}  // namespace

int run_log(const LogArgs& args, Streams& streams) {
  Workspace workspace = open_workspace(args.directory);
  std::vector<std::string> commits =
      git::resolve_commits(workspace.repo, args.ranges, git::Plain::history);
  auto warn = [&](const std::string& message) { print_warning(streams, message); };
  std::map<std::string, record::CommitRecord> records =
      record::read_records(workspace.repo, commits, warn);

  record::ReviewsRecord reviews = record::read_reviews(workspace.repo, warn);
  record::carry_verdicts(reviews, records);
  git::Mailmap mailmap(workspace.repo);
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  std::size_t findings = 0;
  std::size_t with_findings = 0;
  std::size_t reviewed = 0;
  std::size_t shown_commits = 0;
  // Closed sessions' notes, shown once, beside the newest commit of the session listed here.
  std::map<std::string, std::vector<const record::Session*>> notes_on;
  for (const auto& [id, session] : reviews.sessions) {
    if (!session.closed || session.summary.empty())
      continue;
    for (const auto& commit : session.commits)
      notes_on[commit].push_back(&session);
  }
  std::set<std::string> noted;  // sessions whose note was shown
  std::map<std::string, std::vector<std::string>> goal_events = goal_event_lines(reviews);
  for (const auto& [commit, lines] : loop::practice_lines(reviews.practice)) {
    for (const auto& line : lines)
      goal_events[commit].push_back(safe(line));
  }
  for (auto it = commits.rbegin(); it != commits.rend(); ++it) {  // newest first, as git log
    git::Person author = mailmap.resolve(git::commit_author(workspace.repo, *it));
    if (!args.mentee.empty() && !git::matches_person(args.mentee, author))
      continue;
    ++shown_commits;
    std::vector<const record::Session*> session_notes;
    if (auto n = notes_on.find(*it); n != notes_on.end()) {
      for (const auto* session : n->second) {
        if (noted.insert(session->id).second)
          session_notes.push_back(session);
      }
    }
    auto record = records.find(*it);
    const std::vector<record::RecordedFinding> none;
    const auto& list = record == records.end() ? none : record->second.findings;
    if (record != records.end() && record->second.reviewed)
      ++reviewed;
    auto goal_lines = goal_events.find(*it);
    if (list.empty() && session_notes.empty() && goal_lines == goal_events.end())
      continue;
    if (!list.empty())
      ++with_findings;
    findings += list.size();
    if (args.format == "json") {
      for (const auto& f : list)
        array.push_back(with_reviews(f, reviews));
      continue;
    }
    git::CommitInfo info = git::read_commit_info(workspace.repo, *it);
    fmt::print(streams.out, "{} {}  {}  {}\n", it->substr(0, 12), safe(author.display()),
               util::utc_date(info.author_time), safe(info.summary));
    for (const auto* session : session_notes) {
      fmt::print(streams.out, "  review session {} ({} commit{}) closed by {} on {}:\n",
                 safe(session->id), session->commits.size(),
                 session->commits.size() == 1 ? "" : "s", safe(session->closed_by),
                 safe(session->closed->substr(0, 10)));
      std::istringstream lines(session->summary);
      for (std::string line; std::getline(lines, line);)
        fmt::print(streams.out, "    {}\n", safe(line));
    }
    if (goal_lines != goal_events.end()) {
      for (const auto& line : goal_lines->second)
        fmt::print(streams.out, "  {}\n", line);
    }
    for (const auto& f : list) {
      fmt::print(streams.out, "  {}:{}:{}: {}{}: {} [{}]\n", safe(f.path), f.line, f.col,
                 safe(f.severity), f.suppressed ? " (suppressed)" : "", safe(f.message),
                 safe(f.rule));
      print_review_history(streams.out, reviews.find(record::key_of(f)), "    ");
    }
  }
  if (args.format == "json") {
    streams.out << array.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                << '\n';
    return 0;
  }
  fmt::print(streams.out, "{} finding{} in {} commit{}; {} of {} commit{} reviewed and recorded\n",
             findings, findings == 1 ? "" : "s", with_findings, with_findings == 1 ? "" : "s",
             reviewed, shown_commits, shown_commits == 1 ? "" : "s");
  return 0;
}

}  // namespace mentor::cli
