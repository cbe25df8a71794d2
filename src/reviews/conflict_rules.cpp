// Conflict rules: one pass per author, each rule adding its hit with the author's name.
#include "reviews/conflict_rules.hpp"

#include <string>

#include "core/text.hpp"

namespace zhiku {

namespace {

bool same_org(std::string const& a, std::string const& b) {
  auto x = trim_text(a);
  auto y = trim_text(b);
  return !x.empty() && x == y;
}

// "YYYY-MM" or "YYYY-MM-DD" three years before `today`, compared as text: "2023-12" ≥ "2023-12-02"
// is false, so a month compares as its first day, which errs towards the conflict by at most a month.
std::string three_years_before(std::string const& today) {
  if (today.size() < 4) return today;
  int year = std::stoi(today.substr(0, 4)) - 3;
  return std::to_string(year) + today.substr(4);
}

bool still_declared(Conflict const& k, std::string const& today) {
  return !k.until || k.until->empty() || *k.until >= today.substr(0, 10);
}

// A conflict `who` declared against `other` (the person, or their organisation).
bool declared_against(ConflictPerson const& who, ConflictPerson const& other, std::string const& today) {
  for (auto const& k : who.declared) {
    if (!still_declared(k, today)) continue;
    if (k.kind == "person") {
      if (k.other_expert_id ? *k.other_expert_id == other.expert_id : same_org(k.name, other.name)) return true;
    } else if (k.kind == "organization" && same_org(k.name, other.organization)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<ConflictHit> conflict_hits(ConflictPerson const& reviewer, std::vector<ConflictPerson> const& authors,
                                       std::set<Id> const& coauthors, std::string const& today) {
  std::vector<ConflictHit> hits;
  auto const since = three_years_before(today.substr(0, 10));
  for (auto const& a : authors) {
    if (a.expert_id == reviewer.expert_id) {
      hits.push_back({ConflictRule::author, "评审人是该建议的作者"});
      continue;
    }
    if (same_org(reviewer.organization, a.organization))
      hits.push_back({ConflictRule::same_organization,
                      "与作者" + a.name + "同在「" + std::string(trim_text(a.organization)) + "」工作"});
    if (coauthors.count(a.expert_id))
      hits.push_back({ConflictRule::coauthor, "与作者" + a.name + "合写过其他建议"});
    for (auto const& job : reviewer.employment) {
      if (!same_org(job.organization, a.organization) || same_org(reviewer.organization, a.organization)) continue;
      bool const recent = !job.to || job.to->empty() || *job.to >= since.substr(0, job.to->size());
      if (!recent) continue;
      hits.push_back({ConflictRule::former_employment,
                      "近三年曾在作者" + a.name + "的单位「" + std::string(trim_text(a.organization)) + "」工作" +
                          (job.to && !job.to->empty() ? "（至 " + *job.to + "）" : "")});
      break;
    }
    if (declared_against(reviewer, a, today))
      hits.push_back({ConflictRule::declared, "评审人申报了与作者" + a.name + "的利益冲突"});
    else if (declared_against(a, reviewer, today))
      hits.push_back({ConflictRule::declared, "作者" + a.name + "申报了与评审人的利益冲突"});
  }
  return hits;
}

}  // namespace zhiku
