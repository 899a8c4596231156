// Manual pages and bash completion from the CLI11 definition.
#include "cli/man_page.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <utility>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>

#include "util/error.hpp"

namespace mentor::cli {

namespace {

using Apps = std::vector<const CLI::App*>;
using Options = std::vector<const CLI::Option*>;

Apps visible_commands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

// Visible options; positionals apart from named ones.
Options visible_options(const CLI::App& app, bool positional) {
  return app.get_options([positional](const CLI::Option* option) {
    return !option->get_group().empty() && option->nonpositional() != positional;
  });
}

bool takes_value(const CLI::Option& option) {
  return option.get_items_expected_max() != 0;
}

// "PATH", "FORMAT" (what the value is called), without the validators' descriptions.
std::string value_name(const CLI::Option& option) {
  std::string name = option.get_type_name();
  name = name.substr(0, name.find(':'));
  if (name.empty())
    name = "VALUE";
  return name;
}

// The words an option's value must be one of (CLI::IsMember), if any.
std::vector<std::string> allowed_values(const CLI::Option& option) {
  std::string type = option.get_type_name();
  std::size_t open = type.find(":{");
  std::size_t close = type.find('}', open);
  std::vector<std::string> values;
  if (open == std::string::npos || close == std::string::npos)
    return values;
  std::string list = type.substr(open + 2, close - open - 2);
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    std::string value = list.substr(start, comma - start);
    if (!value.empty())
      values.push_back(value);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return values;
}

std::vector<std::string> option_names(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const auto& s : option.get_snames())
    names.push_back("-" + s);
  for (const auto& l : option.get_lnames())
    names.push_back("--" + l);
  return names;
}

// Text for roff: backslashes and minus signs escaped, a leading control character neutralised.
std::string roff(std::string_view text) {
  std::string out;
  if (!text.empty() && (text.front() == '.' || text.front() == '\''))
    out += "\\&";
  for (char c : text) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
  }
  return out;
}

// A footer's text: paragraphs split by blank lines; lines indented by two spaces (examples)
// kept as they are.
void write_text_block(std::ostream& out, std::string_view text) {
  bool in_example = false;
  bool paragraph_open = false;
  auto end_example = [&] {
    if (in_example)
      out << ".fi\n.RE\n";
    in_example = false;
  };
  while (!text.empty()) {
    std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (line.find_first_not_of(' ') == std::string_view::npos) {
      end_example();
      paragraph_open = false;
      continue;
    }
    if (!paragraph_open)
      out << ".PP\n";
    paragraph_open = true;
    if (line.starts_with("  ")) {
      if (!in_example)
        out << ".RS 4\n.nf\n";
      in_example = true;
      out << roff(line.substr(2)) << '\n';
    } else {
      end_example();
      out << roff(line) << '\n';
    }
  }
  end_example();
}

// "git mentor review start [OPTIONS] [RANGE...]" in roff.
std::string synopsis(const CLI::App& app, const std::string& path) {
  std::string line = "\\fBgit mentor" + (path.empty() ? "" : " " + roff(path)) + "\\fR";
  if (visible_options(app, false).size() > 1)  // more than --help
    line += " [\\fIOPTIONS\\fR]";
  if (!visible_commands(app).empty())
    line += app.get_require_subcommand_min() > 0 ? " \\fICOMMAND\\fR" : " [\\fICOMMAND\\fR]";
  for (const CLI::Option* positional : visible_options(app, true)) {
    std::string name = "\\fI" + roff(value_name(*positional)) + "\\fR";
    if (positional->get_items_expected_max() > 1)
      name += "...";
    line += positional->get_required() ? " " + name : " [" + name + "]";
  }
  return line;
}

// The options of `app`, then what its positional arguments are; `with_help`: --help too.
void write_options(std::ostream& out, const CLI::App& app, bool with_help = true) {
  for (const CLI::Option* option : visible_options(app, false)) {
    if (!with_help && option == app.get_help_ptr())
      continue;
    std::string names;
    for (const auto& name : option_names(*option))
      names += (names.empty() ? "" : ", ") + std::string("\\fB") + roff(name) + "\\fR";
    if (takes_value(*option))
      names += " \\fI" + roff(value_name(*option)) + "\\fR";
    out << ".TP\n" << names << '\n';
    std::string description = option->get_description();
    std::vector<std::string> values = allowed_values(*option);
    if (!values.empty())
      description += fmt::format(" (one of: {})", fmt::join(values, ", "));
    out << roff(description) << '\n';
  }
  for (const CLI::Option* positional : visible_options(app, true)) {
    out << ".TP\n\\fI" << roff(value_name(*positional)) << "\\fR\n"
        << roff(positional->get_description()) << '\n';
  }
}

// The command at `path` ("review start"), or nullptr.
const CLI::App* find_command(const CLI::App& app, const std::string& path) {
  const CLI::App* at = &app;
  std::size_t start = 0;
  while (at != nullptr && start < path.size()) {
    std::size_t space = path.find(' ', start);
    std::string name = path.substr(start, space - start);
    const CLI::App* next = nullptr;
    for (const CLI::App* sub : visible_commands(*at)) {
      if (sub->get_name() == name)
        next = sub;
    }
    at = next;
    start = space == std::string::npos ? path.size() : space + 1;
  }
  return at;
}

void write_header(std::ostream& out, const std::string& page, const std::string& what) {
  std::string title = page;
  for (char& c : title)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out << "'\\\" t\n.\\\" Generated by `git-mentor --man`: edit src/cli/cli.cpp, not this file.\n";
  out << fmt::format(".TH \"{}\" \"1\" \"\" \"git\\-mentor {}\" \"git\\-mentor manual\"\n",
                     roff(title), roff(GIT_MENTOR_VERSION));
  out << ".SH NAME\n" << roff(page) << " \\- " << roff(what) << '\n';
}

void write_main_page(std::ostream& out, const CLI::App& app) {
  write_header(out, "git-mentor", "review a mentee's commits with a mentor's rules");
  out << ".SH SYNOPSIS\n.nf\n" << synopsis(app, "") << " [\\fIARGS\\fR]\n.fi\n";
  out << ".SH DESCRIPTION\n";
  write_text_block(out, app.get_description());
  write_text_block(out,
                   "Git runs it as `git mentor` when git-mentor is on the PATH. "
                   "`git mentor --help` shows this page; `git mentor COMMAND --help` "
                   "a command's options in brief.");
  out << ".SH COMMANDS\n";
  for (const CLI::App* sub : visible_commands(app)) {
    out << ".TP\n\\fBgit\\-mentor\\-" << roff(sub->get_name()) << "\\fR(1)\n"
        << roff(sub->get_description()) << '\n';
  }
  out << ".SH OPTIONS\n";
  write_options(out, app);
  out << ".SH EXIT STATUS\n.TP\n0\nNothing blocking.\n.TP\n1\n"
         "A finding at or above fail_on that is still there at the tip of what was reviewed "
         "(a hook then refuses the push or commit).\n.TP\n2\n"
         "A usage, configuration, rule or repository error, printed as "
         "file:line:col: error: message.\n";
  out << ".SH SEE ALSO\n";
  std::string pages;
  for (const CLI::App* sub : visible_commands(app))
    pages += "\\fBgit\\-mentor\\-" + roff(sub->get_name()) + "\\fR(1), ";
  out << pages << "\\fBgit\\fR(1), \\fBgithooks\\fR(5)\n";
}

void write_command_page(std::ostream& out, const CLI::App& command) {
  const std::string name = command.get_name();
  write_header(out, "git-mentor-" + name, command.get_description());
  // The command and, breadth first, the commands below it.
  std::vector<std::pair<const CLI::App*, std::string>> all{{&command, name}};
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (const CLI::App* sub : visible_commands(*all[i].first))
      all.emplace_back(sub, all[i].second + " " + sub->get_name());
  }
  out << ".SH SYNOPSIS\n.nf\n";
  for (const auto& [app, path] : all) {
    if (app == &command || visible_commands(*app).empty())
      out << synopsis(*app, path) << '\n';
  }
  out << ".fi\n.SH DESCRIPTION\n";
  write_text_block(out, command.get_description() + ".");
  write_text_block(out, command.get_footer());
  out << ".SH OPTIONS\n";
  write_options(out, command);
  if (all.size() > 1) {
    out << ".SH COMMANDS\n";
    for (std::size_t i = 1; i < all.size(); ++i) {
      const CLI::App& sub = *all[i].first;
      out << ".SS \"git mentor " << roff(all[i].second) << "\"\n";
      write_text_block(out, sub.get_description() + ".");
      if (sub.get_fallthrough())
        write_text_block(out, "The options of `git mentor " + name + "` apply here too.");
      // CLI11 gives a command its parent's footer unless it has its own.
      if (sub.get_parent() == nullptr || sub.get_footer() != sub.get_parent()->get_footer())
        write_text_block(out, sub.get_footer());
      Options options = visible_options(sub, false);
      if (options.size() > 1 || !visible_options(sub, true).empty()) {
        out << ".PP\n";
        write_options(out, sub, false);
      }
    }
  }
  out << ".SH SEE ALSO\n\\fBgit\\-mentor\\fR(1)\n";
}

// Bash: a `case` arm per command path.
std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

// What completes a value: the allowed words, else files, directories, revisions, remotes,
// rule ids or nothing.
std::string value_kind(const CLI::Option& option, const std::string& path) {
  std::vector<std::string> values = allowed_values(option);
  if (!values.empty())
    return fmt::format("{}", fmt::join(values, " "));
  std::string name = value_name(option);
  if (name == "PATH" || name == "FILE")
    return "__file";
  if (name == "DIR")
    return "__dir";
  if (name == "RANGE")
    return "__revlist";
  if (name == "REMOTE")
    return "__remote";
  if (name == "ID" && path == "rules explain")
    return "__rule_id";
  return "__none";
}

constexpr const char* kCompletionBody = R"BASH(
# Completes from COMPREPLY-style words: through git's helper under `git mentor`, which adds the
# trailing space git's completion leaves to its helpers.
__git_mentor_reply() {
	if [[ -n ${__git_mentor_in_git-} ]] && declare -F __gitcomp_nl >/dev/null; then
		__gitcomp_nl "$(printf '%s\n' $1)" "" "$2" " "
	else
		COMPREPLY=($(compgen -W "$1" -- "$2"))
	fi
}

__git_mentor_complete_value() {
	local kind=$1 cur=$2 dir=$3
	case $kind in
	__file) COMPREPLY=($(compgen -f -- "$cur")) ;;
	__dir) COMPREPLY=($(compgen -d -- "$cur")) ;;
	__none) COMPREPLY=() ;;
	__revlist)
		if [[ -n ${__git_mentor_in_git-} ]] && declare -F __git_complete_revlist >/dev/null; then
			__git_complete_revlist
		else
			__git_mentor_reply "$(git ${dir:+-C "$dir"} for-each-ref --format='%(refname:short)' 2>/dev/null)" "$cur"
		fi ;;
	__remote) __git_mentor_reply "$(git ${dir:+-C "$dir"} remote 2>/dev/null)" "$cur" ;;
	__rule_id)
		# The first column of `git mentor rules list` (after its header): the rules in use here.
		__git_mentor_reply "$(git ${dir:+-C "$dir"} mentor rules list 2>/dev/null | awk 'NR > 1 { print $1 }')" "$cur" ;;
	*) __git_mentor_reply "$kind" "$cur" ;;
	esac
}

# git's completion calls _git_mentor for `git mentor ...` with `words` and `cword` set; bash
# calls it for `git-mentor ...` with COMP_WORDS and COMP_CWORD.
_git_mentor() {
	local -a w
	local c __git_mentor_in_git=
	if [[ ${#words[@]} -gt 0 && -n ${cword-} && ${words[0]} == git ]]; then
		w=("${words[@]}")
		c=$cword
		__git_mentor_in_git=1
	else
		w=("${COMP_WORDS[@]}")
		c=$COMP_CWORD
	fi
	local i=1 dir= path= word next kind
	if [[ ${w[0]} == git ]]; then
		while ((i < c)) && [[ ${w[i]} != mentor ]]; do ((i++)); done
		((i++))
	fi
	local first=$i
	while ((i < c)); do
		word=${w[i]}
		if [[ $word == -* ]]; then
			if [[ $word != *=* ]] && kind=$(__git_mentor_option_value "$path" "$word"); then
				[[ $word == -C ]] && dir=${w[i + 1]}
				((i++))
			fi
		else
			for next in $(__git_mentor_commands "$path"); do
				if [[ $word == "$next" ]]; then
					path=${path:+$path }$word
					break
				fi
			done
		fi
		((i++))
	done
	local cur=${w[c]} prev=
	((c > first)) && prev=${w[c - 1]}
	if [[ $prev == -* ]] && kind=$(__git_mentor_option_value "$path" "$prev"); then
		__git_mentor_complete_value "$kind" "$cur" "$dir"
		return 0
	fi
	if [[ $cur == -* ]]; then
		__git_mentor_reply "$(__git_mentor_options "$path")" "$cur"
		return 0
	fi
	local commands
	commands=$(__git_mentor_commands "$path")
	if [[ -n $commands ]]; then
		__git_mentor_reply "$commands" "$cur"
		return 0
	fi
	__git_mentor_complete_value "$(__git_mentor_positional "$path")" "$cur" "$dir"
	return 0
}

complete -o bashdefault -o default -F _git_mentor git-mentor
)BASH";

}  // namespace

std::vector<std::string> man_page_names(const CLI::App& app) {
  std::vector<std::string> names{"git-mentor"};
  for (const CLI::App* sub : visible_commands(app))
    names.push_back("git-mentor-" + sub->get_name());
  return names;
}

void write_man_page(std::ostream& out, const CLI::App& app, const std::string& command) {
  if (command.empty()) {
    write_main_page(out, app);
    return;
  }
  const CLI::App* sub =
      command.find(' ') == std::string::npos ? find_command(app, command) : nullptr;
  if (sub == nullptr)
    throw Error("no manual page for '" + command + "': the pages are git-mentor and " +
                "git-mentor-COMMAND for each command");
  write_command_page(out, *sub);
}

std::vector<std::string> write_man_pages(const CLI::App& app, const std::string& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  std::vector<std::string> written;
  for (const auto& name : man_page_names(app)) {
    fs::path path = fs::path(dir) / (name + ".1");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    write_man_page(out, app,
                   name == "git-mentor" ? "" : name.substr(std::string("git-mentor-").size()));
    if (!out.flush())
      throw Error("cannot write " + path.string());
    written.push_back(path.string());
  }
  return written;
}

void write_bash_completion(std::ostream& out, const CLI::App& app) {
  std::vector<std::pair<const CLI::App*, std::string>> all{{&app, ""}};
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (const CLI::App* sub : visible_commands(*all[i].first)) {
      all.emplace_back(
          sub, all[i].second.empty() ? sub->get_name() : all[i].second + " " + sub->get_name());
    }
  }
  out << "# bash completion for git-mentor: `git mentor <TAB>` (through git's completion, which\n"
         "# calls _git_mentor) and `git-mentor <TAB>`. Generated by `git-mentor --completion "
         "bash`\n# from the command line's own definition: edit src/cli/cli.cpp, not this "
         "file.\n\n";
  out << "__git_mentor_commands() {\n\tcase $1 in\n";
  for (const auto& [sub, path] : all) {
    std::string names;
    for (const CLI::App* child : visible_commands(*sub))
      names += (names.empty() ? "" : " ") + child->get_name();
    if (!names.empty())
      out << "\t" << shell_quote(path) << ") echo " << shell_quote(names) << " ;;\n";
  }
  out << "\tesac\n}\n\n";

  // Options of a command, with those of the commands it falls through to.
  auto options_of = [&](const CLI::App* sub) {
    Options options;
    for (const CLI::App* at = sub; at != nullptr; at = at->get_parent()) {
      for (const CLI::Option* option : visible_options(*at, false)) {
        if (at == sub || option != at->get_help_ptr())
          options.push_back(option);
      }
      if (!at->get_fallthrough())
        break;
    }
    return options;
  };
  out << "__git_mentor_options() {\n\tcase $1 in\n";
  for (const auto& [sub, path] : all) {
    std::string names;
    for (const CLI::Option* option : options_of(sub)) {
      for (const auto& name : option_names(*option)) {
        if (name.starts_with("--") || option_names(*option).size() == 1)
          names += (names.empty() ? "" : " ") + name;
      }
    }
    out << "\t" << shell_quote(path) << ") echo " << shell_quote(names) << " ;;\n";
  }
  out << "\tesac\n}\n\n";

  out << "# Succeeds, printing what completes its value, for an option that takes one.\n"
         "__git_mentor_option_value() {\n\tcase \"$1|$2\" in\n";
  for (const auto& [sub, path] : all) {
    for (const CLI::Option* option : options_of(sub)) {
      if (!takes_value(*option))
        continue;
      for (const auto& name : option_names(*option)) {
        out << "\t" << shell_quote(path + "|" + name) << ") echo "
            << shell_quote(value_kind(*option, path)) << " ;;\n";
      }
    }
  }
  out << "\t*) return 1 ;;\n\tesac\n}\n\n";

  out << "__git_mentor_positional() {\n\tcase $1 in\n";
  for (const auto& [sub, path] : all) {
    Options positionals = visible_options(*sub, true);
    if (!positionals.empty())
      out << "\t" << shell_quote(path) << ") echo "
          << shell_quote(value_kind(*positionals.front(), path)) << " ;;\n";
  }
  out << "\t*) echo __none ;;\n\tesac\n}\n";
  out << kCompletionBody;
}

}  // namespace mentor::cli
