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
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "experts/expert.hpp"
#include "experts/expert_import.hpp"
#include "experts/expert_store.hpp"
#include "experts/taxonomy_store.hpp"
#include "notifications/notifier.hpp"
#include "core/proof_of_work.hpp"
#include "storage/database.hpp"
#include "users/login_throttle.hpp"

namespace zhiku {

class UserService;
struct User;

struct ExpertServiceConfig {
  int application_limit_per_hour = 5;  // public applications per client address (auth.application_limit_per_hour)
  int application_work = 100000;       // the form's proof of work, hashes at most (auth.application_work)
  int receipt_lookup_max_failures = 10;  // unknown receipts per client address before 429 (auth.…)
  int export_max_rows = 100'000;       // rows in one export
};

// An edit: the keys in `present` (API names: "name", "field_ids", "employment" …) take their
// value from `values`; the others stay.
struct ExpertPatch {
  ExpertProfile values;
  std::set<std::string> present;
  void apply_to(ExpertProfile& p) const;
};

// A public application: the profile, the applicant's consent to the processing of their
// personal information (个人信息保护法), and the answer to the form's proof of work.
struct ExpertApplication {
  ExpertProfile profile;
  bool consent = false;
  std::optional<WorkSolution> work;
};

struct ApplicationReceipt {
  Id id = 0;  // for the server's own use: never shown to the applicant (it counts applications)
  ExpertStatus status = ExpertStatus::pending;
  std::string receipt;  // "ABCD-EFGH" (application_receipt.hpp), shown once, to look up the answer
};

// What an applicant may see of their application.
struct ApplicationStatus {
  std::string name;
  ExpertStatus status = ExpertStatus::pending;
  std::optional<std::string> status_reason;
  std::string submitted_at;
};

// What a search looked in, so the list can say so: the text in name, organisation, keywords
// and biography, and the experts of the fields the text names (with their descendants).
struct SearchScope {
  std::string text;
  std::vector<NamedRef> fields;  // the fields whose name (or code) the text matched
  std::size_t field_count = 0;   // those fields and their descendants
};

struct ExpertList {
  std::vector<Expert> items;
  std::int64_t total = 0;
  std::optional<ExpertFacets> facets;
  std::optional<SearchScope> searched;  // with q
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

enum class SheetFormat { csv, xlsx };

// A spreadsheet to download.
struct ExportFile {
  std::string bytes;
  std::string content_type;
  std::string ascii_name;  // "experts-2026-11-29.csv"
  std::string utf8_name;   // "专家库-2026-11-29.csv"
};

class ExpertService {
 public:
  ExpertService(storage::Database& db, AuditLog const& audit, Notifier const& notifier, UserService& users,
                Clock const& clock, ExpertServiceConfig config);

  // Roles are the routes' to check (expert_access.hpp names the sets); the service checks the
  // relations (an expert's own record).

  // Reads. Throw Error{not_found} for an expert the caller may not know (another expert's
  // record, for an expert caller).
  Expert get(Actor const& actor, Id id) const;
  Expert get_mine(Actor const& actor) const;
  ExpertList list(Actor const& actor, ExpertQuery const& q) const;
  // Loads the list's in-memory index (about 0.1 s at 100,000 experts), so that the first
  // list request after start-up does not wait for it.
  void warm() const;
  std::vector<Conflict> conflicts(Actor const& actor, Id expert_id) const;
  // The expert profile linked to the account `user_id` (AccountLinks). Any connection.
  std::optional<Id> expert_of_user(storage::Connection& c, Id user_id) const;
  // What later modules may know of expert `id` (name, organisation, title, status, account), or
  // nullopt. Any connection (inside a write: the writer's).
  std::optional<ExpertBrief> brief(storage::Connection& c, Id id) const;

  // Curators' use cases. Throw Error{not_found}, Error{invalid_argument} with field errors,
  // Error{precondition_failed} on a stale version, Error{conflict} for a transition not allowed
  // now (with `allowed`).
  Expert create(Actor const& actor, ExpertProfile const& profile);
  Expert update(Actor const& actor, Id id, std::int64_t version, ExpertPatch const& patch);
  Expert transition(Actor const& actor, Id id, ExpertAction action, std::string const& note);
  // Creates an `expert` user with a one-time password and links it; Error{conflict} if linked.
  std::pair<User, std::string> invite(Actor const& actor, Id id);
  // Links an existing account (e.g. an expert user created by an admin) to the expert;
  // Error{conflict} when either side is linked already.
  Expert link_user(Actor const& actor, Id id, Id user_id);
  // Asks the expert's user to confirm their profile; Error{conflict} when there is no user.
  void remind(Actor const& actor, Id id);

  // The expert's own record (Error{not_found} when the user has none).
  Expert update_mine(Actor const& actor, std::int64_t version, ExpertPatch const& patch);
  Expert confirm_mine(Actor const& actor);

  // Conflicts: the expert themself, or coordinators / admins.
  Conflict add_conflict(Actor const& actor, Id expert_id, Conflict const& conflict);
  void delete_conflict(Actor const& actor, Id expert_id, Id conflict_id);

  // Anyone: a proof-of-work challenge for the application form (core/proof_of_work.hpp).
  WorkChallenge application_challenge() const;
  // Anyone: creates a pending expert and tells the coordinators. Error{invalid_argument} naming
  // every bad field at once, "consent" when the applicant did not agree and "challenge" when the
  // proof of work is missing, wrong, expired or spent already; Error{too_many_requests} past the
  // hourly limit per client address.
  ApplicationReceipt apply(Actor const& actor, ExpertApplication const& application);
  // The applicant's view, by receipt number (typed in any case, with or without the dash).
  // Error{not_found} for an unknown receipt; every lookup from the caller's address is counted
  // before it is made and given back when it finds one, so that after
  // receipt_lookup_max_failures misses the address gets Error{too_many_requests} (the wait
  // doubling). Worker threads only (it writes the count).
  ApplicationStatus application_status(Actor const& actor, std::string_view receipt);

  // Validates a spreadsheet (CSV or XLSX bytes); unless `dry_run` and when there are no errors,
  // imports every row in one transaction with `initial` status. The command line acts as
  // Actor::system. `filename_or_content_type` helps tell CSV from XLSX (see read_table).
  ImportOutcome import(Actor const& actor, std::string const& bytes, std::string const& filename_or_content_type,
                       bool dry_run, ExpertStatus initial);

  // The filtered list for an export (ignores paging), as the caller may see it.
  ExpertExport export_rows(Actor const& actor, ExpertQuery q) const;
  // The filtered list as a spreadsheet with Chinese column headers, naming its reader and the
  // time (SPEC: exported copies name their reader): on the last row of a CSV, below the data and
  // in the page footer of an XLSX.
  ExportFile export_file(Actor const& actor, ExpertQuery q, SheetFormat format) const;

  static constexpr int kLookupDefaultLimit = 10;
  static constexpr int kLookupMaxLimit = 20;
  // Experts and staff: up to `limit` (clamped to 1…kLookupMaxLimit) active experts whose name or
  // organisation matches `q` (Latin words also as prefixes, for search-as-you-type), best first,
  // never the caller's own record: enough to name a person in a declared conflict, nothing more.
  // Throws Error{invalid_argument} naming "q" when q is blank, longer than 200 characters or
  // has no letter, digit or Chinese character.
  std::vector<ExpertLookupItem> lookup(Actor const& actor, std::string_view q, int limit) const;

 private:
  Expert load(storage::Connection& c, Id id) const;
  void check_references(storage::Connection& c, ExpertProfile const& p) const;
  Expert edit(storage::Connection& c, Actor const& actor, Id id, std::int64_t version, ExpertPatch const& patch,
              std::string_view action);
  std::optional<Id> own_expert_id(storage::Connection& c, Actor const& actor) const;
  void check_conflicts_access(storage::Connection& c, Actor const& actor, Id expert_id) const;
  // Whether `actor` may name expert `other` in a declared conflict (what the lookup shows them).
  bool may_name(storage::Connection& c, Actor const& actor, Id other) const;
  // Flags for coordinators every other expert sharing p's e-mail or phone (self-service edits and
  // public applications: see the .cpp), with an audit entry and a notification per new pair.
  void flag_contact_duplicates(storage::Connection& c, Actor const& actor, Id id, ExpertProfile const& p) const;

  storage::Database& db_;
  AuditLog const& audit_;
  Notifier const& notifier_;
  UserService& users_;
  Clock const& clock_;
  ExpertServiceConfig config_;
  ProofOfWork work_;
  LoginThrottle receipt_throttle_;
  ExpertStore store_;
  TaxonomyStore taxonomy_;
};

}  // namespace zhiku
