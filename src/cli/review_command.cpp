// `git mentor review`.
#include "cli/review_command.hpp"
#include "cli/color.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "cli/check_command.hpp"
#include "cli/review_interactive.hpp"
#include "cli/workspace.hpp"
#include "git/commit_range.hpp"
#include "git/diff_reader.hpp"
#include "git/identity.hpp"
#include "git/notes_ref.hpp"
#include "record/findings_record.hpp"
#include "record/reviews_record.hpp"
#include "report/markdown.hpp"
#include "util/encoding.hpp"
#include "util/error.hpp"

namespace mentor::cli {

namespace {

namespace fs = std::filesystem;
using record::RecordedFinding;
using record::Verdict;

// Review ids are shown with at least this many hex digits (more when needed to be unique).
constexpr std::size_t kShortId = 7;
// A typed id must have at least this many.
constexpr std::size_t kMinimumPrefix = 4;

record::Warn warner(Streams& streams) {
  return [&streams](const std::string& message) { print_warning(streams, message); };
}

// The session this clone has open: one per repository (per worktree), kept in the git
// directory, outside what is shared.
std::string session_file(const git::Repository& repo) {
  return repo.git_dir() + "mentor-review-session";
}

std::optional<std::string> open_session_id(const git::Repository& repo) {
  std::ifstream in(session_file(repo));
  std::string id;
  if (!(in >> id))
    return std::nullopt;
  return id;
}

void set_open_session(const git::Repository& repo, const std::optional<std::string>& id) {
  std::string path = session_file(repo);
  if (!id) {
    std::error_code ignored;
    fs::remove(path, ignored);
    return;
  }
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << *id << '\n';
    if (!out.flush())
      throw Error("cannot write " + temporary);
  }
  fs::rename(temporary, path);
}

// The findings of `commits` (oldest first) in the record, in commit order, then by place.
std::vector<RecordedFinding> findings_of(const std::map<std::string, record::CommitRecord>& records,
                                         const std::vector<std::string>& commits) {
  std::vector<RecordedFinding> out;
  for (const auto& commit : commits) {
    auto it = records.find(commit);
    if (it == records.end())
      continue;
    std::vector<RecordedFinding> list = it->second.findings;
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      return std::tie(a.path, a.line, a.col) < std::tie(b.path, b.line, b.col);
    });
    std::move(list.begin(), list.end(), std::back_inserter(out));
  }
  return out;
}

// Review ids of a set of findings, and their shortest unique prefixes.
class IdIndex {
 public:
  explicit IdIndex(const std::vector<RecordedFinding>& findings) {
    for (std::size_t i = 0; i < findings.size(); ++i)
      ids_.emplace_back(record::review_id(record::key_of(findings[i])), i);
    std::sort(ids_.begin(), ids_.end());
    // Adjacent ids in sorted order share the longest prefixes.
    for (std::size_t i = 0; i + 1 < ids_.size(); ++i) {
      const std::string& a = ids_[i].first;
      const std::string& b = ids_[i + 1].first;
      if (a == b)
        continue;  // the same finding listed twice (same fingerprint at two places)
      std::size_t common = 0;
      while (a[common] == b[common])
        ++common;
      length_ = std::max(length_, common + 1);
    }
  }

  std::string short_id(const RecordedFinding& finding) const {
    return record::review_id(record::key_of(finding)).substr(0, length_);
  }

  // The index of the finding `prefix` names; throws when none or several do.
  std::size_t resolve(std::string prefix) const {
    std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (prefix.size() < kMinimumPrefix ||
        prefix.find_first_not_of("0123456789abcdef") != std::string::npos) {
      throw Error(
          fmt::format("'{}' is not a review id (at least {} hex digits, as `git mentor "
                      "review list` shows them)",
                      prefix, kMinimumPrefix));
    }
    auto first = std::lower_bound(ids_.begin(), ids_.end(), std::pair{prefix, std::size_t{0}});
    std::vector<std::size_t> matches;
    std::string seen;
    for (auto it = first; it != ids_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
         ++it) {
      if (it->first != seen)
        matches.push_back(it->second);
      seen = it->first;
    }
    if (matches.empty()) {
      throw Error(fmt::format(
          "no recorded finding has review id {} (`git mentor review list` shows them)", prefix));
    }
    if (matches.size() > 1)
      throw Error(fmt::format("review id {} is ambiguous; type more of it", prefix));
    return matches.front();
  }

 private:
  std::vector<std::pair<std::string, std::size_t>> ids_;
  std::size_t length_ = kShortId;
};

// Text from the record or the repository, for a terminal.
std::string safe(std::string_view text) {
  return util::terminal_safe(text);
}

// A severity, coloured by how much it weighs: error red, warning yellow, info cyan, hint dim,
// praise green.
std::string paint_severity(std::string_view severity, bool color) {
  if (!color)
    return safe(severity);
  const char* code = severity == "error"     ? "1;31"
                     : severity == "warning" ? "33"
                     : severity == "info"    ? "36"
                     : severity == "praise"  ? "32"
                                             : "2";
  return fmt::format("\x1b[{}m{}\x1b[0m", code, safe(severity));
}

// "Confirm", "Dismiss", "Praise", "Note".
std::string_view action_verb(Verdict verdict) {
  switch (verdict) {
    case Verdict::confirmed:
      return "Confirm";
    case Verdict::dismissed:
      return "Dismiss";
    case Verdict::praised:
      return "Praise";
    case Verdict::noted:
      return "Note";
  }
  return "Judge";
}

// A finding of a praise rule needs no verdict: the rule says already that the code is good.
bool needs_verdict(const RecordedFinding& f) {
  return f.severity != "praise";
}

// "confirmed", "dismissed", "praised", "noted", "unjudged", or "good" for a praise rule's
// finding that nobody judged (it needs no verdict).
std::string verdict_label(const RecordedFinding& f, const record::FindingReview* review) {
  if (review == nullptr || !review->verdict) {
    if (!needs_verdict(f))
      return "good";
    return review == nullptr || review->history.empty() ? "unjudged" : "noted";
  }
  return std::string(record::verdict_name(*review->verdict));
}

// Whether a finding still waits for the mentor: no verdict, and one is needed.
bool waiting(const RecordedFinding& f, const record::ReviewsRecord& reviews) {
  const record::FindingReview* review = reviews.find(record::key_of(f));
  return needs_verdict(f) && (review == nullptr || !review->verdict);
}

// "2026-11-23T11:09:24.123Z" -> "2026-11-23 11:09"
std::string short_time(const std::string& time) {
  if (time.size() < 16)
    return time;
  std::string out = time.substr(0, 16);
  out[10] = ' ';
  return out;
}

struct Tally {
  std::map<std::string, std::size_t> by_label;
  std::size_t findings = 0;
};

void print_findings(std::ostream& out, const git::Repository& repo,
                    const std::vector<RecordedFinding>& findings, const IdIndex& ids,
                    const record::ReviewsRecord& reviews, Tally& tally) {
  std::string commit;
  for (const auto& f : findings) {
    if (f.commit != commit) {
      commit = f.commit;
      git::CommitInfo info = git::read_commit_info(repo, commit);
      fmt::print(out, "commit {} {}  {}\n", commit.substr(0, 12), safe(f.author),
                 safe(info.summary));
    }
    const record::FindingReview* review = reviews.find(record::key_of(f));
    std::string label = verdict_label(f, review);
    ++tally.by_label[label];
    ++tally.findings;
    fmt::print(out, "  {}  {:<9} {}:{}:{}: {}{}: {} [{}]\n", ids.short_id(f), label, safe(f.path),
               f.line, f.col, safe(f.severity), f.suppressed ? " (suppressed)" : "",
               safe(f.message), safe(f.rule));
    print_review_history(out, review, "             ");
  }
}

std::string tally_text(const Tally& tally) {
  std::string text = fmt::format("{} finding{}", tally.findings, tally.findings == 1 ? "" : "s");
  std::vector<std::string> parts;
  for (const char* label : {"confirmed", "dismissed", "praised", "noted", "unjudged", "good"}) {
    auto it = tally.by_label.find(label);
    if (it != tally.by_label.end()) {
      parts.push_back(std::string_view(label) == "good"
                          ? fmt::format("{} good practice (no verdict needed)", it->second)
                          : fmt::format("{} {}", it->second, label));
    }
  }
  if (!parts.empty())
    text += ": " + fmt::format("{}", fmt::join(parts, ", "));
  return text;
}

nlohmann::ordered_json session_json(const record::Session& s) {
  nlohmann::ordered_json json{{"id", s.id},
                              {"head", s.head},
                              {"ranges", s.ranges},
                              {"mentee", s.mentee},
                              {"commits", s.commits.size()},
                              {"mentor", s.mentor},
                              {"opened", s.opened}};
  json["closed"] = s.closed ? nlohmann::ordered_json(*s.closed) : nlohmann::ordered_json();
  if (s.closed) {
    json["closed_by"] = s.closed_by;
    json["summary"] = s.summary;
  }
  return json;
}

nlohmann::ordered_json finding_review_json(const RecordedFinding& f, const IdIndex& ids,
                                           const record::ReviewsRecord& reviews) {
  nlohmann::ordered_json json{{"review_id", record::review_id(record::key_of(f))},
                              {"short_id", ids.short_id(f)}};
  json.update(record::finding_json(f));
  const record::FindingReview* review = reviews.find(record::key_of(f));
  json["verdict"] = verdict_label(f, review);
  json["history"] = record::history_json(review);
  return json;
}

std::string dump(const nlohmann::ordered_json& json) {
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// The session `args` names: --session, else the open one, else the newest.
const record::Session& choose_session(const ReviewArgs& args, const git::Repository& repo,
                                      const record::ReviewsRecord& reviews) {
  if (reviews.sessions.empty()) {
    throw Error("there is no review session yet; open one with `git mentor review start [RANGE]`");
  }
  std::string wanted = args.session;
  if (wanted.empty())
    wanted = open_session_id(repo).value_or("");
  if (wanted.empty()) {
    auto newest = std::max_element(
        reviews.sessions.begin(), reviews.sessions.end(),
        [](const auto& a, const auto& b) { return a.second.opened < b.second.opened; });
    return newest->second;
  }
  std::vector<const record::Session*> matches;
  for (const auto& [id, session] : reviews.sessions) {
    if (id.compare(0, wanted.size(), wanted) == 0)
      matches.push_back(&session);
  }
  if (matches.size() != 1) {
    throw Error(fmt::format("{} review session {} (`git mentor review sessions` lists them)",
                            matches.empty() ? "no" : "more than one", wanted));
  }
  return *matches.front();
}

// The note of a verdict: --note, --note-file (any bytes; "-" reads standard input), or nothing.
std::optional<std::string> note_of(const ReviewArgs& args, Streams& streams) {
  if (args.note && !args.note_file.empty())
    throw Error("give either --note or --note-file, not both");
  if (args.note)
    return args.note;
  if (args.note_file.empty())
    return std::nullopt;
  std::string text;
  if (args.note_file == "-") {
    if (streams.in == nullptr)
      throw Error("--note-file -: no standard input");
    std::ostringstream all;
    all << streams.in->rdbuf();
    text = all.str();
  } else {
    std::ifstream in(args.note_file, std::ios::binary);
    if (!in)
      throw Error("cannot read " + args.note_file);
    std::ostringstream all;
    all << in.rdbuf();
    text = all.str();
  }
  return text;
}

// The commits a new session covers: the range (as for check), the mentees only.
std::vector<std::string> session_commits(const Workspace& workspace, const ReviewArgs& args,
                                         Streams& streams) {
  std::vector<std::string> commits = git::resolve_commits(workspace.repo, args.ranges);
  drop_shallow_boundary(workspace, commits, streams);
  std::size_t others = keep_mentees(workspace, commits);
  if (!args.mentee.empty()) {
    git::Mailmap mailmap(workspace.repo);
    std::erase_if(commits, [&](const std::string& id) {
      bool other = !git::matches_person(args.mentee,
                                        mailmap.resolve(git::commit_author(workspace.repo, id)));
      others += other;
      return other;
    });
  }
  if (others > 0) {
    fmt::print(streams.err, "git-mentor: left out {} commit{} by other authors\n", others,
               others == 1 ? "" : "s");
  }
  if (commits.empty())
    throw Error("nothing to review: no commit of the mentee in the range");
  return commits;
}

// Records the commits of `commits` that the record has not reviewed yet.
void record_missing(const Workspace& workspace, const ReviewArgs& args,
                    const std::vector<std::string>& commits, Streams& streams) {
  auto records = record::read_records(workspace.repo, commits, warner(streams));
  std::vector<std::string> missing;
  for (const auto& commit : commits) {
    auto it = records.find(commit);
    if (it == records.end() || !it->second.reviewed)
      missing.push_back(commit);
  }
  if (missing.empty())
    return;
  fmt::print(streams.err, "git-mentor: reviewing and recording {} commit{} not recorded yet\n",
             missing.size(), missing.size() == 1 ? "" : "s");
  review::RuleSet rules;
  load_workspace_rules(workspace, args.directory, args.rules, rules);
  std::size_t recorded = 0;
  ReviewRequest request;
  request.report_skipped = false;
  review_and_record(workspace, missing, rules, request, streams, recorded);
}

record::Session open_session(const Workspace& workspace, const ReviewArgs& args, Streams& streams) {
  if (auto open = open_session_id(workspace.repo)) {
    throw Error(fmt::format(
        "review session {} is still open; close it first (`git mentor review close`)", *open));
  }
  record::Session session;
  session.mentor = mentor_of(workspace.repo);
  session.commits = session_commits(workspace, args, streams);
  record_missing(workspace, args, session.commits, streams);
  session.ranges = args.ranges;
  session.mentee = args.mentee;
  session.head = session.commits.back();
  session.opened = record::now_utc();
  session.id = git::blob_id(fmt::format("{}\n{}\n{}", session.mentor, session.opened,
                                        fmt::join(session.commits, " ")))
                   .substr(0, 12);
  record::store_session_open(workspace.repo, session, warner(streams));
  set_open_session(workspace.repo, session.id);
  return session;
}

// Everything a session's commands look at, read once.
struct Loaded {
  std::vector<RecordedFinding> findings;  // of the commits asked for (all when none)
  std::vector<RecordedFinding> all;       // every recorded finding: review ids are unique here
  record::ReviewsRecord reviews;
};

Loaded load(const Workspace& workspace, const std::vector<std::string>& commits, Streams& streams) {
  auto warn = warner(streams);
  record::ReviewsRecord reviews = record::read_reviews(workspace.repo, warn);
  // Every annotated commit, and the commits of every session: those rewritten without their
  // notes are found by patch-id, so their findings are listed and their review ids resolve.
  std::vector<std::string> wanted = commits;
  for (const auto& [id, session] : reviews.sessions)
    wanted.insert(wanted.end(), session.commits.begin(), session.commits.end());
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  auto records = record::read_all_records(workspace.repo, wanted, warn);
  record::carry_verdicts(reviews, records);
  // Every recorded finding, in a stable order (commit id, then place).
  std::vector<std::string> every;
  for (const auto& [commit, record] : records)
    every.push_back(commit);
  Loaded loaded{{}, findings_of(records, every), std::move(reviews)};
  loaded.findings = commits.empty() ? loaded.all : findings_of(records, commits);
  return loaded;
}

int list_session(const Workspace& workspace, const record::Session& session,
                 const std::string& format, Streams& streams) {
  Loaded loaded = load(workspace, session.commits, streams);
  IdIndex ids(loaded.all);
  if (format == "json") {
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const auto& f : loaded.findings)
      findings.push_back(finding_review_json(f, ids, loaded.reviews));
    nlohmann::ordered_json json{{"session", session_json(session)},
                                {"findings", std::move(findings)}};
    streams.out << dump(json) << '\n';
    return 0;
  }
  fmt::print(streams.out, "review session {} by {}, opened {}, {} commit{}{}\n", safe(session.id),
             safe(session.mentor), safe(short_time(session.opened)), session.commits.size(),
             session.commits.size() == 1 ? "" : "s",
             session.closed ? fmt::format(", closed {} by {}", short_time(*session.closed),
                                          safe(session.closed_by))
                            : std::string(", open"));
  if (session.closed && !session.summary.empty())
    fmt::print(streams.out, "summary: {}\n", safe(session.summary));
  Tally tally;
  print_findings(streams.out, workspace.repo, loaded.findings, ids, loaded.reviews, tally);
  fmt::print(streams.out, "{}\n", tally_text(tally));
  return 0;
}

int list_sessions(const Workspace& workspace, Streams& streams) {
  record::ReviewsRecord reviews = record::read_reviews(workspace.repo, warner(streams));
  std::vector<const record::Session*> sessions;
  for (const auto& [id, session] : reviews.sessions)
    sessions.push_back(&session);
  std::sort(sessions.begin(), sessions.end(),
            [](const auto* a, const auto* b) { return a->opened > b->opened; });
  std::string open = open_session_id(workspace.repo).value_or("");
  for (const auto* s : sessions) {
    fmt::print(streams.out, "{} {} {:<6} {} commit{} by {}{}\n", safe(s->id),
               safe(short_time(s->opened)),
               s->closed ? "closed" : (s->id == open ? "open*" : "open"), s->commits.size(),
               s->commits.size() == 1 ? "" : "s", safe(s->mentor),
               s->ranges.empty()
                   ? std::string()
                   : fmt::format(" ({})", safe(fmt::format("{}", fmt::join(s->ranges, " ")))));
  }
  if (sessions.empty())
    fmt::print(streams.out, "no review sessions yet\n");
  return 0;
}

// The open session of this clone, as recorded; nullopt when none is open.
std::optional<record::Session> current_session(const git::Repository& repo,
                                               const record::ReviewsRecord& reviews) {
  if (auto id = open_session_id(repo)) {
    auto it = reviews.sessions.find(*id);
    if (it != reviews.sessions.end())
      return it->second;
  }
  return std::nullopt;
}

bool in_session(const record::Session& session, const RecordedFinding& f) {
  return std::find(session.commits.begin(), session.commits.end(), f.commit) !=
         session.commits.end();
}

// Asks on the terminal whether to go on; false unless the answer starts with y.
bool ask_yes(Streams& streams, const std::string& question) {
  fmt::print(streams.err, "{} [y/N] ", question);
  streams.err.flush();
  std::string answer;
  if (streams.in == nullptr || !std::getline(*streams.in, answer))
    return false;
  return !answer.empty() && (answer[0] == 'y' || answer[0] == 'Y');
}

// The findings of the open session that --rule, --commit and --mentee choose, without a verdict.
std::vector<const RecordedFinding*> choose_many(const Workspace& workspace, const ReviewArgs& args,
                                                const Loaded& loaded,
                                                const record::Session& session,
                                                std::size_t& judged_already) {
  std::vector<std::string> commits;
  if (!args.commit.empty()) {
    commits = git::resolve_commits(workspace.repo, {args.commit});
    std::sort(commits.begin(), commits.end());
  }
  git::Mailmap mailmap(workspace.repo);
  std::vector<const RecordedFinding*> out;
  for (const auto& f : loaded.all) {
    if (!in_session(session, f))
      continue;
    if (!args.rule.empty() && f.rule != args.rule)
      continue;
    if (!args.commit.empty() && !std::binary_search(commits.begin(), commits.end(), f.commit))
      continue;
    if (!args.mentee.empty() &&
        !git::matches_person(args.mentee,
                             mailmap.resolve(git::commit_author(workspace.repo, f.commit)))) {
      continue;
    }
    if (!waiting(f, loaded.reviews)) {
      ++judged_already;
      continue;
    }
    out.push_back(&f);
  }
  return out;
}

// What --rule, --commit and --mentee chose, in words: "of rule no-print by sam".
std::string choice_text(const ReviewArgs& args) {
  std::string out;
  if (!args.rule.empty())
    out += " of rule " + safe(args.rule);
  if (!args.commit.empty())
    out += " in " + safe(args.commit);
  if (!args.mentee.empty())
    out += " by " + safe(args.mentee);
  return out;
}

// confirm / dismiss / praise / note.
int judge(const Workspace& workspace, const ReviewArgs& args, Verdict verdict, Streams& streams) {
  const bool many = !args.rule.empty() || !args.commit.empty() || !args.mentee.empty();
  if (args.ids.empty() && !many) {
    throw Error(
        "which findings? give their review ids (`git mentor review list` shows them), or choose "
        "them with --rule ID, --commit REV or --mentee WHO");
  }
  if (!args.ids.empty() && many)
    throw Error("give either review ids or --rule/--commit/--mentee, not both");
  std::string mentor = mentor_of(workspace.repo);
  std::optional<std::string> note = note_of(args, streams);
  if (verdict == Verdict::noted && (!note || note->empty()))
    throw Error("`review note` needs the note: --note TEXT or --note-file FILE");
  Loaded loaded = load(workspace, {}, streams);
  IdIndex ids(loaded.all);

  // A verdict belongs to a session: the mentee reads it with the session's closing note.
  // A note judges nothing: it may be added to any finding, in a session or not.
  std::optional<record::Session> session = current_session(workspace.repo, loaded.reviews);
  const bool anywhere = args.outside_session || verdict == Verdict::noted;
  if (!session && (many || !anywhere)) {
    throw Error(
        "no review session is open here, so the verdict would belong to none; open one with "
        "`git mentor review start RANGE`" +
        std::string(many ? "" : " (or give --outside-session to store it outside any session)"));
  }
  std::vector<const RecordedFinding*> chosen;
  std::size_t judged_already = 0;
  if (many) {
    chosen = choose_many(workspace, args, loaded, *session, judged_already);
    if (chosen.empty()) {
      fmt::print(streams.out, "no finding{} without a verdict in session {}{}\n", choice_text(args),
                 session->id,
                 judged_already > 0 ? fmt::format(" ({} judged already)", judged_already) : "");
      return 0;
    }
  } else {
    for (const auto& id : args.ids) {
      const RecordedFinding* f = &loaded.all[ids.resolve(id)];
      if (session && !in_session(*session, *f) && !anywhere) {
        throw Error(fmt::format(
            "finding {} is not in the open review session {} (its commit {} is not among the "
            "session's); give --outside-session to store the verdict outside any session",
            id, session->id, f->commit.substr(0, 12)));
      }
      chosen.push_back(f);
    }
  }

  const std::string count =
      fmt::format("{} finding{}", chosen.size(), chosen.size() == 1 ? "" : "s");
  if (many && !args.yes) {
    // Many verdicts at once: say how many, and ask.
    const std::string question = fmt::format(
        "{} {}{} in session {}{}?", action_verb(verdict), count, choice_text(args), session->id,
        judged_already > 0
            ? fmt::format(" ({} judged already are left as they are)", judged_already)
            : "");
    if (!streams.in_is_terminal || streams.in == nullptr) {
      throw Error(fmt::format("{} Not on a terminal: give --yes to judge them all", question));
    }
    if (!ask_yes(streams, question)) {
      fmt::print(streams.out, "nothing stored\n");
      return 0;
    }
  }

  if (verdict == Verdict::dismissed && (!note || note->empty())) {
    // A dismissal teaches the mentor which rules are noise: it needs its reason.
    if (!streams.in_is_terminal || streams.in == nullptr)
      throw Error("dismiss needs a reason: --note TEXT (what makes this finding wrong here)");
    fmt::print(streams.err, "Why dismiss {}? ", chosen.size() == 1 ? "it" : "them");
    streams.err.flush();
    std::string reason;
    std::getline(*streams.in, reason);
    if (reason.empty())
      throw Error("nothing dismissed: a dismissal needs a reason");
    note = reason;
  }

  std::string time = record::now_utc();
  std::vector<record::Annotation> annotations;
  std::size_t outside = 0;
  for (const auto* f : chosen) {
    record::Annotation a;
    a.key = record::key_of(*f);
    if (session && in_session(*session, *f))
      a.session = session->id;
    else
      ++outside;
    a.rule = f->rule;
    a.verdict = verdict;
    a.not_the_mentees = verdict == Verdict::dismissed && args.not_the_mentees;
    a.note = note.value_or("");
    a.mentor = mentor;
    a.time = time;
    annotations.push_back(std::move(a));
  }
  record::add_annotations(workspace.repo, annotations, warner(streams));
  const std::string label =
      std::string(record::verdict_name(verdict)) +
      (verdict == Verdict::dismissed && args.not_the_mentees ? " (not the mentee's code)" : "");
  for (const auto* f : chosen) {
    fmt::print(streams.out, "{} {}  {}:{}: [{}] {}\n", label, ids.short_id(*f), safe(f->path),
               f->line, safe(f->rule), safe(f->message));
  }
  if (many || outside > 0) {
    fmt::print(streams.out, "{} {}{}\n", label, count,
               outside > 0 ? fmt::format(", {} outside any session", outside)
                           : fmt::format(" in session {}", session->id));
  }
  return 0;
}

int close_session(const Workspace& workspace, const ReviewArgs& args, Streams& streams) {
  auto id = open_session_id(workspace.repo);
  if (!id)
    throw Error("no review session is open here (`git mentor review sessions` lists them)");
  record::ReviewsRecord reviews = record::read_reviews(workspace.repo, warner(streams));
  auto it = reviews.sessions.find(*id);
  if (it == reviews.sessions.end()) {
    set_open_session(workspace.repo, std::nullopt);
    throw Error(fmt::format("review session {} is not in {}; forgot it", *id, record::kReviewsRef));
  }
  record::Session session = it->second;
  session.closed = record::now_utc();
  session.closed_by = mentor_of(workspace.repo);
  session.summary = note_of(args, streams).value_or("");
  record::store_session_close(workspace.repo, session, warner(streams));
  set_open_session(workspace.repo, std::nullopt);

  Loaded loaded = load(workspace, session.commits, streams);
  Tally tally;
  for (const auto& f : loaded.findings) {
    ++tally.findings;
    ++tally.by_label[verdict_label(f, loaded.reviews.find(record::key_of(f)))];
  }
  fmt::print(streams.out, "closed review session {}: {}\n", session.id, tally_text(tally));
  return 0;
}

// The lines around a finding in its commit's version of the file, the added ones marked;
// `context` lines before and after.
std::string code_around(const git::Repository& repo, const RecordedFinding& f,
                        std::uint32_t context) {
  git::DiffOptions options;
  options.wanted = [&](std::string_view path) { return path == f.path; };
  git::CommitChanges changes = git::read_commit_changes(repo, f.commit, options);
  auto file = std::find_if(changes.files.begin(), changes.files.end(),
                           [&](const auto& changed) { return changed.path == f.path; });
  if (file == changes.files.end())
    return "  (the file is not in the commit's changes)\n";
  std::string content = git::read_blob(repo, file->new_blob);
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < content.size();) {
    std::size_t end = content.find('\n', start);
    if (end == std::string::npos)
      end = content.size();
    lines.push_back(std::string_view(content).substr(start, end - start));
    start = end + 1;
  }
  auto added = [&](std::uint32_t number) {
    return std::any_of(file->added.begin(), file->added.end(),
                       [&](const auto& r) { return number >= r.first && number <= r.last; });
  };
  std::uint32_t first = f.line > context ? f.line - context : 1;
  std::uint32_t last = std::min<std::uint32_t>(std::max(f.end_line, f.line) + context,
                                               static_cast<std::uint32_t>(lines.size()));
  std::string out;
  for (std::uint32_t n = first; n <= last; ++n) {
    bool inside = n >= f.line && n <= std::max(f.end_line, f.line);
    out += fmt::format("{}{} {:>5} | {}\n", inside ? '>' : ' ', added(n) ? '+' : ' ', n,
                       safe(lines[n - 1]));
  }
  if (first > 1 || last < lines.size()) {
    // Say what is not shown, so the mentor knows there is more.
    out += fmt::format("        (lines {}-{} of {}; w shows more)\n", first, last, lines.size());
  }
  return out;
}

int interactive(const Workspace& workspace, const ReviewArgs& args, Streams& streams) {
  if (!streams.in_is_terminal || !streams.out_is_terminal) {
    throw Error(
        "review -i needs a terminal; elsewhere use `git mentor review list` and `review confirm|"
        "dismiss|praise ID`");
  }
  std::string mentor = mentor_of(workspace.repo);
  record::Session session;
  auto open = open_session_id(workspace.repo);
  if (open && args.ranges.empty()) {
    record::ReviewsRecord reviews = record::read_reviews(workspace.repo, warner(streams));
    auto it = reviews.sessions.find(*open);
    if (it == reviews.sessions.end())
      throw Error(fmt::format("review session {} is not in {}", *open, record::kReviewsRef));
    session = it->second;
  } else {
    session = open_session(workspace, args, streams);
  }
  Loaded loaded = load(workspace, session.commits, streams);
  IdIndex ids(loaded.all);
  // --rule and --mentee narrow what is shown.
  if (!args.rule.empty() || !args.mentee.empty()) {
    git::Mailmap mailmap(workspace.repo);
    std::erase_if(loaded.findings, [&](const RecordedFinding& f) {
      return (!args.rule.empty() && f.rule != args.rule) ||
             (!args.mentee.empty() &&
              !git::matches_person(args.mentee,
                                   mailmap.resolve(git::commit_author(workspace.repo, f.commit))));
    });
  }
  review::RuleSet rules;
  load_workspace_rules(workspace, args.directory, args.rules, rules);

  const bool color = use_color("auto", streams.out_is_terminal);
  InteractiveHooks hooks;
  hooks.count = loaded.findings.size();
  hooks.waiting = [&](std::size_t i) { return waiting(loaded.findings[i], loaded.reviews); };
  hooks.label = [&](std::size_t i) {
    const RecordedFinding& f = loaded.findings[i];
    return fmt::format("{} [{}] {}:{}", ids.short_id(f), safe(f.rule), safe(f.path), f.line);
  };
  hooks.show = [&](std::size_t i, std::uint32_t context) {
    const RecordedFinding& f = loaded.findings[i];
    git::CommitInfo info = git::read_commit_info(workspace.repo, f.commit);
    std::size_t left = 0;
    for (const auto& g : loaded.findings)
      left += waiting(g, loaded.reviews) ? 1u : 0u;
    std::string text = fmt::format(
        "[{}/{}] {}  {}  {}{}  [{}]   ({} waiting for a verdict; ? for help)\ncommit {} {}  "
        "{}\n{}:{}:{}: {}\n\n",
        i + 1, loaded.findings.size(), ids.short_id(f),
        verdict_label(f, loaded.reviews.find(record::key_of(f))),
        paint_severity(safe(f.severity), color), f.suppressed ? " (suppressed)" : "", safe(f.rule),
        left, f.commit.substr(0, 12), safe(f.author), safe(info.summary), safe(f.path), f.line,
        f.col, safe(f.message));
    text += code_around(workspace.repo, f, context);
    if (const rules::Rule* rule = rules.find(f.rule); rule != nullptr && !rule->lesson.empty())
      text += "\nLesson:\n" + report::render_markdown(rule->lesson, color);
    std::ostringstream history;
    print_review_history(history, loaded.reviews.find(record::key_of(f)), "  ");
    if (!history.str().empty())
      text += "\nHistory:\n" + history.str();
    return text;
  };
  hooks.judge = [&](std::size_t i, Verdict verdict, const std::string& note, bool not_the_mentees) {
    const RecordedFinding& f = loaded.findings[i];
    record::Annotation a;
    a.session = session.id;
    a.key = record::key_of(f);
    a.rule = f.rule;
    a.verdict = verdict;
    a.not_the_mentees = not_the_mentees;
    a.note = note;
    a.mentor = mentor;
    a.time = record::now_utc();
    record::add_annotations(workspace.repo, std::span(&a, 1), warner(streams));
    auto& review = loaded.reviews.findings[a.key];
    review.history.push_back(a);
    if (verdict != Verdict::noted) {
      review.verdict = verdict;
      review.not_the_mentees = not_the_mentees;
    }
  };
  InteractiveResult result = run_interactive(hooks, streams);
  fmt::print(streams.out,
             "{} verdict{} stored in session {}; it stays open (`git mentor review close` ends "
             "it)\n",
             result.stored, result.stored == 1 ? "" : "s", session.id);
  return 0;
}

}  // namespace

void print_review_history(std::ostream& out, const record::FindingReview* review,
                          std::string_view indent) {
  if (review == nullptr)
    return;
  for (const auto& a : review->history) {
    fmt::print(out, "{}{}{} by {} on {}", indent, record::verdict_name(a.verdict),
               a.not_the_mentees ? " (not the mentee's code)" : "", safe(a.mentor),
               safe(short_time(a.time)));
    if (a.note.empty()) {
      out << '\n';
      continue;
    }
    // A note's own lines are shown as lines, each of them terminal-safe.
    std::istringstream lines(a.note);
    std::string line;
    bool first = true;
    while (std::getline(lines, line)) {
      fmt::print(out, "{}{}\n", first ? ": " : std::string(indent) + "  ", safe(line));
      first = false;
    }
  }
}

std::string mentor_of(const git::Repository& repo) {
  auto person = git::configured_identity(repo);
  if (!person || person->email.empty()) {
    throw Error(
        "who is the mentor? verdicts and goals are signed with your git identity; set it with "
        "`git config user.name \"Your Name\"` and `git config user.email you@example.com`");
  }
  return person->display();
}

int run_review_command(const ReviewArgs& args, Streams& streams) {
  Workspace workspace = open_workspace(args.directory);
  const std::string& action = args.action;
  if (action == "start") {
    record::Session session = open_session(workspace, args, streams);
    fmt::print(streams.out, "opened review session {}\n", session.id);
    return list_session(workspace, session, "text", streams);
  }
  if (action == "interactive")
    return interactive(workspace, args, streams);
  if (action == "list") {
    record::ReviewsRecord reviews = record::read_reviews(workspace.repo, warner(streams));
    return list_session(workspace, choose_session(args, workspace.repo, reviews), args.format,
                        streams);
  }
  if (action == "sessions")
    return list_sessions(workspace, streams);
  if (action == "close")
    return close_session(workspace, args, streams);
  if (auto verdict = record::parse_verdict(action == "confirm"   ? "confirmed"
                                           : action == "dismiss" ? "dismissed"
                                           : action == "praise"  ? "praised"
                                           : action == "note"    ? "noted"
                                                                 : "")) {
    return judge(workspace, args, *verdict, streams);
  }
  throw Error("review: unknown action " + action);
}

}  // namespace mentor::cli
