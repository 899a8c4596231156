// Review sessions and verdicts as JSON lines in git notes.
#include "record/reviews_record.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "git/notes_ref.hpp"
#include "record/rewrites.hpp"
#include "util/encoding.hpp"

namespace mentor::record {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kVerdicts[] = {"confirmed", "dismissed", "praised", "noted"};
constexpr const char* kNotTheMentees = "not-the-mentees";

std::string dump(const Json& json) {
  return canonical_line(json);
}

std::optional<std::string> text(const nlohmann::json& json, const char* key) {
  return string_member(json, key);
}

// Free text (a note) as JSON: `note` when it is UTF-8, else `note_base64`, so any bytes survive.
void put_note(Json& json, const std::string& note) {
  if (util::is_utf8(note))
    json["note"] = note;
  else
    json["note_base64"] = util::base64_encode(note);
}

std::optional<std::string> get_note(const nlohmann::json& json) {
  if (auto encoded = text(json, "note_base64"))
    return util::base64_decode(*encoded);
  return text(json, "note").value_or("");
}

std::string annotation_line(const Annotation& a) {
  Json json{{"v", kFormatVersion},    {"type", "annotation"},
            {"commit", a.key.commit}, {"finding", a.key.finding},
            {"rule", a.rule},         {"verdict", verdict_name(a.verdict)}};
  if (a.not_the_mentees)
    json["dismissal"] = kNotTheMentees;
  put_note(json, a.note);
  json["mentor"] = a.mentor;
  json["time"] = a.time;
  json["session"] = a.session;
  return dump(json);
}

Json session_json(const Session& s, std::string_view event, const std::string& mentor,
                  const std::string& time) {
  return Json{{"v", kFormatVersion}, {"type", "session"}, {"event", event}, {"session", s.id},
              {"commit", s.head},    {"mentor", mentor},  {"time", time}};
}

void store(const git::Repository& repo, const git::NoteLines& lines, const std::string& message,
           const Warn& warn) {
  git::NotesRef notes(repo, std::string(kReviewsRef), warn);
  notes.add(lines, message);
  // Now that the ref exists: notes.rewriteRef, so verdicts follow rebases and amends.
  follow_rewrites(repo, warn);
}

// A `goal` line (docs/storage.md): its `add` defines the goal, its first `close` ends it.
std::string apply_goal_line(const nlohmann::json& json, const std::string& commit,
                            std::string mentor, std::string time, std::string note,
                            ReviewsRecord& record) {
  auto id = text(json, "id");
  auto event = text(json, "event");
  if (!id || !event)
    return "no \"id\" or \"event\"";
  // The id is typed and printed: 12 hex digits as `goal add` writes it, nothing else.
  if (id->size() != 12 || id->find_first_not_of("0123456789abcdef") != std::string::npos)
    return "a goal \"id\" that is not 12 hex digits";
  if (event == "add") {
    auto mentee = text(json, "mentee");
    auto skill = text(json, "skill");
    auto until = text(json, "until");
    if (!mentee || !skill || !until)
      return "no \"mentee\", \"skill\" or \"until\"";
    Goal& g = record.goals[*id];
    g.id = *id;
    g.added = true;
    g.head = commit;
    g.mentee = std::move(*mentee);
    g.skill = std::move(*skill);
    g.rule = text(json, "rule").value_or("");
    g.severity = text(json, "severity").value_or("warning");
    g.until = std::move(*until);
    g.from = text(json, "from").value_or(time.substr(0, 19) + "Z");
    g.within.reset();
    if (auto within = json.find("within");
        within != json.end() && within->is_number_unsigned() && within->get<std::uint64_t>() > 0)
      g.within = within->get<std::uint64_t>();
    g.mentor = std::move(mentor);
    g.time = std::move(time);
    g.note = std::move(note);
    return {};
  }
  if (event == "close") {
    Goal& g = record.goals[*id];
    g.id = *id;
    // Closed twice (two mentors, two clones): the first close counts.
    if (!g.closed || time < *g.closed) {
      g.closed = std::move(time);
      g.closed_by = std::move(mentor);
      g.close_note = std::move(note);
      g.close_head = commit;
    }
    return {};
  }
  return "unknown goal \"event\"";
}

bool is_hex(const std::string& text, std::size_t size) {
  return text.size() == size && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// A `practice` line (docs/storage.md): one attempt at an exercise, kept on the note of the
// exercise's source commit `holder`.
std::string apply_practice_line(const nlohmann::json& json, const std::string& holder,
                                ReviewsRecord& record) {
  PracticeAttempt a;
  auto exercise = text(json, "exercise");
  auto rule = text(json, "rule");
  auto by = text(json, "by");
  auto time = text(json, "time");
  auto passed = json.find("passed");
  if (!exercise || !rule || !by || !time || passed == json.end() || !passed->is_boolean())
    return "no \"exercise\", \"rule\", \"by\", \"time\" or boolean \"passed\"";
  // The id is printed and names the attempt: 12 hex digits, nothing else.
  if (!is_hex(*exercise, 12))
    return "a practice \"exercise\" that is not 12 hex digits";
  a.exercise = std::move(*exercise);
  a.commit = holder;
  a.rule = std::move(*rule);
  a.skill = text(json, "skill").value_or("");
  a.mentee = text(json, "mentee").value_or("");
  a.finding = text(json, "finding").value_or("");
  a.passed = passed->get<bool>();
  if (auto praise = json.find("praise"); praise != json.end() && praise->is_number_unsigned())
    a.praise = praise->get<std::uint64_t>();
  a.reason = text(json, "reason").value_or("");
  a.by = std::move(*by);
  a.time = std::move(*time);
  record.practice.push_back(std::move(a));
  return {};
}

// One line of the note of `holder` in the reviews ref, applied to `record`. An annotation
// belongs to the finding of `holder`, whatever commit its line names (git copies notes to the
// new commits of a rebase or an amend). Returns why it was not understood, or "".
std::string apply_line(std::string_view line, const std::string& holder, ReviewsRecord& record) {
  LineObject object = parse_line_object(line);
  if (!object.problem.empty())
    return object.problem;
  const nlohmann::json& json = object.json;
  auto type = text(json, "type");
  if (type == "practice")
    return apply_practice_line(json, holder, record);
  auto commit = text(json, "commit");
  auto mentor = text(json, "mentor");
  auto time = text(json, "time");
  if (!commit || !mentor || !time)
    return "no \"commit\", \"mentor\" or \"time\"";
  std::optional<std::string> note = get_note(json);
  if (!note)
    return "\"note_base64\" is not base64";
  if (type == "annotation") {
    Annotation a;
    auto finding = text(json, "finding");
    auto verdict = parse_verdict(text(json, "verdict").value_or(""));
    if (!finding || !verdict)
      return "no \"finding\" or no known \"verdict\"";
    a.key = {holder, *finding};
    a.rule = text(json, "rule").value_or("");
    a.verdict = *verdict;
    a.not_the_mentees =
        *verdict == Verdict::dismissed && text(json, "dismissal").value_or("") == kNotTheMentees;
    a.note = std::move(*note);
    a.mentor = std::move(*mentor);
    a.time = std::move(*time);
    a.session = text(json, "session").value_or("");
    record.findings[a.key].history.push_back(std::move(a));
    return {};
  }
  if (type == "goal")
    return apply_goal_line(json, *commit, std::move(*mentor), std::move(*time), std::move(*note),
                           record);
  if (type != "session")
    return "unknown \"type\"";
  auto id = text(json, "session");
  auto event = text(json, "event");
  if (!id || !event)
    return "no \"session\" or \"event\"";
  Session& s = record.sessions[*id];
  s.id = *id;
  s.head = *commit;
  if (event == "open") {
    s.mentor = std::move(*mentor);
    s.opened = std::move(*time);
    s.mentee = text(json, "mentee").value_or("");
    s.ranges.clear();
    s.commits.clear();
    for (const char* key : {"ranges", "commits"}) {
      auto list = json.find(key);
      if (list == json.end() || !list->is_array())
        continue;
      for (const auto& item : *list) {
        if (item.is_string())
          (key[0] == 'r' ? s.ranges : s.commits).push_back(item.get<std::string>());
      }
    }
    return {};
  }
  if (event == "close") {
    // Closed twice (two mentors, two clones): the first close counts.
    if (!s.closed || *time < *s.closed) {
      s.closed = std::move(*time);
      s.closed_by = std::move(*mentor);
      s.summary = std::move(*note);
    }
    return {};
  }
  return "unknown session \"event\"";
}

// Puts a finding's history in time order (ties keep stored order) without repeated annotations
// (a note carried to a commit that already had it, or a verdict read from the old commit and
// from its rewrite), and takes the newest judgement as its verdict.
void settle(FindingReview& review) {
  auto& history = review.history;
  std::stable_sort(history.begin(), history.end(),
                   [](const Annotation& a, const Annotation& b) { return a.time < b.time; });
  std::set<
      std::tuple<std::string, std::string, Verdict, std::string, std::string, std::string, bool>>
      seen;
  std::erase_if(history, [&](const Annotation& a) {
    return !seen.emplace(a.time, a.mentor, a.verdict, a.note, a.session, a.rule, a.not_the_mentees)
                .second;
  });
  review.verdict.reset();
  review.not_the_mentees = false;
  for (const auto& a : history) {
    if (a.verdict != Verdict::noted) {
      review.verdict = a.verdict;
      review.not_the_mentees = a.not_the_mentees;
    }
  }
}

// Puts practice attempts in time order; the same attempt read twice (a note carried to a
// rewritten commit, two repositories' records) counts once.
void settle_practice(std::vector<PracticeAttempt>& practice) {
  std::sort(practice.begin(), practice.end(), [](const auto& a, const auto& b) {
    return std::tie(a.time, a.exercise, a.by, a.commit) <
           std::tie(b.time, b.exercise, b.by, b.commit);
  });
  practice.erase(std::unique(practice.begin(), practice.end(),
                             [](const auto& a, const auto& b) {
                               return a.time == b.time && a.exercise == b.exercise && a.by == b.by;
                             }),
                 practice.end());
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  return kVerdicts[static_cast<int>(verdict)];
}

std::optional<Verdict> parse_verdict(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kVerdicts); ++i) {
    if (kVerdicts[i] == name)
      return static_cast<Verdict>(i);
  }
  return std::nullopt;
}

FindingKey key_of(const RecordedFinding& finding) {
  return {finding.commit, finding.id};
}

std::string review_id(const FindingKey& key) {
  return git::blob_id(key.commit + ":" + key.finding);
}

nlohmann::ordered_json annotation_json(const Annotation& a) {
  Json json{{"verdict", verdict_name(a.verdict)}};
  if (a.not_the_mentees)
    json["dismissal"] = kNotTheMentees;
  put_note(json, a.note);
  json["mentor"] = a.mentor;
  json["time"] = a.time;
  json["session"] = a.session;
  return json;
}

nlohmann::ordered_json history_json(const FindingReview* review) {
  Json history = Json::array();
  if (review != nullptr) {
    for (const auto& a : review->history)
      history.push_back(annotation_json(a));
  }
  return history;
}

const FindingReview* ReviewsRecord::find(const FindingKey& key) const {
  auto it = findings.find(key);
  return it == findings.end() ? nullptr : &it->second;
}

ReviewsRecord reviews_from_notes(const std::map<std::string, std::vector<std::string>>& notes,
                                 const Warn& warn) {
  ReviewsRecord record;
  for (const auto& [commit, lines] : notes) {
    std::size_t number = 0;
    for (const auto& line : lines) {
      ++number;
      std::string problem = apply_line(line, commit, record);
      if (!problem.empty() && warn) {
        warn(fmt::format("the note of {} in {}, line {}: {}; skipped (and kept)",
                         commit.substr(0, 12), kReviewsRef, number, problem));
      }
    }
  }
  for (auto& [key, review] : record.findings)
    settle(review);
  settle_practice(record.practice);
  return record;
}

ReviewsRecord read_reviews(const git::Repository& repo, const Warn& warn) {
  git::NotesRef notes(repo, std::string(kReviewsRef), warn);
  std::map<std::string, std::vector<std::string>> lines;
  for (const auto& [commit, blob] : notes.index())
    lines.emplace(commit, notes.read_lines(blob));
  return reviews_from_notes(lines, warn);
}

void carry_verdicts(ReviewsRecord& reviews, const std::map<std::string, CommitRecord>& records) {
  std::set<FindingKey> changed;
  for (const auto& [commit, record] : records) {
    for (const auto& origin : record.rewritten_from) {
      for (const auto& f : record.findings) {
        auto from = reviews.findings.find({origin, f.id});
        if (from == reviews.findings.end())
          continue;
        FindingKey key{commit, f.id};
        std::vector<Annotation> carried = from->second.history;
        for (auto& a : carried)
          a.key = key;
        auto& history = reviews.findings[key].history;
        history.insert(history.end(), carried.begin(), carried.end());
        changed.insert(key);
      }
    }
  }
  for (const auto& key : changed)
    settle(reviews.findings[key]);
}

void merge_reviews(ReviewsRecord& into, ReviewsRecord from) {
  into.sessions.merge(from.sessions);
  into.goals.merge(from.goals);
  into.practice.insert(into.practice.end(), from.practice.begin(), from.practice.end());
  settle_practice(into.practice);
  for (auto& [key, review] : from.findings) {
    auto [it, added] = into.findings.try_emplace(key, std::move(review));
    if (added)
      continue;
    auto& history = it->second.history;
    history.insert(history.end(), review.history.begin(), review.history.end());
    settle(it->second);
  }
}

void add_annotations(const git::Repository& repo, std::span<const Annotation> annotations,
                     const Warn& warn) {
  git::NoteLines lines;
  for (const auto& a : annotations)
    lines[a.key.commit].insert(annotation_line(a));
  if (lines.empty())
    return;
  std::string what = annotations.size() == 1
                         ? fmt::format("{} {}", verdict_name(annotations[0].verdict),
                                       review_id(annotations[0].key).substr(0, 12))
                         : fmt::format("{} verdicts", annotations.size());
  store(repo, lines, "git-mentor: review: " + what, warn);
}

void store_session_open(const git::Repository& repo, const Session& session, const Warn& warn) {
  Json json = session_json(session, "open", session.mentor, session.opened);
  json["mentee"] = session.mentee;
  json["ranges"] = session.ranges;
  json["commits"] = session.commits;
  store(repo, {{session.head, {dump(json)}}}, "git-mentor: open review session " + session.id,
        warn);
}

void store_session_close(const git::Repository& repo, const Session& session, const Warn& warn) {
  Json json = session_json(session, "close", session.closed_by, session.closed.value_or(now_utc()));
  put_note(json, session.summary);
  store(repo, {{session.head, {dump(json)}}}, "git-mentor: close review session " + session.id,
        warn);
}

void store_goal_add(const git::Repository& repo, const Goal& goal, const Warn& warn) {
  Json json{{"v", kFormatVersion}, {"type", "goal"},        {"event", "add"},     {"id", goal.id},
            {"commit", goal.head}, {"mentee", goal.mentee}, {"skill", goal.skill}};
  if (!goal.rule.empty())
    json["rule"] = goal.rule;
  json["severity"] = goal.severity;
  json["from"] = goal.from;
  json["until"] = goal.until;
  if (goal.within)
    json["within"] = *goal.within;
  json["mentor"] = goal.mentor;
  json["time"] = goal.time;
  put_note(json, goal.note);
  store(repo, {{goal.head, {dump(json)}}}, "git-mentor: add goal " + goal.id, warn);
}

void store_goal_close(const git::Repository& repo, const Goal& goal, const Warn& warn) {
  Json json{{"v", kFormatVersion},
            {"type", "goal"},
            {"event", "close"},
            {"id", goal.id},
            {"commit", goal.close_head},
            {"mentor", goal.closed_by},
            {"time", goal.closed.value_or(now_utc())}};
  put_note(json, goal.close_note);
  store(repo, {{goal.close_head, {dump(json)}}}, "git-mentor: close goal " + goal.id, warn);
}

void store_practice_attempts(const git::Repository& repo, std::span<const PracticeAttempt> attempts,
                             const Warn& warn) {
  git::NoteLines lines;
  for (const auto& a : attempts) {
    Json json{{"v", kFormatVersion}, {"type", "practice"},   {"exercise", a.exercise},
              {"commit", a.commit},  {"rule", a.rule},       {"skill", a.skill},
              {"mentee", a.mentee},  {"finding", a.finding}, {"passed", a.passed},
              {"praise", a.praise},  {"reason", a.reason},   {"by", a.by},
              {"time", a.time}};
    lines[a.commit].insert(dump(json));
  }
  if (lines.empty())
    return;
  std::string what = attempts.size() == 1 ? fmt::format("practice {} {}", attempts[0].exercise,
                                                        attempts[0].passed ? "passed" : "failed")
                                          : fmt::format("{} practice attempts", attempts.size());
  store(repo, lines, "git-mentor: " + what, warn);
}

std::string now_utc() {
  auto now = std::chrono::system_clock::now();
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:03}Z", text, millis % 1000);
}

}  // namespace mentor::record
