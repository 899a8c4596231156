// Who wrote a commit: authors resolved through .mailmap, and matched against mentee patterns.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <git2.h>

#include "git/handles.hpp"
#include "git/repository.hpp"

namespace mentor::git {

struct Person {
  std::string name;
  std::string email;

  // "Name <email>"
  std::string display() const { return name + " <" + email + ">"; }
};

// The repository's mailmap: .mailmap in the work tree (in HEAD when bare) and mailmap.file /
// mailmap.blob from the configuration, as git reads them.
class Mailmap {
 public:
  explicit Mailmap(const Repository& repo);

  // The canonical name and email of `person` (unchanged when the mailmap does not mention it).
  Person resolve(const Person& person) const;

  // The same for a person written "Name <email>" (as the record stores authors and mentors);
  // `display` unchanged when it is not of that form.
  std::string resolve_display(const std::string& display) const;

 private:
  Handle<git_mailmap, git_mailmap_free> mailmap_;
};

// The configured identity (user.name and user.email, as git commit would use them); nullopt when
// none is configured.
std::optional<Person> configured_identity(const Repository& repo);

// The author of commit `id` (40-hex), as recorded (not resolved).
Person commit_author(const Repository& repo, const std::string& id);

// Whether `person` matches `pattern`: an email or a name, or a glob over either (`*` any run of
// characters); case-insensitive.
bool matches_person(std::string_view pattern, const Person& person);

// Whether `person` is a mentee under `mentees` (the config's list): every author when empty.
bool is_mentee(const std::vector<std::string>& mentees, const Person& person);

}  // namespace mentor::git
