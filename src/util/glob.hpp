// gitignore-style glob matching of repository-relative paths (rule `files:`/`ignores:`, config).
#pragma once

#include <string_view>

namespace mentor::util {

// Whether `path` ('/'-separated, relative to the repository root) matches `pattern`.
// Wildcards: `*` and `?` never match '/', `[abc]`, `[a-z]`, `[!x]` / `[^x]` match one character
// other than '/', `\` escapes the next character, `**/` matches zero or more directories and a
// trailing `/**` everything below. Like .gitignore: a pattern without a '/' (other than a trailing
// one) is matched against every component of the path, so `*.py` matches `src/a.py`; a leading
// '/' anchors the pattern at the root; a pattern that matches a directory matches every path below
// it (`vendor` and `vendor/` match `vendor/lib/x.py`). A leading "./" on either side is ignored.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace mentor::util
