// The one error type for failures the user must fix (bad input, bad config, bad repository).
#pragma once

#include <stdexcept>
#include <string>

namespace mentor {

// A place in a user's file. line and column are 1-based; 0 means "unknown".
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;
};

// Thrown for unrecoverable user errors; cli::run catches it once, prints describe() on stderr
// and exits with code 2.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, SourcePos pos = {})
      : std::runtime_error(message), pos_(std::move(pos)) {}

  const SourcePos& pos() const { return pos_; }

  // "file:line:col: message", omitting the parts that are unknown.
  std::string describe() const {
    std::string out;
    if (!pos_.file.empty()) {
      out += pos_.file;
      if (pos_.line > 0) {
        out += ':' + std::to_string(pos_.line);
        if (pos_.column > 0)
          out += ':' + std::to_string(pos_.column);
      }
      out += ": ";
    }
    out += what();
    return out;
  }

 private:
  SourcePos pos_;
};

}  // namespace mentor
