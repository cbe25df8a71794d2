// Use cases of reviewer assignment: the coordinator keeps a round's reviewer pool (with loads),
// previews the automatic plan (optimal min-cost flow through src/matching, conflict-free, with
// the match and its reasons per pair, the loads, the weakly matched proposals, or why no plan
// exists), applies it (a top-up that keeps what is assigned, pins included), pins and removes
// pairs by hand and releases the tentative assignments; reviewers see released ones only and
// accept or decline them with a reason (a decline frees the slot).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "experts/expert_service.hpp"
#include "experts/taxonomy_service.hpp"
#include "notifications/notifier.hpp"
#include "proposals/proposal_service.hpp"
#include "reviews/assignment_store.hpp"
#include "reviews/review_assignment.hpp"
#include "reviews/round_service.hpp"
#include "reviews/round_store.hpp"
#include "storage/database.hpp"

namespace zhiku {

// A reviewer's assignment as they see it: never the authors in a blind round.
// The proposal's title is the frozen one; no author, organisation or co-author is named in a
// blind round.
struct MyAssignment {
  Assignment assignment;  // expert_name and the coordinator's match fields left out by the JSON
  std::string round_name;
  RoundStatus round_status = RoundStatus::reviewing;
  std::optional<std::string> deadline;  // the round's, or the reviewer's extension
  bool blind = true;
  std::vector<std::string> author_names;  // empty in a blind round
  std::vector<AssignmentAction> allowed;
};

inline constexpr std::size_t kMaxDeclineReasonChars = 1000;

class AssignmentService {
 public:
  AssignmentService(storage::Database& db, AuditLog const& audit, Notifier const& notifier,
                    ExpertService const& experts, TaxonomyService const& taxonomy, ProposalService const& proposals,
                    RoundService const& rounds, Clock const& clock);

  std::vector<RoundReviewer> reviewers(Actor const& actor, Id round_id) const;
  // Adds active experts to the pool (or sets their load: nullopt = the round's). Error{conflict}
  // for an expert not active; Error::not_found for an unknown one.
  std::vector<RoundReviewer> add_reviewers(Actor const& actor, Id round_id, std::vector<Id> const& expert_ids,
                                           std::optional<int> max_load);
  std::vector<RoundReviewer> remove_reviewer(Actor const& actor, Id round_id, Id expert_id);

  // The automatic plan for the round as it stands ("total" or "fair"), without changing anything.
  AssignmentPlanView plan(Actor const& actor, Id round_id, std::string const& objective) const;
  // Computes the plan and writes its new pairs as tentative assignments. Error{conflict} with
  // the reasons when no plan exists, or when the round is not assigning or reviewing.
  AssignmentPlanView apply(Actor const& actor, Id round_id, std::string const& objective);

  std::vector<Assignment> assignments(Actor const& actor, Id round_id) const;
  // A pair placed by hand (pinned, tentative). Error{conflict} naming the rule when a conflict
  // blocks it and no override lets it, when the reviewer is not in the pool or already on it.
  // A non-blank `override_reason` overrides a blocking conflict in the same transaction (written
  // and audited as POST /rounds/{id}/overrides does); it is ignored when nothing blocks.
  Assignment assign(Actor const& actor, Id round_id, Id proposal_id, Id expert_id,
                    std::string const& override_reason = "");
  // Removes an assignment not yet accepted. Error{conflict} once accepted or submitted.
  void unassign(Actor const& actor, Id round_id, Id assignment_id);
  // tentative → released; notifies each reviewer once. Returns how many were released.
  int release(Actor const& actor, Id round_id);

  // The caller's assignments (released and later), newest first.
  std::vector<MyAssignment> mine(Actor const& actor) const;
  // One of them. Error::not_found for anyone else's or a tentative one.
  MyAssignment my_assignment(Actor const& actor, Id assignment_id) const;
  // accept or decline (a reason needed) by the assigned reviewer. Error::not_found for anyone
  // else or a tentative one; Error{conflict, allowed} when not allowed now.
  MyAssignment act(Actor const& actor, Id assignment_id, AssignmentAction action, std::string const& note);

 private:
  struct Problem;
  Problem build(Actor const& actor, Id round_id) const;
  AssignmentPlanView solve(Problem const& p, std::string const& objective) const;
  Round round_of(storage::Connection& c, Id round_id) const;
  MyAssignment my_view(storage::Connection& c, Actor const& actor, Assignment a) const;
  std::map<Id, std::string> titles(Actor const& actor, Id round_id) const;
  std::optional<Id> own_expert(storage::Connection& c, Actor const& actor) const;

  storage::Database& db_;
  AuditLog const& audit_;
  Notifier const& notifier_;
  ExpertService const& experts_;
  TaxonomyService const& taxonomy_;
  ProposalService const& proposals_;
  RoundService const& rounds_;
  Clock const& clock_;
  AssignmentStore store_;
  RoundStore rounds_store_;
};

}  // namespace zhiku
