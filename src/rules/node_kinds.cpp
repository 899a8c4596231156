// Canonical node kinds.
#include "rules/node_kinds.hpp"

#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace mentor::rules {

KindTable::KindTable(const TSLanguage* language)
    : language_(language), canonical_(ts_language_symbol_count(language)) {
  for (auto& entry : canonical_)
    entry.store(kUnknown, std::memory_order_relaxed);
}

TSSymbol KindTable::resolve(TSSymbol symbol) const {
  TSSymbol canonical = symbol;
  const char* name = ts_language_symbol_name(language_, symbol);
  TSSymbolType type = ts_language_symbol_type(language_, symbol);
  if (name != nullptr && type != TSSymbolTypeAuxiliary) {
    TSSymbol found =
        ts_language_symbol_for_name(language_, name, static_cast<std::uint32_t>(std::strlen(name)),
                                    type == TSSymbolTypeRegular);
    if (found != 0)
      canonical = found;
  }
  canonical_[symbol].store(canonical, std::memory_order_relaxed);
  return canonical;
}

const KindTable& KindTable::of(const TSLanguage* language) {
  static std::mutex mutex;
  static std::map<const TSLanguage*, std::unique_ptr<KindTable>> tables;
  std::lock_guard lock(mutex);
  auto& slot = tables[language];
  if (!slot)
    slot.reset(new KindTable(language));
  return *slot;
}

std::optional<TSSymbol> KindTable::find(std::string_view name, bool named) const {
  std::string copy(name);
  TSSymbol symbol = ts_language_symbol_for_name(language_, copy.c_str(),
                                                static_cast<std::uint32_t>(copy.size()), named);
  if (symbol == 0)
    return std::nullopt;
  return canonical(symbol);
}

bool is_comment(TSNode node) {
  const char* type = ts_node_type(node);
  return type != nullptr && std::strstr(type, "comment") != nullptr;
}

}  // namespace mentor::rules
