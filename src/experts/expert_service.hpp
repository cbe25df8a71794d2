// The expert pool's use cases: create, edit, move through the workflow, invite, remind, public
// applications, self-service profile and conflicts, list and search, import and export.
// Each mutation is one db.write with its audit row and notifications.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/principal.hpp"
#include "experts/expert.hpp"
#include "experts/expert_import.hpp"
#include "experts/expert_store.hpp"
#include "experts/taxonomy_store.hpp"
#include "notifications/notifier.hpp"
#include "storage/database.hpp"

namespace zhiku {

class UserService;
struct User;

struct ExpertServiceConfig {
  int application_limit_per_hour = 5;  // public applications per client address (auth.application_limit_per_hour)
  int export_max_rows = 100'000;       // rows in one export
};

// An edit: the keys in `present` (API names: "name", "field_ids", "employment" …) take their
// value from `values`; the others stay.
struct ExpertPatch {
  ExpertProfile values;
  std::set<std::string> present;
  void apply_to(ExpertProfile& p) const;
};

// A public application: the profile and where it came from.
struct ExpertApplication {
  ExpertProfile profile;
};

struct ApplicationReceipt {
  Id id = 0;
  ExpertStatus status = ExpertStatus::pending;
  std::string receipt;  // secret the applicant keeps to look up the answer
};

// What an applicant may see of their application.
struct ApplicationStatus {
  Id id = 0;
  std::string name;
  ExpertStatus status = ExpertStatus::pending;
  std::optional<std::string> status_reason;
  std::string submitted_at;
};

struct ExpertList {
  std::vector<Expert> items;
  std::int64_t total = 0;
  std::optional<ExpertFacets> facets;
};

struct Invitation {
  Id user_id = 0;
  std::string one_time_password;
};

struct ImportOutcome {
  ImportPlan plan;
  bool dry_run = true;
  int imported = 0;
  std::vector<Id> expert_ids;
};

// Rows for an export: what the caller may see, capped.
struct ExpertExport {
  std::vector<Expert> rows;
  bool with_contact = false;
  bool truncated = false;
};

class ExpertService {
 public:
  ExpertService(storage::Database& db, AuditLog const& audit, Notifier const& notifier, UserService& users,
                ExpertServiceConfig config);

  // Whether `who` may see the phone and e-mail of `e`: coordinators, admins, and the expert.
  static bool sees_contact(Principal const& who, Expert const& e);

  // Reads. Throw Error{not_found} for an expert the caller may not know (another expert's
  // record, for an expert caller).
  Expert get(Principal const& who, Id id) const;
  Expert get_mine(Principal const& who) const;
  ExpertList list(Principal const& who, ExpertQuery const& q) const;
  // Loads the list's in-memory index (about 0.1 s at 100,000 experts), so that the first
  // list request after start-up does not wait for it.
  void warm() const;
  std::vector<Conflict> conflicts(Principal const& who, Id expert_id) const;

  // Coordinator / admin use cases. Throw Error{forbidden} for other roles, Error{not_found},
  // Error{invalid_argument} with field errors, Error{precondition_failed} on a stale version,
  // Error{conflict} for a transition not allowed now (with `allowed`).
  Expert create(Principal const& who, RequestMeta const& meta, ExpertProfile const& profile);
  Expert update(Principal const& who, RequestMeta const& meta, Id id, std::int64_t version, ExpertPatch const& patch);
  Expert transition(Principal const& who, RequestMeta const& meta, Id id, ExpertAction action, std::string const& note);
  // Creates an `expert` user with a one-time password and links it; Error{conflict} if linked.
  std::pair<User, std::string> invite(Principal const& who, RequestMeta const& meta, Id id);
  // Links an existing account (e.g. an expert user created by an admin) to the expert;
  // Error{conflict} when either side is linked already.
  Expert link_user(Principal const& who, RequestMeta const& meta, Id id, Id user_id);
  // Asks the expert's user to confirm their profile; Error{conflict} when there is no user.
  void remind(Principal const& who, RequestMeta const& meta, Id id);

  // The expert's own record (Error{not_found} when the user has none).
  Expert update_mine(Principal const& who, RequestMeta const& meta, std::int64_t version, ExpertPatch const& patch);
  Expert confirm_mine(Principal const& who, RequestMeta const& meta);

  // Conflicts: the expert themself, or coordinators / admins.
  Conflict add_conflict(Principal const& who, RequestMeta const& meta, Id expert_id, Conflict const& conflict);
  void delete_conflict(Principal const& who, RequestMeta const& meta, Id expert_id, Id conflict_id);

  // Anyone: creates a pending expert and tells the coordinators. Error{too_many_requests} past
  // the hourly limit per client address.
  ApplicationReceipt apply(RequestMeta const& meta, ExpertApplication const& application);
  // The applicant's view, by receipt. Error{not_found} for an unknown receipt.
  ApplicationStatus application_status(std::string const& receipt) const;

  // Validates a spreadsheet (CSV or XLSX bytes); unless `dry_run` and when there are no errors,
  // imports every row in one transaction with `initial` status. `who` null: the system (CLI).
  // `filename_or_content_type` helps tell CSV from XLSX (see read_table).
  ImportOutcome import(Principal const* who, RequestMeta const& meta, std::string const& bytes,
                       std::string const& filename_or_content_type, bool dry_run, ExpertStatus initial);

  // The filtered list for an export (ignores paging), as the caller may see it.
  ExpertExport export_rows(Principal const& who, ExpertQuery q) const;

  static constexpr int kLookupDefaultLimit = 10;
  static constexpr int kLookupMaxLimit = 20;
  // Experts and staff: up to `limit` (clamped to 1…kLookupMaxLimit) active experts whose name or
  // organisation matches `q` (Latin words also as prefixes, for search-as-you-type), best first,
  // never the caller's own record: enough to name a person in a declared conflict, nothing more.
  // Throws Error{invalid_argument} naming "q" when q is blank, longer than 200 characters or
  // has no letter, digit or Chinese character; Error{forbidden} for other roles.
  std::vector<ExpertLookupItem> lookup(Principal const& who, std::string_view q, int limit) const;

 private:
  Expert load(storage::Connection& c, Id id) const;
  void check_references(storage::Connection& c, ExpertProfile const& p) const;
  Expert edit(storage::Connection& c, Principal const& who, RequestMeta const& meta, Id id, std::int64_t version,
              ExpertPatch const& patch, std::string_view action);
  std::optional<Id> own_expert_id(storage::Connection& c, Principal const& who) const;
  void require_curator(Principal const& who) const;

  storage::Database& db_;
  AuditLog const& audit_;
  Notifier const& notifier_;
  UserService& users_;
  ExpertServiceConfig config_;
  ExpertStore store_;
  TaxonomyStore taxonomy_;
};

}  // namespace zhiku
