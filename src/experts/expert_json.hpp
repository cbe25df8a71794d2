// The expert pool's JSON forms, in and out: one serialisation of a profile (the API, the import
// preview and the audit log all use profile_json), the readers of request bodies and query
// strings. Readers check JSON types only; every limit (lengths, counts, ranges) is
// expert_rules' or the taxonomy service's, so a rule has one source.
#pragma once

#include <string>
#include <utility>

#include "core/json.hpp"
#include "core/principal.hpp"
#include "experts/expert.hpp"
#include "experts/expert_import.hpp"
#include "experts/expert_service.hpp"
#include "experts/taxonomy_service.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace zhiku {

struct User;

// ---- out

// The profile keys of `p` (field_ids and pool_ids as ids; phone and email only `with_contact`).
Json profile_json(ExpertProfile const& p, bool with_contact);
// An expert as `who` may see it: the profile (phone and email only for coordinators, admins
// and the expert: the keys are absent otherwise), the fields and pools with their names, the
// status with the actions `who` may take now, and the record's dates and figures.
Json expert_to_json(Expert const& e, Principal const& who);
// One list page of experts as `who` may see them, with the facets when asked for.
Json expert_page_json(ExpertList const& list, http::Page const& page, Principal const& who);
// One row of an import preview: the profile as read, with the names of its fields and pools.
Json import_row_to_json(ImportRow const& r);
// The import report (200 after a dry run, 201 after an import); a refused import is the same
// report as a 400 problem document, each error naming its row and column.
http::Response import_response(ImportOutcome const& out);
// The new account of an expert and its one-time password.
Json invitation_json(User const& user, std::string const& one_time_password);
Json receipt_json(ApplicationReceipt const& r);
Json application_status_json(ApplicationStatus const& s);
Json challenge_json(WorkChallenge const& c);
// The body of POST /expert-applications: the profile (expert_profile_from_json), `consent` and
// `challenge` {salt, number, signature}. Type errors of the last two answer 400 on their field.
ExpertApplication expert_application_from_json(Json body);

void to_json(Json& j, Employment const& e);
void to_json(Json& j, NamedRef const& r);
void to_json(Json& j, Conflict const& k);
void to_json(Json& j, Field const& f);
void to_json(Json& j, FieldNode const& n);
void to_json(Json& j, Pool const& p);
void to_json(Json& j, ImportError const& e);
void to_json(Json& j, ImportDuplicate const& d);
// Only the four keys of the lookup: id, name, organization, department.
void to_json(Json& j, ExpertLookupItem const& e);

// The search snippet as HTML: the text escaped, matches wrapped in <mark>…</mark>.
std::string highlight_html(std::string const& snippet);

// ---- in (each throws Error{invalid_argument} listing every bad field)

// The profile keys of a POST or PATCH body (absent keys stay out of `present`; null clears).
ExpertPatch expert_patch_from_json(Json const& body);
// A new profile from a POST body (absent keys keep their defaults).
ExpertProfile expert_profile_from_json(Json const& body);
// The list and export filters of a query string (paging excepted).
ExpertQuery expert_query_of(http::Request const& req);
// {"action", "note"} of a transition.
std::pair<ExpertAction, std::string> transition_from_json(Json const& body);
Conflict conflict_from_json(Json const& body);
// A field or pool from a POST body (patch == nullptr) or a PATCH body (keys sent → present).
Field field_from_json(Json const& body, FieldPatch* patch);
Pool pool_from_json(Json const& body, PoolPatch* patch);

// What an upload asks of the import: ?dry_run (default true), ?status (default pending) and
// the file's type from Content-Type (Error{unsupported_media_type} for anything but CSV or XLSX).
struct ImportRequest {
  bool dry_run = true;
  ExpertStatus initial = ExpertStatus::pending;
  std::string content_type;
};
ImportRequest import_request_of(http::Request const& req);
// ?format=csv|xlsx (default csv).
SheetFormat sheet_format_of(http::Request const& req);

}  // namespace zhiku
