// The parses of the most recent versions of files.
#include "review/parse_cache.hpp"

#include <utility>

namespace mentor::review {

ParseCache::ParseCache(lang::Parser& parser, std::size_t max_bytes, bool verify)
    : parser_(parser), max_bytes_(max_bytes), verify_(verify) {}

std::shared_ptr<const ParsedFile> ParseCache::find(std::string_view blob) {
  auto it = index_.find(blob);
  if (it == index_.end())
    return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  ++stats_.hits;
  return it->second->second;
}

std::shared_ptr<const ParsedFile> ParseCache::parse(const lang::Language& language,
                                                    const std::string& blob, std::string text,
                                                    std::string_view base,
                                                    std::span<const lang::LineEdit> edits) {
  std::shared_ptr<const ParsedFile> old = base.empty() ? nullptr : find(base);
  std::shared_ptr<ParsedFile> parsed;
  // An old tree with a syntax error mostly gives a new one with an error, which Parser::reparse
  // parses again from scratch: go there at once.
  if (old && &old->tree.language() == &language && !ts_node_has_error(old->tree.root())) {
    lang::Tree tree = parser_.reparse(old->tree, old->text, text, edits);
    if (verify_) {
      lang::Tree full = parser_.parse(language, text);
      if (!lang::same_tree(tree, full)) {
        ++stats_.differed;
        tree = std::move(full);
      }
    }
    parsed = std::make_shared<ParsedFile>(ParsedFile{std::move(text), std::move(tree)});
    ++stats_.incremental;
  } else {
    lang::Tree tree = parser_.parse(language, text);
    parsed = std::make_shared<ParsedFile>(ParsedFile{std::move(text), std::move(tree)});
    ++stats_.full;
  }
  // A tree with a syntax error is never reparsed from (see above): keeping it would only take
  // memory, and error trees are the largest.
  if (!ts_node_has_error(parsed->tree.root()))
    keep(blob, parsed);
  return parsed;
}

void ParseCache::keep(const std::string& blob, std::shared_ptr<const ParsedFile> parsed) {
  std::size_t size = parsed->text.size();
  if (size > max_bytes_ || index_.count(blob) != 0)
    return;
  lru_.emplace_front(blob, std::move(parsed));
  index_.emplace(blob, lru_.begin());
  bytes_ += size;
  while (bytes_ > max_bytes_) {
    bytes_ -= lru_.back().second->text.size();
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

}  // namespace mentor::review
