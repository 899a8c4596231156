// Fingerprints of findings.
#include "review/fingerprint.hpp"

#include <cctype>
#include <cstdint>

namespace mentor::review {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// Letters, digits, `_`, `$` and every byte of a multi-byte UTF-8 character.
bool is_word(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '_' || c == '$' || u >= 0x80;
}

constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

void fnv_add(std::uint64_t& hash, std::string_view bytes) {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;
  }
}

}  // namespace

std::string normalize_code(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    // A space only matters where it separates two words: `return x`, not `f( x )`.
    if (pending_space && is_word(out.back()) && is_word(c))
      out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string fingerprint(std::string_view rule_id, std::string_view path,
                        std::string_view matched_text) {
  return fingerprint_normalized(rule_id, path, normalize_code(matched_text));
}

std::string fingerprint_normalized(std::string_view rule_id, std::string_view path,
                                   std::string_view normalized_text) {
  std::uint64_t hash = kFnvOffset;
  fnv_add(hash, rule_id);
  fnv_add(hash, std::string_view("\0", 1));
  fnv_add(hash, path);
  fnv_add(hash, std::string_view("\0", 1));
  fnv_add(hash, normalized_text);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHex[hash & 0xF];
    hash >>= 4;
  }
  return out;
}

}  // namespace mentor::review
