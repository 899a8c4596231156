// `git mentor log`.
#include "cli/log_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "cli/review_command.hpp"
#include "cli/workspace.hpp"
#include "git/commit_range.hpp"
#include "git/diff_reader.hpp"
#include "git/identity.hpp"
#include "record/findings_record.hpp"
#include "record/reviews_record.hpp"
#include "util/dates.hpp"
#include "util/encoding.hpp"

namespace mentor::cli {

namespace {

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
  for (auto it = commits.rbegin(); it != commits.rend(); ++it) {  // newest first, as git log
    git::Person author = mailmap.resolve(git::commit_author(workspace.repo, *it));
    if (!args.mentee.empty() && !git::matches_person(args.mentee, author))
      continue;
    ++shown_commits;
    auto record = records.find(*it);
    if (record == records.end())
      continue;
    if (record->second.reviewed)
      ++reviewed;
    const auto& list = record->second.findings;
    if (list.empty())
      continue;
    ++with_findings;
    findings += list.size();
    if (args.format == "json") {
      for (const auto& f : list)
        array.push_back(with_reviews(f, reviews));
      continue;
    }
    git::CommitInfo info = git::read_commit_info(workspace.repo, *it);
    // Names, subjects and everything a note holds come from the repository.
    fmt::print(streams.out, "{} {}  {}  {}\n", it->substr(0, 12),
               util::terminal_safe(author.display()), util::utc_date(info.author_time),
               util::terminal_safe(info.summary));
    for (const auto& f : list) {
      fmt::print(streams.out, "  {}:{}:{}: {}{}: {} [{}]\n", util::terminal_safe(f.path), f.line,
                 f.col, util::terminal_safe(f.severity), f.suppressed ? " (suppressed)" : "",
                 util::terminal_safe(f.message), util::terminal_safe(f.rule));
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
