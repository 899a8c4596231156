// The short forms of a lesson.
#include "report/lesson.hpp"

#include <array>
#include <cctype>
#include <string>

namespace mentor::report {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Abbreviations whose dot ends no sentence (compared in lower case).
bool is_abbreviation(std::string_view word) {
  std::string lower;
  for (char c : word)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  constexpr std::array<std::string_view, 4> kWords{"e.g", "i.e", "cf", "vs"};
  for (std::string_view known : kWords) {
    if (lower == known || lower == "(" + std::string(known))
      return true;
  }
  return false;
}

}  // namespace

std::string first_paragraph(std::string_view lesson) {
  std::string out;
  while (!lesson.empty()) {
    std::size_t eol = lesson.find('\n');
    std::string_view line = lesson.substr(0, eol);
    lesson = eol == std::string_view::npos ? std::string_view() : lesson.substr(eol + 1);
    std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line.substr(first).starts_with("```")) {
      if (out.empty())
        continue;
      break;
    }
    if (!out.empty())
      out += '\n';
    out += line;
    while (!out.empty() && (out.back() == '\r' || out.back() == ' '))
      out.pop_back();
  }
  return out;
}

std::string first_sentence(std::string_view lesson) {
  // One line, blanks collapsed.
  std::string text;
  for (char c : first_paragraph(lesson)) {
    if (is_blank(c)) {
      if (!text.empty() && text.back() != ' ')
        text += ' ';
    } else {
      text += c;
    }
  }
  while (!text.empty() && text.back() == ' ')
    text.pop_back();

  bool in_code = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '`') {
      in_code = !in_code;
      continue;
    }
    if (in_code || (c != '.' && c != '!' && c != '?'))
      continue;
    std::size_t end = i + 1;
    while (end < text.size() &&
           std::string_view(")]\"'*_").find(text[end]) != std::string_view::npos)
      ++end;
    if (end == text.size())
      return text;
    if (text[end] != ' ')
      continue;
    char next = text[end + 1];  // text ends with no blank, so there is one
    if (std::islower(static_cast<unsigned char>(next)) != 0)
      continue;
    std::size_t word_start = text.rfind(' ', i);
    word_start = word_start == std::string::npos ? 0 : word_start + 1;
    if (c == '.' && is_abbreviation(std::string_view(text).substr(word_start, i - word_start)))
      continue;
    return text.substr(0, end);
  }
  return text;
}

}  // namespace mentor::report
