// Test runner: Catch2 with git-mentor's one-time set-up.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "git/repository.hpp"

int main(int argc, char* argv[]) {
  mentor::git::ensure_initialized();
  return Catch::Session().run(argc, argv);
}
