// Escaping repository text for Markdown and HTML.
#include "report/escape.hpp"

#include "util/utf8.hpp"

namespace mentor::report {

namespace {

bool is_word_char(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
         cp == '_';
}

bool is_control(char32_t cp) {
  return cp < 0x20 || cp == 0x7F;
}

constexpr std::string_view kMarkdownPunctuation = "\\`*_{}[]()#+-.!|~$";
constexpr std::string_view kWordJoiner = "\xE2\x81\xA0";  // U+2060

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    if (util::next_code_point(text, i)) {
      out.append(text.substr(start, i - start));
    } else {
      out += util::kReplacementCharacter;
    }
  }
  return out;
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  char32_t previous = 0;  // 0: the start of the text
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    std::optional<char32_t> decoded = util::next_code_point(text, i);
    if (!decoded) {
      out += util::kReplacementCharacter;
      previous = 0xFFFD;
      continue;
    }
    char32_t cp = *decoded;
    if (cp == '\r' || cp == '\n') {
      if (cp == '\r' && i < text.size() && text[i] == '\n')
        ++i;
      out += "<br>";
    } else if (cp == '&') {
      out += "&amp;";
    } else if (cp == '<') {
      out += "&lt;";
    } else if (cp == '>') {
      out += "&gt;";
    } else if (cp == '"') {
      out += "&quot;";
    } else if (cp < 0x80 && kMarkdownPunctuation.find(static_cast<char>(cp)) != std::string::npos) {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '@') {
      out += '@';
      if (previous == 0 || !is_word_char(previous))
        out += kWordJoiner;
    } else if (cp != '\t' && is_control(cp)) {
      out += util::kReplacementCharacter;
    } else {
      out.append(text.substr(start, i - start));
    }
    previous = cp;
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    std::optional<char32_t> decoded = util::next_code_point(text, i);
    if (!decoded) {
      out += util::kReplacementCharacter;
      continue;
    }
    switch (*decoded) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\t':
      case '\n':
      case '\r':
        out.append(text.substr(start, i - start));
        break;
      default:
        if (is_control(*decoded)) {
          out += util::kReplacementCharacter;
        } else {
          out.append(text.substr(start, i - start));
        }
    }
  }
  return out;
}

}  // namespace mentor::report
