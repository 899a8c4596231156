// Fuzz target: the lines of git-mentor's notes (docs/storage.md), as a note's text: lines split
// on '\n', empty ones dropped, as git::NotesRef::read_lines gives them. Each line is read as a
// findings-record line; a finding read back must be written and read again unchanged. All the
// lines together are read as the note of one commit in the reviews record, whose histories are
// then written out.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "record/findings_record.hpp"
#include "record/json_line.hpp"
#include "record/reviews_record.hpp"

using namespace mentor;

namespace {

bool same(const record::RecordedFinding& a, const record::RecordedFinding& b) {
  return a.id == b.id && a.rule == b.rule && a.severity == b.severity && a.skill == b.skill &&
         a.path == b.path && a.line == b.line && a.col == b.col && a.end_line == b.end_line &&
         a.end_col == b.end_col && a.message == b.message && a.author == b.author &&
         a.commit == b.commit && a.tool_version == b.tool_version && a.suppressed == b.suppressed &&
         (!a.suppressed || a.suppression_reason == b.suppression_reason);
}

void check_round_trip(const record::RecordedFinding& finding) {
  nlohmann::ordered_json json{{"v", record::kFormatVersion}, {"type", "finding"}};
  json.update(record::finding_json(finding));
  record::ParsedLine again = record::parse_line(record::canonical_line(json));
  fuzz::check(again.kind == record::ParsedLine::Kind::finding,
              "a finding written back is not read as a finding");
  fuzz::check(same(finding, again.finding), "a finding written back reads differently");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    if (end > start)
      lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }

  for (const std::string& line : lines) {
    record::ParsedLine parsed = record::parse_line(line);
    if (parsed.kind == record::ParsedLine::Kind::finding)
      check_round_trip(parsed.finding);
    else if (parsed.kind == record::ParsedLine::Kind::foreign)
      fuzz::check(!parsed.problem.empty(), "a line not understood without a reason");
  }

  std::size_t warnings = 0;
  record::ReviewsRecord reviews = record::reviews_from_notes(
      {{std::string(40, 'a'), lines}}, [&](const std::string&) { ++warnings; });
  fuzz::check(warnings <= lines.size(), "more warnings than lines");
  for (const auto& [key, review] : reviews.findings) {
    record::canonical_line(record::history_json(&review));
    record::review_id(key);
  }
  return 0;
}
