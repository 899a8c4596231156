// SARIF 2.1.0 output of a review.
#include "report/sarif_report.hpp"

#include <algorithm>
#include <map>
#include <string_view>

#include <nlohmann/json.hpp>

#include "report/columns.hpp"
#include "report/fix_diff.hpp"

namespace mentor::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kFingerprintKey = "findingId/v1";
constexpr std::string_view kUriBase = "SRCROOT";

std::string_view level_of(rules::Severity severity) {
  switch (severity) {
    case rules::Severity::error:
      return "error";
    case rules::Severity::warning:
      return "warning";
    case rules::Severity::info:
    case rules::Severity::hint:
      return "note";
    case rules::Severity::praise:
      return "none";
  }
  return "warning";
}

std::string_view verdict_name(MentorVerdict::Kind kind) {
  switch (kind) {
    case MentorVerdict::Kind::confirmed:
      return "confirmed";
    case MentorVerdict::Kind::dismissed:
      return "dismissed";
    case MentorVerdict::Kind::praised:
      return "praised";
  }
  return "confirmed";
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Whether `url` is an absolute URI (RFC 3986: a scheme, then characters allowed in a URI), as
// SARIF's helpUri must be.
bool is_absolute_uri(std::string_view url) {
  std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0 || !is_alpha(url[0]))
    return false;
  for (char c : url.substr(0, colon)) {
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.')
      return false;
  }
  constexpr std::string_view kAllowed = "-._~:/?#[]@!$&'()*+,;=%";
  return std::all_of(url.begin() + static_cast<std::ptrdiff_t>(colon) + 1, url.end(), [&](char c) {
    return is_alpha(c) || is_digit(c) || kAllowed.find(c) != std::string_view::npos;
  });
}

Json rule_json(const rules::Rule& rule) {
  Json json{{"id", rule.id}, {"shortDescription", {{"text", rule.message}}}};
  if (!rule.lesson.empty()) {
    json["fullDescription"] = {{"text", rule.lesson}};
    json["help"] = {{"text", rule.lesson}, {"markdown", rule.lesson}};
  }
  if (!rule.url.empty() && is_absolute_uri(rule.url))
    json["helpUri"] = rule.url;
  json["defaultConfiguration"] = {{"level", level_of(rule.severity)}};
  Json properties{{"skill", rule.skill}, {"severity", rules::to_string(rule.severity)}};
  Json tags = Json::array();
  if (!rule.skill.empty())
    tags.push_back(rule.skill);
  if (rule.language != nullptr && rule.language->name != rule.skill)
    tags.push_back(rule.language->name);
  properties["tags"] = std::move(tags);
  if (!rule.url.empty() && !is_absolute_uri(rule.url))
    properties["url"] = rule.url;
  json["properties"] = std::move(properties);
  return json;
}

Json region_json(const review::Finding& f, const SarifOptions& options) {
  Json region{{"startLine", f.line}, {"startColumn", utf16_column(f, f.column)}};
  region["endLine"] = f.end_line;
  if (f.end_line == f.line) {
    region["endColumn"] = utf16_column(f, f.end_column);
  } else if (options.line_text) {
    if (std::optional<std::string> end_text = options.line_text(f, f.end_line))
      region["endColumn"] = utf16_column(*end_text, f.end_column);
  }
  return region;
}

// A fix's replacement as SARIF states it: its byte range as a region in UTF-16 columns, read
// from the whole lines the fix holds (Fix::old_lines), and the text that replaces it.
Json fix_json(const review::Finding& f, const review::Fix& fix) {
  std::vector<std::string_view> lines = split_lines(fix.old_lines);
  auto line_at = [&](std::uint32_t line) {
    std::size_t index = line >= fix.line ? line - fix.line : 0;
    return index < lines.size() ? lines[index] : std::string_view();
  };
  Json region{{"startLine", fix.line},
              {"startColumn", utf16_column(line_at(fix.line), fix.column)},
              {"endLine", fix.end_line},
              {"endColumn", utf16_column(line_at(fix.end_line), fix.end_column)}};
  Json replacement{{"deletedRegion", std::move(region)},
                   {"insertedContent", {{"text", fix.replacement}}}};
  return Json{{"description", {{"text", "Apply the fix of rule " + f.rule->id}}},
              {"artifactChanges",
               Json::array({Json{
                   {"artifactLocation", {{"uri", path_to_uri(f.path)}, {"uriBaseId", kUriBase}}},
                   {"replacements", Json::array({std::move(replacement)})}}})}};
}

Json result_json(const review::Finding& f, std::size_t rule_index, const SarifOptions& options) {
  const rules::Rule& rule = *f.rule;
  const bool praise = rule.severity == rules::Severity::praise;
  Json result{{"ruleId", rule.id}, {"ruleIndex", rule_index}};
  if (praise)
    result["kind"] = "pass";
  result["level"] = level_of(rule.severity);
  result["message"] = {{"text", f.message}};
  result["locations"] = Json::array(
      {Json{{"physicalLocation",
             {{"artifactLocation", {{"uri", path_to_uri(f.path)}, {"uriBaseId", kUriBase}}},
              {"region", region_json(f, options)}}}}});
  result["partialFingerprints"] = {{kFingerprintKey, f.fingerprint}};
  if (f.fix)
    result["fixes"] = Json::array({fix_json(f, *f.fix)});

  std::optional<MentorVerdict> verdict;
  if (options.verdict)
    verdict = options.verdict(f);
  Json suppressions = Json::array();
  if (f.suppressed) {
    suppressions.push_back(
        {{"kind", "inSource"}, {"status", "accepted"}, {"justification", f.suppression_reason}});
  }
  if (verdict && verdict->kind == MentorVerdict::Kind::dismissed) {
    suppressions.push_back(
        {{"kind", "external"},
         {"status", "accepted"},
         {"justification", verdict->note},
         {"properties", {{"mentor", verdict->mentor}, {"time", verdict->time}}}});
  }
  result["suppressions"] = std::move(suppressions);

  Json properties = Json::object();
  if (!f.commit.empty())
    properties["commit"] = f.commit;
  properties["author"] = f.author;
  properties["skill"] = rule.skill;
  properties["severity"] = rules::to_string(rule.severity);
  if (praise)
    properties["praise"] = true;
  if (verdict) {
    properties["verdict"] = verdict_name(verdict->kind);
    properties["verdictBy"] = verdict->mentor;
    if (!verdict->note.empty())
      properties["verdictNote"] = verdict->note;
    if (!verdict->time.empty())
      properties["verdictTime"] = verdict->time;
  }
  result["properties"] = std::move(properties);
  return result;
}

}  // namespace

std::string path_to_uri(std::string_view path) {
  constexpr std::string_view kKept = "-._~/@!$&'()*+,;=";
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (is_alpha(c) || is_digit(c) || kKept.find(c) != std::string_view::npos) {
      out += c;
    } else {
      auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

void write_sarif(std::ostream& out, std::span<const review::CommitReview> reviews,
                 const SarifOptions& options) {
  // The rules that have findings, by id, and their index in tool.driver.rules.
  std::map<std::string_view, const rules::Rule*> used;
  for (const auto& review : reviews) {
    for (const auto& f : review.findings)
      used.emplace(f.rule->id, f.rule);
  }
  std::map<const rules::Rule*, std::size_t> index;
  Json rules_json = Json::array();
  for (const auto& [id, rule] : used) {
    index.emplace(rule, rules_json.size());
    rules_json.push_back(rule_json(*rule));
  }

  Json results = Json::array();
  for (const auto& review : reviews) {
    for (const auto& f : review.findings)
      results.push_back(result_json(f, index.at(f.rule), options));
  }

  Json driver{{"name", "git-mentor"},
              {"version", options.tool_version},
              {"semanticVersion", options.tool_version},
              {"rules", std::move(rules_json)}};
  if (options.tool_version.empty()) {
    driver.erase("version");
    driver.erase("semanticVersion");
  }
  Json run{{"tool", {{"driver", std::move(driver)}}},
           {"originalUriBaseIds",
            {{kUriBase, {{"description", {{"text", "The root of the git repository."}}}}}}},
           {"columnKind", "utf16CodeUnits"},
           {"results", std::move(results)}};
  Json log{{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({std::move(run)})}};
  out << log.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace mentor::report
