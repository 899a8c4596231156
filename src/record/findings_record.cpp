// Findings as JSON lines in git notes.
#include "record/findings_record.hpp"

#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "git/notes_ref.hpp"
#include "record/json_line.hpp"
#include "record/rewrites.hpp"
#include "record/same_change.hpp"

namespace mentor::record {

namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& json) {
  return canonical_line(json);
}

std::optional<std::string> text(const nlohmann::json& json, const char* key) {
  return string_member(json, key);
}

std::optional<std::uint32_t> number(const nlohmann::json& json, const char* key) {
  auto it = json.find(key);
  if (it == json.end() || !it->is_number_unsigned())
    return std::nullopt;
  auto value = it->get<std::uint64_t>();
  if (value > UINT32_MAX)
    return std::nullopt;
  return static_cast<std::uint32_t>(value);
}

ParsedLine foreign(std::string problem) {
  ParsedLine parsed;
  parsed.problem = std::move(problem);
  return parsed;
}

}  // namespace

nlohmann::ordered_json finding_json(const RecordedFinding& f) {
  Json json{
      {"commit", f.commit},
      {"path", f.path},
      {"line", f.line},
      {"col", f.col},
      {"end_line", f.end_line},
      {"end_col", f.end_col},
      {"rule", f.rule},
      {"id", f.id},
      {"severity", f.severity},
      {"skill", f.skill},
      {"message", f.message},
      {"author", f.author},
      {"suppressed", f.suppressed},
  };
  if (f.suppressed)
    json["suppression_reason"] = f.suppression_reason;
  json["tool_version"] = f.tool_version;
  return json;
}

std::string finding_line(const review::Finding& f, std::string_view tool_version) {
  RecordedFinding recorded{f.fingerprint,
                           f.rule->id,
                           std::string(rules::to_string(f.rule->severity)),
                           f.rule->skill,
                           f.path,
                           f.line,
                           f.column,
                           f.end_line,
                           f.end_column,
                           f.message,
                           f.author,
                           f.commit,
                           std::string(tool_version),
                           f.suppressed,
                           f.suppression_reason};
  Json json{{"v", kFormatVersion}, {"type", "finding"}};
  json.update(finding_json(recorded));
  return dump(json);
}

std::string reviewed_line(std::string_view commit, std::string_view tool_version) {
  return dump(Json{{"v", kFormatVersion},
                   {"type", "reviewed"},
                   {"commit", commit},
                   {"tool_version", tool_version}});
}

ParsedLine parse_line(std::string_view line) {
  LineObject object = parse_line_object(line);
  if (!object.problem.empty())
    return foreign(std::move(object.problem));
  const nlohmann::json& json = object.json;
  auto type = text(json, "type");
  auto commit = text(json, "commit");
  if (!commit)
    return foreign("no \"commit\"");
  ParsedLine parsed;
  if (type == "reviewed") {
    parsed.kind = ParsedLine::Kind::reviewed;
    parsed.finding.commit = *commit;
    return parsed;
  }
  if (type != "finding")
    return foreign("unknown \"type\"");
  RecordedFinding& f = parsed.finding;
  f.commit = *commit;
  for (auto [key, field] : {std::pair{"id", &f.id},
                            {"rule", &f.rule},
                            {"severity", &f.severity},
                            {"path", &f.path},
                            {"message", &f.message}}) {
    auto value = text(json, key);
    if (!value)
      return foreign(std::string("no \"") + key + "\"");
    *field = std::move(*value);
  }
  for (auto [key, field] : {std::pair{"line", &f.line},
                            {"col", &f.col},
                            {"end_line", &f.end_line},
                            {"end_col", &f.end_col}}) {
    auto value = number(json, key);
    if (!value)
      return foreign(std::string("no \"") + key + "\"");
    *field = *value;
  }
  f.skill = text(json, "skill").value_or("");
  f.author = text(json, "author").value_or("");
  f.tool_version = text(json, "tool_version").value_or("");
  f.suppression_reason = text(json, "suppression_reason").value_or("");
  auto suppressed = json.find("suppressed");
  f.suppressed = suppressed != json.end() && suppressed->is_boolean() && suppressed->get<bool>();
  parsed.kind = ParsedLine::Kind::finding;
  return parsed;
}

bool record_reviews(const git::Repository& repo, std::span<const review::CommitReview> reviews,
                    std::string_view tool_version, const Warn& warn) {
  git::NoteLines lines;
  for (const auto& review : reviews) {
    if (review.commit.id.empty())
      continue;  // staged changes have no commit to annotate
    auto& note = lines[review.commit.id];
    note.insert(reviewed_line(review.commit.id, tool_version));
    for (const auto& finding : review.findings)
      note.insert(finding_line(finding, tool_version));
  }
  git::NotesRef notes(repo, std::string(kFindingsRef), warn);
  std::size_t findings = 0;
  for (const auto& [commit, note] : lines)
    findings += note.size() - 1;
  bool added =
      notes.add(lines, "git-mentor: record " + std::to_string(findings) + " finding" +
                           (findings == 1 ? "" : "s") + " in " + std::to_string(lines.size()) +
                           " commit" + (lines.size() == 1 ? "" : "s"));
  // Now that the ref exists: notes.rewriteRef, so the record follows rebases and amends.
  follow_rewrites(repo, warn);
  return added;
}

namespace {

// Reads records: every annotated commit when `all`, and the commits of `commits`.
std::map<std::string, CommitRecord> read(const git::Repository& repo,
                                         const std::vector<std::string>& commits, bool all,
                                         const Warn& warn) {
  git::NotesRef notes(repo, std::string(kFindingsRef), warn);
  git::NotesIndex index = notes.index();
  std::map<std::string, CommitRecord> records;
  // The lines of `holder`'s note, read into the record of `owner` (the holder itself, or a
  // rewrite of it found by patch-id).
  auto read_note = [&](const std::string& owner, const std::string& holder,
                       const std::string& blob) {
    CommitRecord& record = records[owner];
    if (holder != owner)
      record.rewritten_from.insert(holder);
    std::size_t number = 0;
    for (const auto& line : notes.read_lines(blob)) {
      ++number;
      ParsedLine parsed = parse_line(line);
      if (parsed.kind == ParsedLine::Kind::foreign) {
        if (warn) {
          warn("the note of " + holder.substr(0, 12) + " in " + std::string(kFindingsRef) +
               ", line " + std::to_string(number) + ": " + parsed.problem + "; skipped (and kept)");
        }
        continue;
      }
      RecordedFinding& f = parsed.finding;
      if (f.commit != owner)
        record.rewritten_from.insert(f.commit);
      if (parsed.kind == ParsedLine::Kind::reviewed) {
        record.reviewed = true;
        continue;
      }
      f.commit = owner;
      record.findings.push_back(std::move(f));
    }
  };

  std::vector<std::string> unnoted;
  if (all) {
    for (const auto& [commit, blob] : index)
      read_note(commit, commit, blob);
  }
  for (const auto& commit : commits) {
    if (all && records.contains(commit))
      continue;
    auto it = index.find(commit);
    if (it != index.end())
      read_note(commit, commit, it->second);
    else
      unnoted.push_back(commit);
  }
  if (!unnoted.empty() && !index.empty()) {
    std::vector<std::string> noted;
    noted.reserve(index.size());
    for (const auto& [commit, blob] : index)
      noted.push_back(commit);
    for (const auto& [commit, sources] : same_changes(repo, unnoted, noted)) {
      for (const auto& source : sources)
        read_note(commit, source, index.at(source));
    }
  }

  // Duplicates: the same finding recorded twice, or carried here from several commits.
  for (auto& [commit, record] : records) {
    record.rewritten_from.erase(commit);
    std::set<std::tuple<std::string, std::string, std::string, std::uint32_t, std::uint32_t>> seen;
    std::erase_if(record.findings, [&](const RecordedFinding& f) {
      return !seen.emplace(f.rule, f.id, f.path, f.line, f.col).second;
    });
  }
  return records;
}

}  // namespace

std::map<std::string, CommitRecord> read_records(const git::Repository& repo,
                                                 const std::vector<std::string>& commits,
                                                 const Warn& warn) {
  return read(repo, commits, commits.empty(), warn);
}

std::map<std::string, CommitRecord> read_all_records(const git::Repository& repo,
                                                     const std::vector<std::string>& commits,
                                                     const Warn& warn) {
  return read(repo, commits, true, warn);
}

}  // namespace mentor::record
