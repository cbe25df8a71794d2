// Use cases of review rounds (评审批次): coordinators create and edit a round (with its version),
// add accepted proposals, move it through draft → assigning → reviewing → closed → finalized,
// see which reviewer × proposal pairs a conflict of interest blocks and why, and override a
// conflict with a written reason. Roles are the routes' policy (kRoundRunners); every change is
// audited in the same transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "experts/expert_service.hpp"
#include "notifications/notifier.hpp"
#include "proposals/proposal_service.hpp"
#include "reviews/conflict_rules.hpp"
#include "reviews/round.hpp"
#include "reviews/round_store.hpp"
#include "storage/database.hpp"

namespace zhiku {

// Who runs review rounds (the routes' policy).
inline constexpr RoleSet kRoundRunners{Role::coordinator};

// A round as its coordinator sees it, with the actions allowed now.
struct RoundView {
  Round round;
  std::vector<RoundAction> allowed;
};

struct RoundList {
  std::vector<Round> items;
  std::int64_t total = 0;
};

inline constexpr std::size_t kMaxOverrideReasonChars = 1000;
inline constexpr std::size_t kMaxConflictReviewers = 200;

class RoundService {
 public:
  RoundService(storage::Database& db, AuditLog const& audit, Notifier const& notifier, ExpertService const& experts,
               ProposalService const& proposals, Clock const& clock);

  // A new round in draft. Error{invalid_argument} listing every bad field (name, rubric, tiers …).
  RoundView create(Actor const& actor, RoundSettings const& settings);
  // Replaces the settings. Error::not_found, Error{precondition_failed} for a stale version,
  // Error{conflict} once closed, or while reviewing for anything but the name and the deadline.
  RoundView update(Actor const& actor, Id id, std::int64_t version, RoundSettings const& settings);
  // Error{conflict, allowed} for an action not allowed now; start_assigning needs a proposal.
  RoundView transition(Actor const& actor, Id id, RoundAction action, std::string const& note);

  RoundView get(Actor const& actor, Id id) const;
  RoundList list(Actor const& actor, std::optional<RoundStatus> status, int offset, int limit) const;

  // The proposals in the round, in the order they were added.
  std::vector<RoundProposal> proposals(Actor const& actor, Id id) const;
  // Adds an accepted proposal (draft or assigning rounds only). Error::not_found for a proposal
  // the caller cannot see, Error{conflict} when it is not accepted or sits in another open round.
  std::vector<RoundProposal> add_proposal(Actor const& actor, Id id, Id proposal_id);
  std::vector<RoundProposal> remove_proposal(Actor const& actor, Id id, Id proposal_id);

  // Every proposal of the round × each expert in `expert_ids` (at most kMaxConflictReviewers),
  // with the rules that hit and the override when there is one.
  std::vector<PairConflicts> conflicts(Actor const& actor, Id id, std::vector<Id> const& expert_ids) const;
  // Lets a conflicted pair be assigned, for the written `reason` (audited). Error{conflict}
  // when no rule hits or the round is closed; Error::invalid_field("reason") when blank.
  PairConflicts override_conflict(Actor const& actor, Id id, Id proposal_id, Id expert_id, std::string const& reason);
  // Writes the override of `pc` for `why` and audits it (round.override_conflict), inside the
  // caller's write. REQUIRES: `why` trimmed, non-blank, within kMaxOverrideReasonChars.
  void record_override(storage::Connection& c, Actor const& actor, Id round_id, PairConflicts const& pc,
                       std::string const& why, std::string const& now) const;
  // Withdraws an override. Error::not_found when there is none.
  PairConflicts withdraw_override(Actor const& actor, Id id, Id proposal_id, Id expert_id);

 private:
  struct People;
  Round load(storage::Connection& c, Id id) const;
  RoundView view_of(Round r) const;
  std::vector<RoundProposal> listed(storage::Connection& c, Actor const& actor, Id id) const;
  PairConflicts pair_conflicts(Actor const& actor, Id id, Id proposal_id, Id expert_id) const;

  storage::Database& db_;
  AuditLog const& audit_;
  Notifier const& notifier_;
  ExpertService const& experts_;
  ProposalService const& proposals_;
  Clock const& clock_;
  RoundStore store_;
};

}  // namespace zhiku
