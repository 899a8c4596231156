// Byte-exact text encodings.
#include "util/encoding.hpp"

#include "util/utf8.hpp"

#include <array>
#include <cstdint>

#include <fmt/format.h>

namespace mentor::util {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> decode_table() {
  std::array<std::int8_t, 256> table{};
  table.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i)
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  return table;
}

std::uint32_t byte_at(std::string_view bytes, std::size_t i) {
  return static_cast<unsigned char>(bytes[i]);
}

}  // namespace

bool is_utf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    if (!next_code_point(bytes, i))
      return false;
  }
  return true;
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    std::uint32_t group =
        byte_at(bytes, i) << 16 | byte_at(bytes, i + 1) << 8 | byte_at(bytes, i + 2);
    for (int shift = 18; shift >= 0; shift -= 6)
      out += kAlphabet[(group >> shift) & 0x3F];
  }
  std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t group = byte_at(bytes, i) << 16;
    if (rest == 2)
      group |= byte_at(bytes, i + 1) << 8;
    out += kAlphabet[(group >> 18) & 0x3F];
    out += kAlphabet[(group >> 12) & 0x3F];
    out += rest == 2 ? kAlphabet[(group >> 6) & 0x3F] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  static constexpr auto kTable = decode_table();
  if (text.size() % 4 != 0)
    return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    std::size_t padding = 0;
    if (last) {
      padding = text[i + 3] != '=' ? 0 : text[i + 2] == '=' ? 2 : 1;
    }
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      char c = text[i + k];
      std::int8_t value = 0;
      if (k >= 4 - padding) {
        if (c != '=')
          return std::nullopt;
      } else {
        value = kTable[static_cast<unsigned char>(c)];
        if (value < 0)
          return std::nullopt;
      }
      group = group << 6 | static_cast<std::uint32_t>(value);
    }
    out += static_cast<char>((group >> 16) & 0xFF);
    if (padding < 2)
      out += static_cast<char>((group >> 8) & 0xFF);
    if (padding < 1)
      out += static_cast<char>(group & 0xFF);
  }
  return out;
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const std::size_t first = text.find_first_not_of(" \t");
  // GitHub Actions (`::error ...`, `##[group]`) and Azure Pipelines (`##vso[...]`) read a log
  // line that starts so as a command.
  const std::string_view rest = first != std::string_view::npos ? text.substr(first) : "";
  const bool command =
      rest.starts_with("::") || rest.starts_with("##[") || rest.starts_with("##vso[");
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    std::optional<char32_t> cp = next_code_point(text, i);
    if (!cp) {
      out += fmt::format("\\x{:02x}", byte_at(text, start));
    } else if (*cp == '\n') {
      out += "\\n";
    } else if (*cp == '\r') {
      out += "\\r";
    } else if (*cp == '\t') {
      out += '\t';
    } else if (*cp < 0x20 || *cp == 0x7F || (command && start == first)) {
      out += fmt::format("\\x{:02x}", static_cast<std::uint32_t>(*cp));
    } else if ((*cp >= 0x80 && *cp <= 0x9F) || *cp == 0x2028 || *cp == 0x2029 ||
               (*cp >= 0x202A && *cp <= 0x202E) || (*cp >= 0x2066 && *cp <= 0x2069)) {
      out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(*cp));
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace mentor::util
