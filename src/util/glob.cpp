// gitignore-style glob matching.
#include "util/glob.hpp"

#include <cstddef>
#include <string>

namespace mentor::util {

namespace {

// Matches one glob against one subject string with memoised backtracking: O(pattern * subject).
class GlobMatcher {
 public:
  GlobMatcher(std::string_view pattern, std::string_view subject)
      : p_(pattern), s_(subject), memo_((pattern.size() + 1) * (subject.size() + 1), kUnknown) {}

  bool run() { return match(0, 0); }

 private:
  static constexpr char kUnknown = '?';
  static constexpr char kYes = 'y';
  static constexpr char kNo = 'n';

  bool match(std::size_t pi, std::size_t si) {
    std::size_t slot = pi * (s_.size() + 1) + si;
    if (memo_[slot] == kUnknown)
      memo_[slot] = compute(pi, si) ? kYes : kNo;
    return memo_[slot] == kYes;
  }

  bool at_segment_start(std::size_t pi) const { return pi == 0 || p_[pi - 1] == '/'; }

  bool compute(std::size_t pi, std::size_t si) {
    if (pi == p_.size())
      return si == s_.size();
    char c = p_[pi];
    if (c == '*') {
      bool double_star = pi + 1 < p_.size() && p_[pi + 1] == '*';
      if (double_star && at_segment_start(pi)) {
        std::size_t after = pi + 2;
        if (after == p_.size())
          return true;  // trailing `**`: everything below
        if (p_[after] == '/') {
          // `**/`: zero directories, or one more directory and try again.
          if (match(after + 1, si))
            return true;
          for (std::size_t k = si; k < s_.size(); ++k) {
            if (s_[k] == '/')
              return match(pi, k + 1);
          }
          return false;
        }
      }
      std::size_t next = pi + 1;
      while (next < p_.size() && p_[next] == '*')
        ++next;
      if (match(next, si))
        return true;
      return si < s_.size() && s_[si] != '/' && match(pi, si + 1);
    }
    if (si == s_.size())
      return false;
    if (c == '?')
      return s_[si] != '/' && match(pi + 1, si + 1);
    if (c == '[') {
      std::size_t end = 0;
      bool matched = false;
      if (match_class(pi, s_[si], end, matched))
        return matched && s_[si] != '/' && match(end, si + 1);
      // An unclosed '[' is a literal.
    }
    if (c == '\\' && pi + 1 < p_.size()) {
      return s_[si] == p_[pi + 1] && match(pi + 2, si + 1);
    }
    return s_[si] == c && match(pi + 1, si + 1);
  }

  // Parses the class starting at p_[pi] == '['. Returns false when it is not closed; otherwise
  // sets `end` to the index after ']' and `matched` to whether `ch` is in the class.
  bool match_class(std::size_t pi, char ch, std::size_t& end, bool& matched) const {
    std::size_t i = pi + 1;
    bool negate = false;
    if (i < p_.size() && (p_[i] == '!' || p_[i] == '^')) {
      negate = true;
      ++i;
    }
    bool found = false;
    bool first = true;
    while (i < p_.size() && (p_[i] != ']' || first)) {
      first = false;
      char lo = p_[i];
      if (lo == '\\' && i + 1 < p_.size())
        lo = p_[++i];
      char hi = lo;
      if (i + 2 < p_.size() && p_[i + 1] == '-' && p_[i + 2] != ']') {
        hi = p_[i + 2];
        if (hi == '\\' && i + 3 < p_.size()) {
          hi = p_[i + 3];
          ++i;
        }
        i += 2;
      }
      if (lo <= ch && ch <= hi)
        found = true;
      ++i;
    }
    if (i >= p_.size())
      return false;
    end = i + 1;
    matched = found != negate;
    return true;
  }

  std::string_view p_;
  std::string_view s_;
  std::string memo_;
};

std::string_view strip_dot_slash(std::string_view text) {
  while (text.starts_with("./"))
    text.remove_prefix(2);
  return text;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  pattern = strip_dot_slash(pattern);
  path = strip_dot_slash(path);
  bool anchored = false;
  if (pattern.starts_with('/')) {
    anchored = true;
    pattern.remove_prefix(1);
  }
  bool directory_only = false;
  while (pattern.ends_with('/')) {
    directory_only = true;
    pattern.remove_suffix(1);
  }
  if (pattern.empty() || path.empty())
    return false;
  bool has_slash = anchored || pattern.find('/') != std::string_view::npos;

  // Every directory of `path` and, unless the pattern names only directories, the path itself.
  // Without a slash the pattern is tried against single components, else against prefixes.
  std::size_t component_start = 0;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    bool is_end = i == path.size();
    if (!is_end && path[i] != '/')
      continue;
    if (!(is_end && directory_only)) {
      std::string_view subject =
          has_slash ? path.substr(0, i) : path.substr(component_start, i - component_start);
      if (!subject.empty() && GlobMatcher(pattern, subject).run())
        return true;
    }
    component_start = i + 1;
  }
  return false;
}

}  // namespace mentor::util
