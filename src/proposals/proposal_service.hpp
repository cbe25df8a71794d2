// Use cases of proposals: experts draft, edit (with the version), submit (a frozen version),
// withdraw, reopen and revise after a return; coordinators screen what is sent in (accept or
// return with a reason). Who sees what is SPEC "Confidentiality": a draft is its authors' alone
// (404 for everybody else, admins too).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "experts/expert_service.hpp"
#include "experts/taxonomy_service.hpp"
#include "notifications/notifier.hpp"
#include "proposals/proposal.hpp"
#include "proposals/proposal_store.hpp"
#include "storage/database.hpp"
#include "topics/call_service.hpp"

namespace zhiku {

// Who may write proposals (the route policy) and who screens them.
inline constexpr RoleSet kProposalWriters{Role::expert};
inline constexpr RoleSet kScreeners{Role::coordinator};

// What the topics module tells proposals about topics, set by app once both exist (topics comes
// first in the build order but its service is being written; until then a topic is accepted as
// named and nothing moves on acceptance).
struct ProposalTopicHooks {
  // Why the expert may not deliver a proposal for the topic (not on its team, not in progress),
  // or nullopt when they may.
  std::function<std::optional<std::string>(storage::Connection&, Id topic_id, Id expert_id)> why_not_deliver;
  // A topic deliverable was accepted in screening: the topic moves to `delivered`.
  std::function<void(storage::Connection&, Actor const&, Id topic_id, Id proposal_id)> deliverable_accepted;
};

// A proposal as one caller sees it: the content (the working copy for its authors, the last
// version for everybody else), the caller's standing and what they may do now, and the history.
struct ProposalView {
  Proposal proposal;
  bool is_author = false;
  std::vector<ProposalAction> allowed;
  std::vector<ProposalEvent> events;
};

// A list row with its authors' names.
struct ProposalListItem {
  ProposalRow row;
  std::vector<ProposalAuthor> authors;
};

struct ProposalList {
  std::vector<ProposalListItem> items;
  std::int64_t total = 0;
  std::optional<ProposalFacets> facets;  // when the filter asked for them
};

class ProposalService {
 public:
  ProposalService(storage::Database& db, AuditLog const& audit, Notifier const& notifier, ExpertService const& experts,
                  TaxonomyService const& taxonomy, CallService const& calls, Clock const& clock);

  void set_topic_hooks(ProposalTopicHooks hooks) { topics_ = std::move(hooks); }

  // A new draft by the caller, whose expert profile becomes its first author when the list does
  // not name it. Error::forbidden when the caller's account has no active expert profile;
  // Error{invalid_argument} listing every bad field.
  ProposalView create(Actor const& actor, ProposalContent const& content);
  // Replaces the working copy (authors only, while a draft or returned). Error::not_found when the
  // caller may not see it, Error::forbidden for a reader who is not an author, Error{conflict}
  // once sent in, Error{precondition_failed} for a stale version.
  ProposalView update(Actor const& actor, Id id, std::int64_t version, ProposalContent const& content);
  // submit, withdraw, reopen (authors); start_screening, accept, return (coordinators). submit
  // freezes a new version and checks the call's limits (Error{invalid_argument} on "body" /
  // "summary" saying what to cut) and that the call is open (Error{conflict}).
  // Error{conflict, allowed} for an action not allowed now.
  ProposalView transition(Actor const& actor, Id id, ProposalAction action, std::string const& note);

  // The proposal as the caller may see it, or Error::not_found.
  ProposalView get(Actor const& actor, Id id) const;
  // Versions, oldest first (without content); Error::not_found as get.
  std::vector<ProposalVersion> versions(Actor const& actor, Id id) const;
  // One version with its canonical content; Error::not_found as get, or for a number not frozen.
  ProposalVersion version(Actor const& actor, Id id, std::int64_t number) const;

  // The proposals the caller may see that match `f` (f.mine: their own as an author).
  ProposalList list(Actor const& actor, ProposalListFilter f) const;
  // The screening queue: proposals sent in and not yet decided on, oldest first.
  ProposalList queue(Actor const& actor, ProposalListFilter f) const;

  // For the review rounds' conflict rules: the experts who co-wrote any proposal sent in with
  // `expert_id`. Any connection.
  std::vector<Id> coauthors(storage::Connection& c, Id expert_id) const { return store_.coauthors(c, expert_id); }

 private:
  struct Caller;
  Caller caller_of(storage::Connection& c, Actor const& actor, std::optional<Id> proposal_id) const;
  bool may_read(Caller const& who, Proposal const& p) const;
  ProposalView view_of(storage::Connection& c, Caller const& who, Proposal p) const;
  Proposal load_visible(storage::Connection& c, Caller const& who, Id id) const;
  std::vector<FieldError> check_content(storage::Connection& c, ProposalContent const& content,
                                        std::optional<Id> author) const;
  void check_submission(storage::Connection& c, Proposal const& p, std::vector<std::string> const& allowed) const;
  void freeze(storage::Connection& c, Actor const& actor, Proposal const& p) const;
  void find_duplicates(storage::Connection& c, Proposal const& p) const;
  void fill_names(storage::Connection& c, Proposal& p) const;
  std::vector<ProposalAuthor> authors_of(storage::Connection& c, std::vector<Id> const& ids) const;
  void notify_authors(storage::Connection& c, Proposal const& p, std::string_view kind, std::string const& title,
                      std::string const& body) const;
  ProposalList listed(storage::Connection& c, ProposalViewer const& viewer, ProposalListFilter const& f) const;

  storage::Database& db_;
  AuditLog const& audit_;
  Notifier const& notifier_;
  ExpertService const& experts_;
  TaxonomyService const& taxonomy_;
  CallService const& calls_;
  Clock const& clock_;
  ProposalStore store_;
  ProposalTopicHooks topics_;
};

// The audit log's view of a proposal's content.
Json audit_view(ProposalContent const& c);

}  // namespace zhiku
