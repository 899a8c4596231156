// A progress line on a terminal's stderr for work over many commits.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/cli.hpp"

namespace mentor::cli {

// Prints "\rgit-mentor: VERB N/M commits" at most ten times a second (and at the end), only
// when `enabled` (stderr is a terminal); clears the line when finished or destroyed. update()
// may be called from several threads.
class Progress {
 public:
  Progress(Streams& streams, bool enabled, std::string verb)
      : streams_(streams), enabled_(enabled), verb_(std::move(verb)) {}
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress() { finish(); }

  void update(std::size_t done, std::size_t total) {
    if (!enabled_)
      return;
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (shown_ && done != total && now - last_ < std::chrono::milliseconds(100))
      return;
    last_ = now;
    shown_ = true;
    fmt::print(streams_.err, "\rgit-mentor: {} {}/{} commits", verb_, done, total);
    streams_.err.flush();
  }

  // Clears the progress line so that what follows starts on a clean line.
  void finish() {
    std::lock_guard lock(mutex_);
    if (shown_) {
      fmt::print(streams_.err, "\r\x1b[K");
      streams_.err.flush();
    }
    shown_ = false;
    enabled_ = false;
  }

 private:
  Streams& streams_;
  bool enabled_;
  std::string verb_;
  bool shown_ = false;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace mentor::cli
