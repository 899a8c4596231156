// Wall time of a command's phases, for benchmarks: set GIT_MENTOR_TIMINGS=1 and each phase's time
// is printed on stderr as it ends ("git-mentor: timing: rules 3.1 ms"). Costs nothing when unset.
#pragma once

#include <chrono>
#include <cstdlib>
#include <ostream>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace mentor::util {

class PhaseTimer {
 public:
  explicit PhaseTimer(std::ostream& err) : err_(err) {
    const char* value = std::getenv("GIT_MENTOR_TIMINGS");
    enabled_ = value != nullptr && *value != '\0' && std::string_view(value) != "0";
  }

  // Ends the phase that started at the previous mark (or at construction), named `phase`.
  void mark(std::string_view phase) {
    if (!enabled_)
      return;
    auto now = std::chrono::steady_clock::now();
    std::chrono::duration<double, std::milli> elapsed = now - last_;
    last_ = now;
    fmt::print(err_, "git-mentor: timing: {} {:.2f} ms\n", phase, elapsed.count());
  }

 private:
  std::ostream& err_;
  bool enabled_ = false;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace mentor::util
