// Mailmap resolution and mentee matching.
#include "git/identity.hpp"

#include <algorithm>
#include <cctype>

#include "git/diff_reader.hpp"
#include "util/error.hpp"
#include "util/glob.hpp"

namespace mentor::git {

namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Mailmap::Mailmap(const Repository& repo) {
  git_mailmap* mailmap = nullptr;
  check(git_mailmap_from_repository(&mailmap, repo.get()), "cannot read .mailmap");
  mailmap_.reset(mailmap);
}

Person Mailmap::resolve(const Person& person) const {
  const char* name = nullptr;
  const char* email = nullptr;
  check(
      git_mailmap_resolve(&name, &email, mailmap_.get(), person.name.c_str(), person.email.c_str()),
      "cannot resolve " + person.display() + " through .mailmap");
  return {name != nullptr ? name : person.name, email != nullptr ? email : person.email};
}

std::string Mailmap::resolve_display(const std::string& display) const {
  const std::size_t open = display.rfind(" <");
  if (open == std::string::npos || !display.ends_with('>'))
    return display;
  return resolve({display.substr(0, open), display.substr(open + 2, display.size() - open - 3)})
      .display();
}

std::optional<Person> configured_identity(const Repository& repo) {
  git_signature* signature_raw = nullptr;
  if (git_signature_default(&signature_raw, repo.get()) != 0)
    return std::nullopt;
  SignaturePtr signature(signature_raw);
  return Person{signature->name ? signature->name : "", signature->email ? signature->email : ""};
}

Person commit_author(const Repository& repo, const std::string& id) {
  CommitInfo info = read_commit_info(repo, id);
  return {std::move(info.author_name), std::move(info.author_email)};
}

bool matches_person(std::string_view pattern, const Person& person) {
  std::string glob = lowercase(pattern);
  return util::glob_match(glob, lowercase(person.email)) ||
         util::glob_match(glob, lowercase(person.name));
}

bool is_mentee(const std::vector<std::string>& mentees, const Person& person) {
  return mentees.empty() || std::any_of(mentees.begin(), mentees.end(), [&](const auto& pattern) {
           return matches_person(pattern, person);
         });
}

}  // namespace mentor::git
