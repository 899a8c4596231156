// Byte-exact text encodings for storing arbitrary bytes in JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mentor::util {

// Whether `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool is_utf8(std::string_view bytes);

// Standard base64 (RFC 4648, with padding).
std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not well-formed padded base64.
std::optional<std::string> base64_decode(std::string_view text);

// `text` made safe to print on a terminal: control characters other than tab and newline (the
// escape that starts terminal sequences included) become '?'.
std::string terminal_safe(std::string_view text);

}  // namespace mentor::util
