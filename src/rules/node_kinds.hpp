// Node kinds as rules compare them, independent of tree-sitter's alias symbols.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

namespace mentor::rules {

// Tree-sitter may give one visible kind several symbol ids (aliases). Rules compare kinds by a
// canonical id: the symbol ts_language_symbol_for_name returns for the same name and namedness.
// Each symbol's id is looked up on first use (a scan of the language's symbol names), so that
// compiling rules costs the few kinds they name, not the whole language.
class KindTable {
 public:
  // The table of `language`, made on first use and cached for the program's lifetime.
  // Thread-safe, as are all its functions.
  static const KindTable& of(const TSLanguage* language);

  // The canonical id of `symbol`; symbols outside the table (ERROR) map to themselves.
  TSSymbol canonical(TSSymbol symbol) const {
    if (symbol >= canonical_.size())
      return symbol;
    std::uint32_t known = canonical_[symbol].load(std::memory_order_relaxed);
    return known != kUnknown ? static_cast<TSSymbol>(known) : resolve(symbol);
  }
  TSSymbol canonical(TSNode node) const { return canonical(ts_node_symbol(node)); }

  // One past the largest symbol id of the language, to size per-kind indexes.
  std::size_t size() const { return canonical_.size(); }

  // The canonical id of the visible kind called `name`; nullopt if the language has none.
  std::optional<TSSymbol> find(std::string_view name, bool named) const;

 private:
  static constexpr std::uint32_t kUnknown = 0xffffffff;

  explicit KindTable(const TSLanguage* language);

  // Looks up the canonical id of `symbol` and remembers it (threads racing store the same value).
  TSSymbol resolve(TSSymbol symbol) const;

  const TSLanguage* language_;
  mutable std::vector<std::atomic<std::uint32_t>> canonical_;  // kUnknown until resolved
};

// Whether `node` is a comment (its kind contains "comment"), which matching skips in the target.
bool is_comment(TSNode node);

}  // namespace mentor::rules
