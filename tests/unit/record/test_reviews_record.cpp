// Reading the reviews record from the lines of its notes (record::reviews_from_notes).
#include <catch2/catch.hpp>

#include "record/reviews_record.hpp"

using namespace mentor;

namespace {

const std::string kCommit(40, 'c');

std::string annotation(const std::string& verdict, const std::string& time,
                       const std::string& note_member) {
  return R"({"v":1,"type":"annotation","commit":")" + kCommit +
         R"(","finding":"0123456789abcdef","rule":"no-print","verdict":")" + verdict + R"(",)" +
         note_member + R"(,"mentor":"M <m@example.com>","time":")" + time +
         R"(","session":"a15fc660b504"})";
}

}  // namespace

TEST_CASE("annotations read from notes give a history in time order and the newest verdict",
          "[record][reviews]") {
  std::vector<std::string> warnings;
  record::ReviewsRecord reviews = record::reviews_from_notes(
      {{kCommit,
        {annotation("noted", "2026-11-23T12:00:00.000Z", R"("note":"later")"),
         annotation("dismissed", "2026-11-23T11:00:00.000Z", R"("note_base64":"/w==")"),
         annotation("confirmed", "2026-11-23T11:30:00.000Z", R"("note":"")")}}},
      [&](const std::string& w) { warnings.push_back(w); });
  CHECK(warnings.empty());
  const record::FindingReview* review = reviews.find({kCommit, "0123456789abcdef"});
  REQUIRE(review != nullptr);
  REQUIRE(review->history.size() == 3);
  CHECK(review->history[0].verdict == record::Verdict::dismissed);
  CHECK(review->history[0].note == "\xff");
  CHECK(review->history[0].session == "a15fc660b504");
  CHECK(review->history[2].note == "later");
  CHECK(review->verdict == record::Verdict::confirmed);  // `noted` does not judge
}

TEST_CASE("sessions read from notes: opened, closed once", "[record][reviews]") {
  std::string open = R"({"v":1,"type":"session","event":"open","session":"a15fc660b504",)"
                     R"("commit":")" +
                     kCommit +
                     R"(","mentor":"M <m@example.com>","time":"2026-11-23T11:00:00.000Z",)"
                     R"("mentee":"x","ranges":["main..topic",7],"commits":["c1","c2"]})";
  auto close = [](const std::string& time, const std::string& note) {
    return R"({"v":1,"type":"session","event":"close","session":"a15fc660b504","commit":")" +
           kCommit + R"(","mentor":"M <m@example.com>","time":")" + time + R"(","note":")" + note +
           R"("})";
  };
  record::ReviewsRecord reviews =
      record::reviews_from_notes({{kCommit,
                                   {open, close("2026-11-23T13:00:00.000Z", "second"),
                                    close("2026-11-23T12:00:00.000Z", "first")}}},
                                 {});
  REQUIRE(reviews.sessions.count("a15fc660b504") == 1);
  const record::Session& s = reviews.sessions.at("a15fc660b504");
  CHECK(s.head == kCommit);
  CHECK(s.mentee == "x");
  CHECK(s.ranges == std::vector<std::string>{"main..topic"});
  CHECK(s.commits == std::vector<std::string>{"c1", "c2"});
  CHECK(s.closed == "2026-11-23T12:00:00.000Z");
  CHECK(s.summary == "first");
}

TEST_CASE("lines of notes that are not reviews lines are skipped with a warning naming them",
          "[record][reviews]") {
  std::vector<std::string> warnings;
  record::ReviewsRecord reviews = record::reviews_from_notes(
      {{kCommit,
        {"not json", R"({"v":2,"type":"annotation"})",
         annotation("bogus", "2026-11-23T11:00:00.000Z", R"("note":"")"),
         annotation("praised", "2026-11-23T11:00:00.000Z", R"("note_base64":"*")")}}},
      [&](const std::string& w) { warnings.push_back(w); });
  CHECK(reviews.findings.empty());
  REQUIRE(warnings.size() == 4);
  CHECK(warnings[0] ==
        "the note of cccccccccccc in refs/notes/mentor-reviews, line 1: not a "
        "JSON object; skipped (and kept)");
  CHECK(warnings[1].find("line 2: format version 2") != std::string::npos);
  CHECK(warnings[2].find("line 3: no \"finding\" or no known \"verdict\"") != std::string::npos);
  CHECK(warnings[3].find("line 4: \"note_base64\" is not base64") != std::string::npos);
}

TEST_CASE("goal lines: an add defines the goal, an id that is not 12 hex digits is refused",
          "[record][reviews][goals]") {
  auto add = [](const std::string& id) {
    return R"({"v":1,"type":"goal","event":"add","id":")" + id + R"(","commit":")" + kCommit +
           R"(","mentee":"sam@example.org","skill":"readability","severity":"warning",)"
           R"("from":"2026-11-01T00:00:00Z","until":"2026-12-20T23:59:59Z",)"
           R"("mentor":"Maya <maya@example.org>","time":"2026-11-01T10:00:00.000Z"})";
  };
  std::vector<std::string> warnings;
  record::ReviewsRecord reviews =
      record::reviews_from_notes({{kCommit, {add("0123456789ab"), add("\\u001b[2Jhostile")}}},
                                 [&](const std::string& w) { warnings.push_back(w); });
  REQUIRE(reviews.goals.size() == 1);
  const record::Goal& goal = reviews.goals.at("0123456789ab");
  CHECK(goal.added);
  CHECK(goal.mentee == "sam@example.org");
  CHECK(goal.skill == "readability");
  CHECK(goal.until == "2026-12-20T23:59:59Z");
  REQUIRE(warnings.size() == 1);
  INFO(warnings[0]);
  CHECK(warnings[0].find("not 12 hex digits") != std::string::npos);
}

TEST_CASE("practice lines: read back once each, bad ones skipped with a warning",
          "[record][reviews][practice]") {
  auto line = [](const std::string& exercise, const std::string& passed, const std::string& time) {
    return R"({"v":1,"type":"practice","exercise":")" + exercise + R"(","commit":")" + kCommit +
           R"(","rule":"py-open-without-with","skill":"resource-management",)"
           R"("mentee":"sam@example.org","finding":"0123456789abcdef","passed":)" +
           passed +
           R"(,"praise":1,"reason":"the mistake is gone","by":"Sam <sam@example.org>","time":")" +
           time + R"("})";
  };
  std::vector<std::string> warnings;
  const std::string first = line("0123456789ab", "false", "2026-12-01T10:00:00.000Z");
  const std::string second = line("0123456789ab", "true", "2026-12-01T11:00:00.000Z");
  // The second note holds the same attempt again (a note copied to a rewritten commit).
  record::ReviewsRecord reviews = record::reviews_from_notes(
      {{kCommit,
        {second, first, line("../escape", "true", "2026-12-01T12:00:00.000Z"),
         line("0123456789ab", "\"yes\"", "2026-12-01T13:00:00.000Z")}},
       {"dddddddddddddddddddddddddddddddddddddddd", {first}}},
      [&](const std::string& w) { warnings.push_back(w); });
  REQUIRE(reviews.practice.size() == 2);
  CHECK_FALSE(reviews.practice[0].passed);
  CHECK(reviews.practice[1].passed);
  CHECK(reviews.practice[1].praise == 1);
  CHECK(reviews.practice[1].commit == kCommit);
  CHECK(reviews.practice[1].skill == "resource-management");
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].find("not 12 hex digits") != std::string::npos);
  CHECK(warnings[1].find("boolean \"passed\"") != std::string::npos);
}
