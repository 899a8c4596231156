// The mentor's side of the loop over plain inputs: the median and 90th percentile, latency from
// the first verdict, verdicts per session, and whose waiting findings are whose.
#include <catch2/catch.hpp>

#include "loop/mentor_load.hpp"
#include "summary/summary.hpp"
#include "unit/summary/summary_fixture.hpp"

using namespace mentor;
using test::SummaryInput;

namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 86400;

const std::string kMia = "Mia Mentor <mia@example.org>";
const std::string kNoa = "Noa Mentor <noa@example.org>";

// A record of verdicts, notes and sessions, given at times counted from a commit's author time.
class Reviews {
 public:
  void annotate(const summary::CommitInput& commit, const std::string& finding,
                record::Verdict verdict, const std::string& mentor, std::int64_t after,
                const std::string& session = "") {
    record::Annotation a;
    a.key = {commit.id, finding};
    a.verdict = verdict;
    a.mentor = mentor;
    a.session = session;
    a.time = summary::format_time(commit.time + after);
    auto& review = record_.findings[a.key];
    review.history.push_back(a);
    if (verdict != record::Verdict::noted)
      review.verdict = verdict;
  }

  void session(const std::string& id, const std::string& mentor, std::vector<std::string> commits,
               const std::string& mentee = "") {
    record::Session& s = record_.sessions[id];
    s.id = id;
    s.mentor = mentor;
    s.commits = std::move(commits);
    s.mentee = mentee;
  }

  const record::ReviewsRecord& record() const { return record_; }

  // `input` with its verdicts looked up in this record.
  summary::Input with_verdicts(summary::Input input) const {
    const record::ReviewsRecord* reviews = &record_;
    input.verdicts = [reviews](const record::RecordedFinding& f) {
      summary::FindingVerdict out;
      if (const auto* review = reviews->find(record::key_of(f)))
        out.verdict = review->verdict;
      return out;
    };
    return input;
  }

 private:
  record::ReviewsRecord record_;
};

const loop::MentorLoad* load_of(const std::vector<loop::MentorLoad>& loads,
                                const std::string& mentor) {
  for (const auto& l : loads) {
    if (l.mentor == mentor)
      return &l;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("spread: the median and the 90th percentile by nearest rank", "[loop][mentors]") {
  loop::Spread none = loop::spread({});
  CHECK(none.count == 0);
  CHECK_FALSE(none.median);
  CHECK_FALSE(none.p90);

  loop::Spread one = loop::spread({7});
  CHECK(*one.median == 7);
  CHECK(*one.p90 == 7);

  loop::Spread odd = loop::spread({5, 1, 3});
  CHECK(odd.count == 3);
  CHECK(*odd.median == 3);
  CHECK(*odd.p90 == 5);  // rank ceil(2.7) = 3

  loop::Spread even = loop::spread({4, 1, 3, 2});
  CHECK(*even.median == 2.5);
  CHECK(*even.p90 == 4);

  std::vector<double> ten;
  for (int i = 10; i >= 1; --i)
    ten.push_back(i);
  loop::Spread deciles = loop::spread(ten);
  CHECK(*deciles.median == 5.5);
  CHECK(*deciles.p90 == 9);  // rank 9 of 10

  std::vector<double> eleven = ten;
  eleven.push_back(11);
  CHECK(*loop::spread(eleven).p90 == 10);  // rank ceil(9.9) = 10
}

TEST_CASE("duration_label: minutes, hours, days", "[loop][mentors]") {
  CHECK(loop::duration_label(0) == "0 min");
  CHECK(loop::duration_label(59 * 60 + 59) == "59 min");
  CHECK(loop::duration_label(3600) == "1 hour");
  CHECK(loop::duration_label(5.5 * 3600) == "5.5 hours");
  CHECK(loop::duration_label(26 * 3600) == "26 hours");
  CHECK(loop::duration_label(2 * 86400) == "2 days");
  CHECK(loop::duration_label(3.5 * 86400) == "3.5 days");
  CHECK(loop::duration_label(45 * 86400 + 3600) == "45 days");
}

TEST_CASE(
    "mentor_loads: latency from the first verdict, verdicts per session, waiting findings by "
    "mentor and unassigned",
    "[loop][mentors]") {
  SummaryInput in;
  Reviews reviews;
  const summary::CommitInput ann0 = in.commit("ann@example.org", 0);
  const std::string f1 = in.finding("no-print");
  const summary::CommitInput& ann2_ref = in.commit("ann@example.org", 2);
  const std::string f2 = in.finding("no-print");
  const std::string f3 = in.finding("py-eval");
  const summary::CommitInput ann2 = ann2_ref;
  in.commit("ann@example.org", 4);
  in.finding("good-with", "resources", "app.py", "praise");  // needs no verdict
  in.commit("ann@example.org", 5);
  in.finding("no-print");
  in.last().findings.back().suppressed = true;  // waits for no verdict
  const summary::CommitInput bob1 = in.commit("bob@example.org", 1);
  const std::string f6 = in.finding("no-print");
  const summary::CommitInput& bob3_ref = in.commit("bob@example.org", 3);
  const std::string f7 = in.finding("no-print");
  const summary::CommitInput bob3 = bob3_ref;
  const summary::CommitInput cid6 = in.commit("cid@example.org", 6);
  in.finding("no-print");
  in.commit("cid@example.org", 7);
  in.finding("py-eval");

  // Mia: three sessions (two verdicts, none, one); the first verdicts on f1, f2 and f6.
  reviews.session("s1", kMia, {ann0.id, ann2.id});
  reviews.session("s2", kMia, {ann2.id});
  reviews.session("s3", kMia, {bob1.id});
  reviews.session("elsewhere", kMia, {std::string(40, 'f')});  // not in the selection
  reviews.annotate(ann0, f1, record::Verdict::confirmed, kMia, 2 * kHour, "s1");
  reviews.annotate(ann2, f2, record::Verdict::dismissed, kMia, 26 * kHour, "s1");
  reviews.annotate(bob1, f6, record::Verdict::praised, kMia, 10 * kDay, "s3");
  // Noa: a note on f3 (no verdict), a second verdict on f1 (not the first), the first on f7.
  reviews.annotate(ann2, f3, record::Verdict::noted, kNoa, kHour);
  reviews.annotate(ann0, f1, record::Verdict::confirmed, kNoa, 5 * kDay);
  reviews.annotate(bob3, f7, record::Verdict::confirmed, kNoa, 4 * kDay);

  const summary::Input input = reviews.with_verdicts(in.input());
  const std::int64_t now = cid6.time + 30 * kDay;
  std::vector<loop::MentorLoad> loads = loop::mentor_loads(input, reviews.record(), {}, {}, now);
  REQUIRE(loads.size() == 3);
  CHECK(loads[0].mentor == kMia);
  CHECK(loads[1].mentor == kNoa);
  CHECK(loads[2].mentor.empty());

  const loop::MentorLoad& mia = loads[0];
  CHECK(mia.latency.count == 3);
  CHECK(*mia.latency.median == 26 * kHour);
  CHECK(*mia.latency.p90 == 10 * kDay);
  CHECK(mia.sessions == 3);
  CHECK(mia.session_verdicts == 3);
  CHECK(*mia.verdicts_per_session.median == 1);
  CHECK(*mia.verdicts_per_session.p90 == 2);
  CHECK(mia.mentees == std::vector<std::string>{"ann@example.org", "bob@example.org"});
  // f3 alone waits among Ann's and Bob's: praise, suppressed and judged findings do not.
  CHECK(mia.waiting == 1);
  CHECK(*mia.oldest_waiting == ann2.time);
  CHECK(mia.oldest_waiting_commit == ann2.id);
  CHECK(mia.oldest_waiting_age == now - ann2.time);

  const loop::MentorLoad& noa = loads[1];
  CHECK(noa.latency.count == 1);
  CHECK(*noa.latency.median == 4 * kDay);
  CHECK(noa.sessions == 0);
  CHECK_FALSE(noa.verdicts_per_session.median);
  CHECK(noa.mentees == std::vector<std::string>{"ann@example.org", "bob@example.org"});
  CHECK(noa.waiting == 1);  // f3 waits for both mentors of Ann

  const loop::MentorLoad& unassigned = loads[2];
  CHECK(unassigned.waiting == 2);
  CHECK(unassigned.mentees == std::vector<std::string>{"cid@example.org"});
  CHECK(*unassigned.oldest_waiting == cid6.time);
  CHECK(unassigned.latency.count == 0);
}

TEST_CASE("mentor_loads: a session's --mentee assigns the mentee it names", "[loop][mentors]") {
  SummaryInput in;
  Reviews reviews;
  const summary::CommitInput ann = in.commit("ann@example.org", 0);
  in.commit("cid@example.org", 1);
  in.finding("no-print");
  reviews.session("s1", kNoa, {ann.id}, "cid*");
  const summary::Input input = reviews.with_verdicts(in.input());

  // Without a matcher, the pattern names no one: Cid's finding waits for no mentor.
  std::vector<loop::MentorLoad> plain = loop::mentor_loads(input, reviews.record(), {}, {}, 0);
  REQUIRE(plain.size() == 2);
  CHECK(plain[0].waiting == 0);
  CHECK(plain[1].mentor.empty());
  CHECK(plain[1].waiting == 1);

  auto prefix = [](std::string_view pattern, const loop::CommitInput& commit) {
    return commit.author_email.starts_with(pattern.substr(0, pattern.size() - 1));
  };
  std::vector<loop::MentorLoad> loads = loop::mentor_loads(input, reviews.record(), {}, prefix, 0);
  REQUIRE(loads.size() == 1);
  const loop::MentorLoad* noa = load_of(loads, kNoa);
  REQUIRE(noa != nullptr);
  CHECK(noa->sessions == 1);
  CHECK(noa->session_verdicts == 0);
  CHECK(*noa->verdicts_per_session.median == 0);
  CHECK(noa->mentees == std::vector<std::string>{"ann@example.org", "cid@example.org"});
  CHECK(noa->waiting == 1);
}
