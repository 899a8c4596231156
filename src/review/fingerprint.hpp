// Stable identity of a finding that survives moves and re-indentation.
#pragma once

#include <string>
#include <string_view>

namespace mentor::review {

// `text` without layout: whitespace (spaces, tabs, CR, LF) is dropped, except that a run between
// two word characters (letters, digits, `_`, `$`, non-ASCII) becomes one space.
std::string normalize_code(std::string_view text);

// 16 lowercase hex digits: FNV-1a (64-bit) of rule id, path and the normalized matched text.
// Line numbers are deliberately not part of it.
std::string fingerprint(std::string_view rule_id, std::string_view path,
                        std::string_view matched_text);

// The same, for text that is already normalize_code()'d.
std::string fingerprint_normalized(std::string_view rule_id, std::string_view path,
                                   std::string_view normalized_text);

}  // namespace mentor::review
