// HTTP ↔ the audit log: the filtered, paginated reader for admins and coordinators.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/principal.hpp"
#include "core/json.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace zhiku {

// {id, at, actor_id, actor_name, action, entity_type, entity_id, diff, request_id,
//  client_address} — the chain's hashes stay internal (`zhiku audit verify` checks them).
void to_json(Json& j, AuditRecord const& r);

// GET /api/v1/audit (admin: every entry; coordinator: those of kCuratedRecordTypes) with ?actor_id=&entity_type=&entity_id=&action=
// &from=&to=&page=&page_size=. `from` (inclusive) and `to` (exclusive) are UTC times
// "YYYY-MM-DDTHH:MM:SSZ" or dates "YYYY-MM-DD"; a date `to` includes that whole day. Anything
// else answers 400 naming the field. `db` and `audit` must outlive the router.
void add_audit_routes(http::Router& router, storage::Database& db, AuditLog const& audit);

// The record types (entity_type) of the domain records coordinators curate: the audit entries a
// coordinator reads. Everything else (accounts, sign-ins, sessions, API tokens, mail,
// notifications, settings) is for admins alone (issue 9 item 5: `GET /audit?action=user.create`
// listed every account to coordinators). A module whose records coordinators curate adds its
// record type here; a type not listed stays admin-only.
inline constexpr std::array<std::string_view, 11> kCuratedRecordTypes = {
    "call",  "department", "expert", "field", "pool", "proposal", "round", "topic", "topic_application",
    "topic_guide", "topic_suggestion"};

// The record types `who` may read in the audit log: nullopt (all) for an admin, the curated ones
// for a coordinator, none for anyone else. Pure.
std::optional<std::vector<std::string>> audit_visible_types(Principal const& who);

// The filter of an audit request (exposed for tests). Throws Error{invalid_argument} naming the
// offending query parameter.
AuditFilter audit_filter_of(http::Request const& req, http::Page const& page);

}  // namespace zhiku
