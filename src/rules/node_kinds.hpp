// Node kinds as rules compare them, independent of tree-sitter's alias symbols.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

namespace mentor::rules {

// Tree-sitter may give one visible kind several symbol ids (aliases). Rules compare kinds by a
// canonical id: the symbol ts_language_symbol_for_name returns for the same name and namedness.
class KindTable {
 public:
  // The table of `language`, built on first use and cached for the program's lifetime.
  // Thread-safe.
  static const KindTable& of(const TSLanguage* language);

  // The canonical id of `symbol`; symbols outside the table (ERROR) map to themselves.
  TSSymbol canonical(TSSymbol symbol) const {
    return symbol < canonical_.size() ? canonical_[symbol] : symbol;
  }
  TSSymbol canonical(TSNode node) const { return canonical(ts_node_symbol(node)); }

  // One past the largest symbol id of the language, to size per-kind indexes.
  std::size_t size() const { return canonical_.size(); }

  // The canonical id of the visible kind called `name`; nullopt if the language has none.
  std::optional<TSSymbol> find(std::string_view name, bool named) const;

 private:
  explicit KindTable(const TSLanguage* language);

  const TSLanguage* language_;
  std::vector<TSSymbol> canonical_;
};

// Whether `node` is a comment (its kind contains "comment"), which matching skips in the target.
bool is_comment(TSNode node);

}  // namespace mentor::rules
