// Manual pages and shell completion rendered from the command line's own definition (CLI11), so
// that they say what --help says. The build runs `git-mentor --man-pages DIR` and
// `git-mentor --completion bash` and installs what they write.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace mentor::cli {

// The page names: "git-mentor", then "git-mentor-COMMAND" for each visible command of `app`.
std::vector<std::string> man_page_names(const CLI::App& app);

// Writes the roff source of git-mentor(1) (`command` empty: the commands in brief, the global
// options, the exit status) or of git-mentor-COMMAND(1) (the command's description, footer and
// options, then each of its own commands with theirs). Throws mentor::Error for an unknown
// command.
void write_man_page(std::ostream& out, const CLI::App& app, const std::string& command);

// Writes every page to DIR/NAME.1 (creating DIR); returns the files written.
std::vector<std::string> write_man_pages(const CLI::App& app, const std::string& dir);

// Writes the bash completion script: `_git_mentor`, which git's completion calls for
// `git mentor <TAB>`, also bound to the `git-mentor` command. It completes commands, options,
// option values (the allowed words, files, directories) and rule ids for `rules explain`.
void write_bash_completion(std::ostream& out, const CLI::App& app);

}  // namespace mentor::cli
