// The parses of the most recent versions of files, per worker: a history's next commit parses a
// file by editing its previous version's tree instead of from scratch.
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "lang/parser.hpp"

namespace mentor::review {

// One version of a file, parsed. Shared: a review holds it while the cache may drop it.
struct ParsedFile {
  std::string text;
  lang::Tree tree;  // parsed from `text`
};

// Parses by blob id, keeping the most recently used parses up to a budget of text bytes (the
// trees take a multiple of that). Not thread-safe: one per worker, with that worker's parser.
class ParseCache {
 public:
  // `max_bytes` of text at most are kept (a larger file, or one with a syntax error, is parsed,
  // not kept); 0 keeps nothing
  // (every parse is a full parse). With `verify`, each incremental parse is checked against a
  // full parse (lang::same_tree), which is kept when they differ (counted in Stats::differed).
  ParseCache(lang::Parser& parser, std::size_t max_bytes, bool verify = false);

  // The parse of `blob`, when kept.
  std::shared_ptr<const ParsedFile> find(std::string_view blob);

  // Parses `text`, the content of `blob`, as `language`. When `base` (the blob `text` was made
  // from by `edits`) is kept, was parsed as the same language and without a syntax error, its
  // tree is edited and reparsed incrementally (lang::Parser::reparse: the same tree as a full
  // parse); else a full parse.
  std::shared_ptr<const ParsedFile> parse(const lang::Language& language, const std::string& blob,
                                          std::string text, std::string_view base,
                                          std::span<const lang::LineEdit> edits);

  lang::Parser& parser() { return parser_; }

  struct Stats {
    std::size_t full = 0;         // full parses
    std::size_t incremental = 0;  // reparses from a kept tree
    std::size_t hits = 0;         // blobs found already parsed
    std::size_t differed = 0;     // with verify: incremental parses unlike the full parse
  };
  const Stats& stats() const { return stats_; }

 private:
  using Lru = std::list<std::pair<std::string, std::shared_ptr<const ParsedFile>>>;
  void keep(const std::string& blob, std::shared_ptr<const ParsedFile> parsed);

  lang::Parser& parser_;
  std::size_t max_bytes_;
  bool verify_;
  std::size_t bytes_ = 0;
  Lru lru_;  // most recent first
  std::map<std::string, Lru::iterator, std::less<>> index_;
  Stats stats_;
};

}  // namespace mentor::review
