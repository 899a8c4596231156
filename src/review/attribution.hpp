// What a commit introduced (DESIGN §2): decided here, and only here. The hook, `check`, the
// record and the summaries ask this code; none of them recomputes it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lang/parser.hpp"
#include "review/parse_cache.hpp"
#include "rules/rule.hpp"

namespace mentor::review {

// A match's code as attribution and fingerprints see it: the matched text without the comments
// inside it (rules::match_code), then normalize_code()'d. Layout and comments do not change it.
// `probes` are normalized tokens of it (the longest few): any text that holds the code, with
// any comments and layout, holds each of them after normalize_code().
// The most bytes of code the candidates of one file may cover in total (nested matches cover
// the same bytes again): their identities cost that much memory and time. A file past it is not
// reviewed (review_change_set reports it as skipped); a version of a parent past it is counted
// as holding none of the codes.
inline constexpr std::size_t kMaxMatchedBytes = 32u << 20;

struct CodeIdentity {
  std::string code;
  std::vector<std::string> probes;
};
CodeIdentity code_identity(const lang::Tree& tree, std::string_view source,
                           const rules::Match& match);

// One version of a file a commit is compared with.
struct Version {
  std::string path;
  std::string blob;                          // what Versions reads it by
  const lang::Language* language = nullptr;  // nullptr: no rules of it run
};

// The versions on the side of one parent (git::ParentSide, with languages).
struct Side {
  std::vector<Version> before;  // the parent's versions of the files the commit changed
  std::vector<Version> after;   // the commit's versions of those files
};

// Reads a version's text; nullopt when it is not to be read (too large).
using ReadBlob = std::function<std::optional<std::string>(const std::string& blob)>;

// The texts and trees of the versions one commit is compared with, each read and parsed at most
// once, and only when attribution needs it.
class Versions {
 public:
  // Reads through `read` and parses with `cache`'s parser; a version `cache` keeps is taken from
  // it, read and parsed nothing.
  Versions(ReadBlob read, ParseCache& cache) : read_(std::move(read)), cache_(cache) {}

  // Registers a version already read and parsed (a file of the commit under review). `text`
  // must outlive this object, and `tree` must be parsed from it.
  void add_parsed(const std::string& blob, std::string_view text, const lang::Tree& tree);

  // The version's text; nullopt when it cannot be read.
  std::optional<std::string_view> text(const Version& version);
  // Its text normalize_code()'d; nullptr when it cannot be read.
  const std::string* normalized(const Version& version);
  // Its text with comments scanned away (without parsing; strings are not recognized, so this
  // can remove more than comments), normalize_code()'d; nullptr when it cannot be read or the
  // scan does not know the language's comments.
  const std::string* uncommented(const Version& version);
  // Its tree; nullptr when it cannot be read or parsed within the parse timeout.
  const lang::Tree* tree(const Version& version);

 private:
  struct Entry {
    std::optional<std::string> owned;  // the text, when read here
    std::string_view text;
    bool readable = false;
    std::optional<std::string> normalized;
    std::optional<std::string> uncommented;
    std::unique_ptr<lang::Tree> tree;
    bool unparsable = false;  // its parse exceeded the parse timeout
    const lang::Tree* borrowed = nullptr;
    std::shared_ptr<const ParsedFile> cached;  // keeps a parse from the cache alive
  };
  Entry& entry(const Version& version);

  ReadBlob read_;
  ParseCache& cache_;
  std::map<std::string, Entry, std::less<>> entries_;
};

// A match of `rule` that overlaps a line the commit added.
struct Candidate {
  const rules::Rule* rule = nullptr;
  CodeIdentity identity;
};

// Which candidates the commit introduced: those whose code (rule and CodeIdentity::code) occurs
// more often, after the commit, in the files that differ from a parent than it did before in
// that parent's versions of them (same language), for every parent. When the code occurs n
// times after and k times before on the side where the difference is smallest, the first n - k
// candidates with it (in the given order) are introduced, the rest not. A version is parsed and
// matched only when its text may hold a candidate's code: the code is in its normalized text,
// or in that text with comments scanned away, or (for languages the scan does not know) every
// probe of the code is in it. In a version with a syntax error
// the code also counts as often as its text occurs there (comments left out), since a rule
// cannot match code the parser could not read.
std::vector<bool> introduced(std::span<const Candidate> candidates, std::span<const Side> sides,
                             Versions& versions);

}  // namespace mentor::review
