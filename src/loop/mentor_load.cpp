// The mentor's side of the loop (loop/mentor_load.hpp); docs/mentoring.md ("The mentors") is its
// specification.
#include "loop/mentor_load.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "loop/goals.hpp"
#include "loop/occurrence.hpp"

namespace mentor::loop {

namespace {

std::string mentee_label(const CommitInput& commit) {
  return commit.author_email.empty() ? commit.author_name : commit.author_email;
}

struct Accumulator {
  std::vector<double> latencies;
  std::vector<double> session_verdicts;
  std::size_t sessions = 0;
  std::size_t in_sessions = 0;
  std::set<std::string> mentees;  // mentee_key
};

// A waiting finding: whose it is and when its commit was authored.
struct Waiting {
  std::string mentee;  // mentee_key
  std::int64_t time = 0;
  std::string commit;
};

bool is_verdict(const record::Annotation& annotation) {
  return annotation.verdict != record::Verdict::noted;
}

}  // namespace

Spread spread(std::vector<double> sample) {
  Spread out;
  out.count = sample.size();
  if (sample.empty())
    return out;
  std::sort(sample.begin(), sample.end());
  const std::size_t n = sample.size();
  out.median = n % 2 == 1 ? sample[n / 2] : (sample[n / 2 - 1] + sample[n / 2]) / 2;
  // Nearest rank: ceil(0.9 n), counted from 1.
  const std::size_t rank = (9 * n + 9) / 10;
  out.p90 = sample[std::max<std::size_t>(rank, 1) - 1];
  return out;
}

std::vector<MentorLoad> mentor_loads(const Input& input, const record::ReviewsRecord& reviews,
                                     const Settings& settings, const NamesMentee& names_mentee,
                                     std::int64_t now) {
  std::map<std::string, Accumulator> mentors;
  std::unordered_map<std::string, const CommitInput*> by_id;
  std::map<std::string, std::string> labels;  // mentee_key -> what is shown
  for (const auto& commit : input.commits) {
    by_id.emplace(commit.id, &commit);
    labels.emplace(author_key(commit), mentee_label(commit));
  }

  // Findings: the first verdict on each, and those that wait for one. Two matches with the same
  // fingerprint in one commit share their verdict: one finding here.
  std::vector<Waiting> waiting;
  for (const auto& commit : input.commits) {
    std::set<std::string> seen;
    const std::string mentee = author_key(commit);
    for (const auto& finding : commit.findings) {
      if (!seen.insert(finding.id).second)
        continue;
      const Weighed w = weigh(finding, input, settings);
      if (w.mistake && !w.verdict.verdict)
        waiting.push_back({mentee, commit.time, commit.id});
      const record::FindingReview* review = reviews.find(record::key_of(finding));
      if (review == nullptr)
        continue;
      bool first = true;
      for (const auto& annotation : review->history) {
        if (!is_verdict(annotation))
          continue;
        Accumulator& m = mentors[annotation.mentor];
        m.mentees.insert(mentee);
        if (first) {
          first = false;
          if (auto time = parse_stored_time(annotation.time)) {
            m.latencies.push_back(
                static_cast<double>(std::max<std::int64_t>(*time - commit.time, 0)));
          }
        }
      }
    }
  }

  // Verdicts given in each session, each once (a history carried to a rewritten commit repeats
  // its annotations under the new commit).
  std::map<std::string, std::size_t> verdicts_in;  // session id -> verdicts
  {
    std::set<std::tuple<std::string, std::string, std::string, std::string, int>> counted;
    for (const auto& [key, review] : reviews.findings) {
      for (const auto& a : review.history) {
        if (a.session.empty() || !is_verdict(a))
          continue;
        if (counted.emplace(a.session, a.key.finding, a.mentor, a.time, static_cast<int>(a.verdict))
                .second)
          ++verdicts_in[a.session];
      }
    }
  }
  for (const auto& [id, session] : reviews.sessions) {
    std::vector<const CommitInput*> commits;
    for (const auto& commit : session.commits) {
      auto found = by_id.find(commit);
      if (found != by_id.end())
        commits.push_back(found->second);
    }
    if (commits.empty())
      continue;  // a session over other commits than the selection's
    Accumulator& m = mentors[session.mentor];
    const std::size_t verdicts = verdicts_in[id];
    ++m.sessions;
    m.in_sessions += verdicts;
    m.session_verdicts.push_back(static_cast<double>(verdicts));
    for (const CommitInput* commit : commits)
      m.mentees.insert(author_key(*commit));
    if (!session.mentee.empty() && names_mentee) {
      for (const auto& commit : input.commits) {
        if (names_mentee(session.mentee, commit))
          m.mentees.insert(author_key(commit));
      }
    }
  }

  std::vector<MentorLoad> out;
  std::set<std::string> assigned;
  auto add_waiting = [&](MentorLoad& load, const Waiting& w) {
    ++load.waiting;
    if (!load.oldest_waiting || w.time < *load.oldest_waiting) {
      load.oldest_waiting = w.time;
      load.oldest_waiting_commit = w.commit;
      load.oldest_waiting_age = std::max<std::int64_t>(now - w.time, 0);
    }
  };
  for (auto& [mentor, m] : mentors) {
    MentorLoad load;
    load.mentor = mentor;
    load.latency = spread(std::move(m.latencies));
    load.sessions = m.sessions;
    load.session_verdicts = m.in_sessions;
    load.verdicts_per_session = spread(std::move(m.session_verdicts));
    for (const auto& key : m.mentees) {
      load.mentees.push_back(labels[key]);
      assigned.insert(key);
    }
    std::sort(load.mentees.begin(), load.mentees.end());
    for (const auto& w : waiting) {
      if (m.mentees.contains(w.mentee))
        add_waiting(load, w);
    }
    out.push_back(std::move(load));
  }
  MentorLoad unassigned;
  std::set<std::string> unassigned_mentees;
  for (const auto& w : waiting) {
    if (!assigned.contains(w.mentee)) {
      add_waiting(unassigned, w);
      unassigned_mentees.insert(labels[w.mentee]);
    }
  }
  if (unassigned.waiting > 0) {
    unassigned.mentees.assign(unassigned_mentees.begin(), unassigned_mentees.end());
    out.push_back(std::move(unassigned));
  }
  return out;
}

std::string duration_label(double seconds) {
  auto amount = [](double value, std::string_view unit) {
    std::string number = value < 10 ? fmt::format("{:.1f}", value) : fmt::format("{:.0f}", value);
    if (number.size() > 2 && number.ends_with(".0"))
      number.resize(number.size() - 2);
    return fmt::format("{} {}{}", number, unit, number == "1" ? "" : "s");
  };
  if (seconds < 3600)
    return fmt::format("{:.0f} min", std::floor(seconds / 60));
  if (seconds < 48 * 3600)
    return amount(seconds / 3600, "hour");
  return amount(seconds / 86400, "day");
}

}  // namespace mentor::loop
