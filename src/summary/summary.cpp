// The summary's computation: docs/mentoring.md ("Reading a summary") is its specification.
#include "summary/summary.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <numeric>
#include <set>
#include <tuple>

#include "loop/occurrence.hpp"
#include "review/file_review.hpp"
#include "util/dates.hpp"

namespace mentor::summary {

std::string_view trend_name(Trend trend) {
  switch (trend) {
    case Trend::improving:
      return "improving";
    case Trend::steady:
      return "steady";
    case Trend::worsening:
      return "worsening";
    case Trend::mastered:
      return "mastered";
  }
  return "steady";
}

void compute_trend(std::span<const double> weights, const Settings& settings, Tally& tally) {
  const std::size_t n = weights.size();
  tally.relevant_commits = n;
  std::size_t last = n;  // index of the last commit with an occurrence; n when none
  std::size_t with_occurrence = 0;
  for (std::size_t i = n; i-- > 0;) {
    if (weights[i] > 0) {
      if (last == n)
        last = i;
      ++with_occurrence;
    }
  }
  tally.clean_since_last = last == n ? n : n - 1 - last;
  tally.evidence = std::accumulate(weights.begin(), weights.end(), 0.0);
  const std::size_t half = n / 2;
  auto rate = [&](std::size_t from, std::size_t to) {
    if (to <= from)
      return 0.0;
    double sum = std::accumulate(weights.begin() + static_cast<std::ptrdiff_t>(from),
                                 weights.begin() + static_cast<std::ptrdiff_t>(to), 0.0);
    return sum / static_cast<double>(to - from);
  };
  tally.earlier_rate = rate(0, half);
  tally.later_rate = rate(half, n);
  constexpr double kEpsilon = 1e-9;
  const std::size_t occurrences = std::max(tally.occurrences, with_occurrence);
  if (last != n && occurrences >= settings.mastered_min_occurrences &&
      tally.clean_since_last >= settings.mastered_after) {
    tally.trend = Trend::mastered;
  } else if (half == 0 || tally.evidence + kEpsilon < settings.trend_min_weight) {
    tally.trend = Trend::steady;  // one commit, or too little weight: nothing to compare
  } else if (tally.later_rate > tally.earlier_rate * (1 + settings.trend_margin) + kEpsilon) {
    tally.trend = Trend::worsening;
  } else if (tally.later_rate < tally.earlier_rate * (1 - settings.trend_margin) - kEpsilon) {
    tally.trend = Trend::improving;
  } else {
    tally.trend = Trend::steady;
  }
}

namespace {

// Fills the counting fields of `tally` from `occurrences` (in commit order) over `relevant`, the
// mentee's relevant commits for `scope` (relevant_commits). The trend weighs each occurrence by
// its severity alone: reviewed and unreviewed findings compare like with like.
void fill_tally(Tally& tally, const std::vector<loop::Occurrence>& occurrences,
                const std::vector<loop::RelevantCommit>& relevant, const Scope& scope,
                const Settings& settings) {
  for (const auto& o : occurrences) {
    ++tally.occurrences;
    if (o.confirmed)
      ++tally.confirmed;
    tally.weight += o.weight;
  }
  std::vector<double> series;
  for (const auto& r : relevant) {
    if (r.occurrences > 0) {
      ++tally.commits;
      if (tally.commits == 1)
        tally.first_seen = {r.commit->id, r.commit->time};
      tally.last_seen = {r.commit->id, r.commit->time};
    }
    series.push_back(r.severity);
  }
  tally.recurring = tally.commits >= settings.recurring;
  tally.languages.assign(scope.languages.begin(), scope.languages.end());
  compute_trend(series, settings, tally);
}

struct MenteeAccumulator {
  std::string name;
  std::string email;
  std::vector<std::size_t> commits;  // indices into input.commits, in time order
};

}  // namespace

Summary summarize(const Input& input, const Settings& settings) {
  Summary out;
  out.settings = settings;
  out.commits = input.commits.size();
  const auto& commits = input.commits;

  // Time order; the input order (topological) breaks ties.
  std::vector<std::size_t> order(commits.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return commits[a].time < commits[b].time; });

  // Every finding weighed once; the languages each rule's findings were in.
  std::vector<std::vector<Weighed>> weighed(commits.size());
  std::map<std::string, std::set<std::string>> languages_of_rule = rule_languages(input);
  for (std::size_t c = 0; c < commits.size(); ++c) {
    for (const auto& finding : commits[c].findings)
      weighed[c].push_back(weigh(finding, input, settings));
  }

  // Rule health, over every finding of the selection.
  std::map<std::string, RuleHealth> health;
  std::map<std::string, std::vector<MentorNote>> dismissal_notes;
  for (std::size_t c : order) {
    if (commits[c].reviewed || !commits[c].findings.empty())
      ++out.reviewed;
    for (std::size_t f = 0; f < commits[c].findings.size(); ++f) {
      const auto& finding = commits[c].findings[f];
      const auto& verdict = weighed[c][f].verdict;
      RuleHealth& h = health[finding.rule];
      h.rule = finding.rule;
      h.skill = finding.skill;  // the newest wins
      h.severity = finding.severity;
      ++h.findings;
      if (finding.suppressed)
        ++h.suppressed;
      if (!verdict.verdict || *verdict.verdict == record::Verdict::noted) {
        ++h.unreviewed;
      } else if (*verdict.verdict == record::Verdict::confirmed) {
        ++h.confirmed;
      } else if (*verdict.verdict == record::Verdict::dismissed && verdict.not_the_mentees) {
        ++h.not_the_mentees;  // an attribution mistake says nothing of the rule
      } else if (*verdict.verdict == record::Verdict::dismissed) {
        ++h.dismissed;
        for (const auto& note : verdict.notes) {
          if (!note.text.empty())
            dismissal_notes[finding.rule].push_back(note);
        }
      } else {
        ++h.praised;
      }
    }
  }
  for (auto& [rule, h] : health) {
    const std::size_t verdicts = h.confirmed + h.dismissed + h.praised;
    if (verdicts > 0) {
      h.dismissal_rate = static_cast<double>(h.dismissed) / static_cast<double>(verdicts);
      h.flagged =
          verdicts >= settings.min_verdicts && *h.dismissal_rate > settings.dismissal_threshold;
    }
    auto& notes = dismissal_notes[rule];
    // The three newest, each text once.
    std::stable_sort(notes.begin(), notes.end(),
                     [](const MentorNote& a, const MentorNote& b) { return a.time < b.time; });
    for (auto it = notes.rbegin(); it != notes.rend() && h.dismissal_notes.size() < 3; ++it) {
      if (std::find(h.dismissal_notes.begin(), h.dismissal_notes.end(), it->text) ==
          h.dismissal_notes.end())
        h.dismissal_notes.push_back(it->text);
    }
    out.rule_health.push_back(std::move(h));
  }
  std::stable_sort(
      out.rule_health.begin(), out.rule_health.end(), [](const RuleHealth& a, const RuleHealth& b) {
        return std::make_tuple(!a.flagged, -a.dismissal_rate.value_or(-1),
                               -static_cast<double>(a.findings),
                               a.rule) < std::make_tuple(!b.flagged, -b.dismissal_rate.value_or(-1),
                                                         -static_cast<double>(b.findings), b.rule);
      });

  // Each taught mentee's relevant commits per rule, for the lessons.
  std::map<std::string, std::vector<loop::LessonSeries>> lesson_series;

  // Mentees, told apart by email (by name when there is none).
  std::map<std::string, MenteeAccumulator> mentees;
  for (std::size_t c : order) {
    const auto& commit = commits[c];
    MenteeAccumulator& m = mentees[loop::author_key(commit)];
    m.name = commit.author_name;  // the newest name wins
    m.email = commit.author_email;
    m.commits.push_back(c);
  }

  for (auto& [key, m] : mentees) {
    MenteeSummary s;
    s.name = m.name;
    s.email = m.email;
    s.commits = m.commits.size();
    std::vector<const CommitInput*> reviewed;
    std::vector<std::size_t> reviewed_index;  // into input.commits
    for (std::size_t c : m.commits) {
      if (commits[c].reviewed || !commits[c].findings.empty()) {
        reviewed.push_back(&commits[c]);
        reviewed_index.push_back(c);
      }
    }
    s.reviewed = reviewed.size();
    if (reviewed.empty()) {
      out.mentees.push_back(std::move(s));
      continue;
    }
    s.first_commit = reviewed.front()->time;
    s.last_commit = reviewed.back()->time;

    std::map<std::string, std::vector<loop::Occurrence>> by_rule;
    std::map<std::string, PraiseTally> praise;
    for (std::size_t r = 0; r < reviewed.size(); ++r) {
      const std::size_t c = reviewed_index[r];
      bool clean = true;
      for (std::size_t f = 0; f < commits[c].findings.size(); ++f) {
        const auto& finding = commits[c].findings[f];
        const Weighed& w = weighed[c][f];
        if (w.praise) {
          PraiseTally& p = praise[finding.rule];
          p.rule = finding.rule;
          p.skill = finding.skill;
          ++p.occurrences;
        }
        if (!w.mistake)
          continue;
        clean = false;
        by_rule[finding.rule].push_back(
            {r, &finding, w.weight, w.verdict.verdict == record::Verdict::confirmed});
      }
      if (clean)
        ++s.clean;
    }
    for (auto& [rule, p] : praise)
      s.praise.push_back(std::move(p));
    std::stable_sort(
        s.praise.begin(), s.praise.end(),
        [](const PraiseTally& a, const PraiseTally& b) { return a.occurrences > b.occurrences; });

    // Per rule.
    std::map<std::string, std::vector<std::string>> skill_rules;
    for (const auto& [rule, occurrences] : by_rule) {
      RuleTally t;
      t.rule = rule;
      const record::RecordedFinding& newest = *occurrences.back().finding;
      t.skill = newest.skill;
      t.severity = newest.severity;
      t.message = newest.message;
      const Scope scope = skill_scope({rule}, languages_of_rule);
      const std::vector<loop::RelevantCommit> relevant =
          loop::relevant_commits(occurrences, reviewed, scope, input);
      fill_tally(t, occurrences, relevant, scope, settings);
      if (t.confirmed > 0)
        lesson_series[rule].push_back({s.name, s.email, relevant});
      for (const auto& o : occurrences) {
        t.places.push_back(
            {reviewed[o.commit]->id, reviewed[o.commit]->time, o.finding->path, o.finding->line});
      }
      skill_rules[t.skill].push_back(rule);
      s.rules.push_back(std::move(t));
    }
    std::stable_sort(s.rules.begin(), s.rules.end(), [](const RuleTally& a, const RuleTally& b) {
      return std::make_tuple(!a.recurring, -a.weight, a.rule) <
             std::make_tuple(!b.recurring, -b.weight, b.rule);
    });

    // Per skill: the occurrences of its rules together, over the languages of all of them.
    for (const auto& [skill, rules] : skill_rules) {
      SkillTally t;
      t.skill = skill;
      t.rules = rules;
      std::vector<loop::Occurrence> occurrences;
      for (const auto& rule : rules) {
        const auto& o = by_rule[rule];
        occurrences.insert(occurrences.end(), o.begin(), o.end());
      }
      const Scope scope = skill_scope(rules, languages_of_rule);
      std::stable_sort(
          occurrences.begin(), occurrences.end(),
          [](const loop::Occurrence& a, const loop::Occurrence& b) { return a.commit < b.commit; });
      fill_tally(t, occurrences, loop::relevant_commits(occurrences, reviewed, scope, input), scope,
                 settings);
      // A skill's trend sums its rules: one rule getting worse may hide under others improving.
      for (const auto& r : s.rules) {
        if (r.skill == skill && r.trend == Trend::worsening)
          t.worsening_rules.push_back(r.rule);
      }
      s.skills.push_back(std::move(t));
    }
    std::stable_sort(
        s.skills.begin(), s.skills.end(), [](const SkillTally& a, const SkillTally& b) {
          return std::make_tuple(-a.weight, a.skill) < std::make_tuple(-b.weight, b.skill);
        });

    // The chart: consecutive reviewed commits in equal buckets (sizes differ by one at most).
    const std::size_t n = reviewed.size();
    const std::size_t buckets = std::min<std::size_t>(std::max(1u, settings.chart_points), n);
    std::vector<std::size_t> bucket_of(n);
    for (std::size_t b = 0; b < buckets; ++b) {
      TimelineBucket bucket;
      const std::size_t from = b * n / buckets;
      const std::size_t to = (b + 1) * n / buckets;
      bucket.from = reviewed[from]->time;
      bucket.to = reviewed[to - 1]->time;
      bucket.commits = to - from;
      for (const auto& skill : s.skills)
        bucket.findings[skill.skill] = 0;
      for (std::size_t i = from; i < to; ++i)
        bucket_of[i] = b;
      s.timeline.push_back(std::move(bucket));
    }
    for (const auto& rule : s.rules) {
      for (const auto& o : by_rule[rule.rule])
        ++s.timeline[bucket_of[o.commit]].findings[rule.skill];
    }
    out.mentees.push_back(std::move(s));
  }
  std::stable_sort(out.mentees.begin(), out.mentees.end(),
                   [](const MenteeSummary& a, const MenteeSummary& b) {
                     return std::tie(a.name, a.email) < std::tie(b.name, b.email);
                   });

  // Which lessons work; a rule's skill and severity are those of its newest finding.
  out.lessons = loop::lesson_effects(lesson_series, settings.lesson_window);
  for (auto& lesson : out.lessons) {
    for (const auto& h : out.rule_health) {
      if (h.rule == lesson.rule) {
        lesson.skill = h.skill;
        lesson.severity = h.severity;
      }
    }
  }
  return out;
}

std::string format_date(std::int64_t seconds) {
  return util::utc_date(seconds);
}

std::string format_time(std::int64_t seconds) {
  return util::utc_time(seconds);
}

}  // namespace mentor::summary
