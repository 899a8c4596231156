// What git writes on a pre-push hook's standard input: one line per ref being pushed.
#pragma once

#include <istream>
#include <vector>

#include "git/commit_range.hpp"

namespace mentor::cli {

// Reads every line of `in` as "<local ref> <local sha> <remote ref> <remote sha>" (fields
// separated by blanks); empty lines are skipped. Throws mentor::Error at <stdin>:LINE for a line
// with fewer or more fields.
std::vector<git::PushedRef> read_pre_push_input(std::istream& in);

}  // namespace mentor::cli
