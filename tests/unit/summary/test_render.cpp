// The summary's reports, above all with hostile content from the repository: names, rule ids,
// messages (which quote code) and mentors' notes full of HTML, backticks, pipes and newlines.
#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "summary/render.hpp"
#include "summary/terminal.hpp"
#include "unit/summary/summary_fixture.hpp"

using namespace mentor;
using test::SummaryInput;

namespace {

const std::string kName = "Eve <script>alert('name')</script> | `x` \x1b[31mred\n# title";
const std::string kEmail = "eve@example.com\"><script>alert(1)</script>";
const std::string kRule = "rule|<b>id</b>`";
const std::string kSkill = "skill <i>|</i>\nnext";
const std::string kMessage =
    "`print($X)` | left in\n<img src=x onerror=alert('msg')> **bold** [link](javascript:x)";
const std::string kRepository = "/tmp/<script>repo\x1b[31m | `x`\n# title";
const std::string kNote = "</td></tr><script>alert('note')</script>\n| a | b |\n```";

summary::Summary hostile() {
  SummaryInput in;
  for (int day = 0; day < 4; ++day) {
    in.commit("eve@example.com", day);
    in.last().author_name = kName;
    in.last().author_email = kEmail;
    std::string id = in.finding(kRule, kSkill, "a.py", "warning", kMessage);
    if (day < 2)
      in.verdict(id, record::Verdict::dismissed, {{"2026-01-0" + std::to_string(day + 1), kNote}});
  }
  summary::Summary s = in.summarize();
  s.ranges = {"main..<script>"};
  s.mentee = "<b>eve</b>";
  s.repositories = {kRepository};
  loop::MentorLoad mentor;
  mentor.mentor = kName + " <" + kEmail + ">";
  mentor.mentees = {kEmail};
  mentor.latency = loop::spread({3600, 7200});
  mentor.waiting = 1;
  mentor.oldest_waiting = 1704067200;
  mentor.oldest_waiting_commit = std::string(40, 'a');
  s.mentors.push_back(mentor);
  return s;
}

// Every tag in `html` is one the renderer writes itself.
void check_only_own_tags(const std::string& html) {
  static const std::set<std::string> kOwn = {
      "!DOCTYPE", "html", "head", "meta",     "title",  "style",      "body", "h1",
      "h2",       "h3",   "p",    "section",  "figure", "figcaption", "svg",  "rect",
      "line",     "text", "g",    "polyline", "circle", "table",      "tr",   "th",
      "td",       "code", "span", "div",      "footer", "a",          "ul",   "li"};
  std::regex tag("<(/?)([!A-Za-z][A-Za-z0-9]*)");
  std::size_t tags = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator();
       ++it) {
    INFO("tag: " << (*it)[2].str());
    CHECK(kOwn.count((*it)[2].str()) == 1);
    ++tags;
  }
  CHECK(tags > 50);
}

}  // namespace

TEST_CASE("summary escaping: the terminal", "[summary][escape]") {
  CHECK(summary::display_width("caf\xC3\xA9") == 4);
}

TEST_CASE("summary HTML report: hostile content is escaped, only our own tags", "[summary]") {
  std::string html = summary::render_html(hostile(), "0.1.0");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("<i>") == std::string::npos);
  CHECK(html.find('\x1b') == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(&#39;msg&#39;)&gt;") != std::string::npos);
  CHECK(html.find("&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;alert(&#39;note&#39;)") !=
        std::string::npos);
  CHECK(html.find("eve@example.com&quot;&gt;") != std::string::npos);
  check_only_own_tags(html);
  // Self-contained: nothing to fetch.
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("src=\"") == std::string::npos);
  CHECK(html.find("Content-Security-Policy") != std::string::npos);
  // A chart for the mentee.
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("<polyline") != std::string::npos);
}

TEST_CASE("summary Markdown report: hostile content cannot break out of its cell", "[summary]") {
  std::string md = summary::render_markdown(hostile());
  // No raw HTML but the line breaks of escaped text.
  std::string without_breaks = std::regex_replace(md, std::regex("<br>"), "");
  CHECK(without_breaks.find('<') == std::string::npos);
  CHECK(md.find('\x1b') == std::string::npos);
  // Every backtick and pipe that is not a table's own is escaped.
  for (std::size_t i = 0; i < md.size(); ++i) {
    if (md[i] == '`') {
      INFO("at " << i << ": " << md.substr(i > 20 ? i - 20 : 0, 40));
      // The only unescaped backticks are the report's own `git mentor ...` hint, absent here.
      CHECK((i > 0 && md[i - 1] == '\\'));
    }
  }
  // Tables: every row has exactly its columns' unescaped pipes, so no cell spilled over.
  std::istringstream lines(md);
  std::string line;
  std::size_t rows = 0;
  std::size_t expected = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '|') {
      expected = 0;
      continue;
    }
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
        ++pipes;
    }
    if (expected == 0)
      expected = pipes;  // the header
    INFO(line);
    CHECK(pipes == expected);
    ++rows;
  }
  CHECK(rows >= 9);  // 3 tables: header, delimiter and a row each
  // Lines of the report are its own: the newlines in names and notes did not start new ones.
  CHECK(md.find("\n# title") == std::string::npos);
  CHECK(md.find("\n```") == std::string::npos);
  CHECK(md.find("&lt;script&gt;alert\\('note'\\)&lt;/script&gt;<br>") != std::string::npos);
  CHECK(md.find("rule\\|&lt;b&gt;id&lt;/b&gt;\\`") != std::string::npos);
}

TEST_CASE("summary Markdown report fits a comment and leaves out whole mentees", "[summary]") {
  SummaryInput in;
  constexpr int kMentees = 300;
  for (int i = 0; i < kMentees; ++i) {
    std::string email = "mentee" + std::to_string(i) + "@example.com";
    for (int day = 0; day < 3; ++day) {
      in.commit(email, day);
      in.finding("rule-" + std::to_string(day), "skill", "a.py", "warning",
                 "a message long enough to fill a table cell of the report");
    }
  }
  summary::Summary s = in.summarize();
  std::string markdown = summary::render_markdown(s);
  CHECK(markdown.size() <= summary::kMaxMarkdownBytes);
  std::size_t shown = 0;
  for (auto at = markdown.find("\n### "); at != std::string::npos;
       at = markdown.find("\n### ", at + 1)) {
    ++shown;
  }
  CHECK(shown > 10);
  CHECK(shown < kMentees);
  // Whole mentees only: every table shown is complete, and the last line says what is missing.
  CHECK(markdown.find(std::to_string(kMentees - (shown - 1)) + " more mentees left out") !=
        std::string::npos);
  CHECK(markdown.find("### Rule health") != std::string::npos);

  SummaryInput small;
  small.commit("one@example.com", 0);
  small.finding("rule", "skill", "a.py", "warning", "message");
  CHECK(summary::render_markdown(small.summarize()).find("left out") == std::string::npos);
}

TEST_CASE("summary text report: no terminal escapes from the repository", "[summary]") {
  std::string text = summary::render_text(hostile());
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("\n# title") == std::string::npos);
  CHECK(text.find("REVISE") != std::string::npos);           // both verdicts dismiss it
  CHECK(text.find("rule|<b>id</b>`") != std::string::npos);  // text is shown as it is
  CHECK(text.find("\nMentors (") != std::string::npos);
  CHECK(text.find("1.5 hours") != std::string::npos);  // the mentor's median latency
}

TEST_CASE("summary JSON report: the repository's strings come back exactly", "[summary]") {
  summary::Summary s = hostile();
  nlohmann::json json = nlohmann::json::parse(summary::render_json(s, "0.1.0"));
  CHECK(json["version"] == 1);
  CHECK(json["mentee"] == "<b>eve</b>");
  REQUIRE(json["mentees"].size() == 1);
  const auto& m = json["mentees"][0];
  CHECK(m["name"] == kName);
  CHECK(m["email"] == kEmail);
  CHECK(m["rules"][0]["rule"] == kRule);
  CHECK(m["rules"][0]["skill"] == kSkill);
  CHECK(m["rules"][0]["message"] == kMessage);
  CHECK(m["rules"][0]["occurrences"] == 2);
  CHECK(m["rules"][0]["first_seen"]["date"] == "2024-01-03T00:00:00Z");
  CHECK(m["timeline"][0]["findings"][kSkill] == 0);
  CHECK(json["rule_health"][0]["dismissal_notes"][0] == kNote);
  CHECK(json["rule_health"][0]["dismissed"] == 2);
  CHECK(json["rule_health"][0]["flagged"] == true);
  CHECK(json["repositories"] == nlohmann::json::array({kRepository}));
  REQUIRE(json["mentors"].size() == 1);
  CHECK(json["mentors"][0]["mentor"] == kName + " <" + kEmail + ">");
  CHECK(json["mentors"][0]["mentees"][0] == kEmail);
  CHECK(json["mentors"][0]["latency_median_seconds"] == 5400);
  CHECK(json["mentors"][0]["latency_p90_seconds"] == 7200);
  CHECK(json["mentors"][0]["verdicts_per_session_median"].is_null());
}
