// What a commit introduced.
#include "review/attribution.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "review/fingerprint.hpp"
#include "rules/match_code.hpp"
#include "rules/match_limits.hpp"
#include "rules/rule_engine.hpp"

namespace mentor::review {

namespace {

// How many of a code's longest tokens are probed.
constexpr std::size_t kProbes = 3;

using Key = std::pair<std::string_view, std::string_view>;  // rule id, code

// How often `code` occurs in `text`, without overlaps.
long occurrences(std::string_view text, std::string_view code) {
  if (code.empty())
    return 0;
  long n = 0;
  for (std::size_t at = text.find(code); at != std::string_view::npos;
       at = text.find(code, at + code.size())) {
    ++n;
  }
  return n;
}

}  // namespace

CodeIdentity code_identity(const lang::Tree& tree, std::string_view source,
                           const rules::Match& match) {
  rules::MatchCode raw = rules::match_code(tree, source, match.start_byte, match.end_byte);
  CodeIdentity identity;
  identity.code = normalize_code(raw.text);
  std::vector<std::string> tokens;
  tokens.reserve(raw.tokens.size());
  for (std::string_view token : raw.tokens)
    tokens.push_back(normalize_code(token));
  std::sort(tokens.begin(), tokens.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  if (tokens.size() > kProbes)
    tokens.resize(kProbes);
  identity.probes = std::move(tokens);
  return identity;
}

void Versions::add_parsed(const std::string& blob, std::string_view text, const lang::Tree& tree) {
  Entry& e = entries_[blob];
  e.owned.reset();
  e.text = text;
  e.readable = true;
  e.tree.reset();
  e.borrowed = &tree;
}

Versions::Entry& Versions::entry(const Version& version) {
  auto it = entries_.find(version.blob);
  if (it != entries_.end())
    return it->second;
  Entry& e = entries_[version.blob];
  if (auto cached = cache_.find(version.blob);
      cached && version.language != nullptr && &cached->tree.language() == version.language) {
    e.text = cached->text;
    e.readable = true;
    e.borrowed = &cached->tree;
    e.cached = std::move(cached);
    return e;
  }
  e.owned = read_(version.blob);
  if (e.owned) {
    e.text = *e.owned;
    e.readable = true;
  }
  return e;
}

std::optional<std::string_view> Versions::text(const Version& version) {
  Entry& e = entry(version);
  if (!e.readable)
    return std::nullopt;
  return e.text;
}

namespace {

// `text` with what `markers` start scanned away (each comment replaced by one space). Strings are
// not recognized: a marker inside one cuts more than a comment.
std::string without_comments(std::string_view text, const lang::CommentMarkers& markers) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    if (!markers.line.empty() && text.compare(at, markers.line.size(), markers.line) == 0) {
      at = text.find('\n', at);
      out += ' ';
      if (at == std::string_view::npos)
        break;
      continue;
    }
    if (!markers.open.empty() && text.compare(at, markers.open.size(), markers.open) == 0) {
      std::size_t close = text.find(markers.close, at + markers.open.size());
      out += ' ';
      if (close == std::string_view::npos)
        break;
      at = close + markers.close.size();
      continue;
    }
    out += text[at++];
  }
  return out;
}

}  // namespace

const std::string* Versions::uncommented(const Version& version) {
  Entry& e = entry(version);
  if (!e.readable || version.language == nullptr)
    return nullptr;
  if (!e.uncommented) {
    e.uncommented = normalize_code(without_comments(e.text, version.language->comments));
  }
  return &*e.uncommented;
}

const std::string* Versions::normalized(const Version& version) {
  Entry& e = entry(version);
  if (!e.readable)
    return nullptr;
  if (!e.normalized)
    e.normalized = normalize_code(e.text);
  return &*e.normalized;
}

const lang::Tree* Versions::tree(const Version& version) {
  Entry& e = entry(version);
  if (!e.readable || version.language == nullptr)
    return nullptr;
  if (e.borrowed != nullptr)
    return e.borrowed;
  if (!e.tree && !e.unparsable) {
    try {
      e.tree = std::make_unique<lang::Tree>(cache_.parser().parse(*version.language, e.text));
    } catch (const lang::ParseLimitExceeded&) {
      e.unparsable = true;  // counted as holding none of the codes
    }
  }
  return e.tree.get();
}

std::vector<bool> introduced(std::span<const Candidate> candidates, std::span<const Side> sides,
                             Versions& versions) {
  std::vector<bool> out(candidates.size(), true);
  constexpr long kUnbounded = std::numeric_limits<long>::max();

  struct Code {
    const Candidate* first = nullptr;  // any candidate with this code: its rule and probes
    std::vector<std::size_t> members;  // indexes into candidates, in order
    long allowed = kUnbounded;         // how many of them are new, the least over the sides
  };
  std::map<Key, Code> codes;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    Code& code = codes[{candidates[i].rule->id, candidates[i].identity.code}];
    if (code.first == nullptr)
      code.first = &candidates[i];
    code.members.push_back(i);
  }

  // The candidates' rules by language: what a version is matched with.
  std::map<const lang::Language*, std::vector<const rules::Rule*>> rules_of;
  for (const auto& [key, code] : codes) {
    auto& list = rules_of[code.first->rule->language];
    if (std::find(list.begin(), list.end(), code.first->rule) == list.end())
      list.push_back(code.first->rule);
  }
  // How often each candidate code occurs in a version, counted once per version (by blob).
  std::map<std::string, std::map<Key, long>, std::less<>> counted;
  auto count = [&](const Version& version, const Key& key) -> long {
    auto it = counted.find(version.blob);
    if (it == counted.end()) {
      std::map<Key, long>& counts = counted[version.blob];
      const lang::Tree* tree = versions.tree(version);
      std::optional<std::string_view> text = versions.text(version);
      if (tree != nullptr && text) {
        const auto& rules = rules_of[version.language];
        // A version whose matching exceeds a limit holds none of the codes, as far as this
        // count knows: its candidates are new.
        std::vector<rules::RuleMatch> matches;
        try {
          matches = rules::match_rules(rules, *tree, *text);
        } catch (const rules::MatchLimitExceeded&) {
          matches.clear();
        }
        std::size_t covered = 0;
        for (const auto& m : matches) {
          covered += m.match.end_byte - m.match.start_byte;
          if (covered > kMaxMatchedBytes) {
            counts.clear();
            break;
          }
          CodeIdentity identity = code_identity(*tree, *text, m.match);
          auto found = codes.find({rules[m.rule]->id, identity.code});
          if (found != codes.end())
            ++counts[found->first];
        }
        // Where the parser could not read the file as code, no rule sees code that is there:
        // count the code's occurrences in the text (comments left out) too.
        if (ts_node_has_error(tree->root())) {
          std::string plain = normalize_code(
              rules::match_code(*tree, *text, 0, static_cast<std::uint32_t>(text->size())).text);
          for (const auto& [code_key, code] : codes) {
            if (code.first->rule->language != version.language)
              continue;
            long seen = occurrences(plain, code_key.second);
            if (seen > 0)
              counts[code_key] = std::max(counts[code_key], seen);
          }
        }
      }
      it = counted.find(version.blob);
    }
    auto hit = it->second.find(key);
    return hit == it->second.end() ? 0 : hit->second;
  };
  // Whether `version` may hold the candidate's code: a filter that must never say no wrongly.
  // The code is in the normalized text unless a comment sits inside it there; then it is in the
  // text with comments scanned away (where the scan knows the language's comments), or else
  // every probe token is.
  auto holds = [&](const Version& version, const Candidate& candidate) {
    if (version.language != candidate.rule->language)
      return false;
    const std::string* text = versions.normalized(version);
    if (text == nullptr)
      return false;
    const std::string& code = candidate.identity.code;
    if (text->find(code) != std::string::npos)
      return true;
    if (const std::string* plain = versions.uncommented(version))
      return plain->find(code) != std::string::npos;
    return std::all_of(
        candidate.identity.probes.begin(), candidate.identity.probes.end(),
        [&](const std::string& probe) { return text->find(probe) != std::string::npos; });
  };

  for (const Side& side : sides) {
    for (auto& [key, code] : codes) {
      long before = 0;
      bool anywhere = false;
      for (const Version& version : side.before) {
        if (!holds(version, *code.first))
          continue;
        anywhere = true;
        before += count(version, key);
      }
      if (!anywhere || before == 0)
        continue;  // new on this side: every candidate with it counts
      long after = 0;
      for (const Version& version : side.after) {
        if (holds(version, *code.first))
          after += count(version, key);
      }
      code.allowed = std::min(code.allowed, after - before);
    }
  }

  for (const auto& [key, code] : codes) {
    if (code.allowed == kUnbounded)
      continue;
    long left = std::max(0L, code.allowed);
    for (std::size_t i : code.members)
      out[i] = left-- > 0;
  }
  return out;
}

}  // namespace mentor::review
