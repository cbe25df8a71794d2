// The conflict-of-interest rules of SPEC "Review rounds" as a pure function: which rules make a
// reviewer conflicted with a proposal, each with the words the screen shows.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "experts/expert.hpp"
#include "reviews/round.hpp"

namespace zhiku {

// What the rules need to know of a person (a reviewer, or an author): the organisation, the
// employment history and the conflicts they declared.
struct ConflictPerson {
  Id expert_id = 0;
  std::string name;
  std::string organization;
  std::vector<Employment> employment;
  std::vector<Conflict> declared;
};

// Every rule that hits for `reviewer` and a proposal written by `authors` (in order: author,
// same organisation, co-authorship, employment at an author's organisation within three years
// before `today` (YYYY-MM-DD; a job without an end is current), a conflict either side declared
// that has not expired). `coauthors` holds the experts the reviewer wrote any other proposal
// with. Organisations compare after trimming. Pure.
std::vector<ConflictHit> conflict_hits(ConflictPerson const& reviewer, std::vector<ConflictPerson> const& authors,
                                       std::set<Id> const& coauthors, std::string const& today);

}  // namespace zhiku
