// HTTP ↔ the audit log: the filtered, paginated reader for admins and coordinators.
#pragma once

#include "audit/audit_log.hpp"
#include "core/json.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace zhiku {

// {id, at, actor_id, actor_name, action, entity_type, entity_id, diff, request_id,
//  client_address} — the chain's hashes stay internal (`zhiku audit verify` checks them).
void to_json(Json& j, AuditRecord const& r);

// GET /api/v1/audit (admin, coordinator) with ?actor_id=&entity_type=&entity_id=&action=
// &from=&to=&page=&page_size=. `from` (inclusive) and `to` (exclusive) are UTC times
// "YYYY-MM-DDTHH:MM:SSZ" or dates "YYYY-MM-DD"; a date `to` includes that whole day. Anything
// else answers 400 naming the field. `db` and `audit` must outlive the router.
void add_audit_routes(http::Router& router, storage::Database& db, AuditLog const& audit);

// The filter of an audit request (exposed for tests). Throws Error{invalid_argument} naming the
// offending query parameter.
AuditFilter audit_filter_of(http::Request const& req, http::Page const& page);

}  // namespace zhiku
