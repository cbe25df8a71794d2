// Use cases of calls for suggestions: coordinators create, edit, publish and close calls; every
// signed-in user reads published ones (experts see the open calls on their home page); the
// proposals module asks whether a call takes submissions now and what its text limits are.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "experts/taxonomy_service.hpp"
#include "notifications/notifier.hpp"
#include "storage/database.hpp"
#include "topics/call.hpp"
#include "topics/call_store.hpp"

namespace zhiku {

// Who manages calls (and sees their drafts): coordinators and admins.
inline constexpr RoleSet kCallManagers{Role::coordinator, Role::admin};

struct CallList {
  std::vector<Call> items;
  std::int64_t total = 0;
};

class CallService {
 public:
  CallService(storage::Database& db, AuditLog const& audit, Notifier const& notifier, TaxonomyService const& taxonomy,
              Clock const& clock);

  // One page of calls with their status now; drafts only when q.include_drafts (the route sets it
  // for kCallManagers). Thread-safe (a read connection).
  CallList list(CallQuery const& q) const;
  // The call; Error::not_found for an unknown one, and for a draft unless `sees_drafts`.
  Call get(Id id, bool sees_drafts) const;
  // A new draft. Error{invalid_argument} listing every bad field (an unknown field id too).
  Call create(Actor const& actor, CallDetails const& d);
  // Error{precondition_failed} on a stale version, Error{conflict} once closed.
  Call update(Actor const& actor, Id id, std::int64_t version, CallDetails const& d);
  // publish (a draft; experts are told) or close (a published call);
  // Error{conflict, allowed} otherwise.
  Call transition(Actor const& actor, Id id, CallAction action);

  // ---- for the proposals module (the caller's connection, e.g. inside its write)
  // The call with its status at the Clock's now, or nullopt. Drafts included: the caller decides.
  std::optional<Call> find(storage::Connection& c, Id id) const;
  // Why a submission to the call is not accepted now ("该征集已于 … 截止"), or nullopt when it
  // is open; "征集不存在" for an unknown call.
  std::optional<std::string> why_closed(storage::Connection& c, Id id) const;

 private:
  Call with_status(storage::Connection& c, Call k) const;
  void check_fields(storage::Connection& c, CallDetails const& d) const;

  storage::Database& db_;
  AuditLog const& audit_;
  Notifier const& notifier_;
  TaxonomyService const& taxonomy_;
  Clock const& clock_;
  CallStore store_;
};

// The audit log's view of a call's details.
Json audit_view(CallDetails const& d);

}  // namespace zhiku
