// The tamper-evident audit log: every mutation appends a row in the same transaction, each row
// hashed and chained to the previous one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/principal.hpp"
#include "storage/connection.hpp"

namespace zhiku {

struct AuditRecord {
  Id id = 0;
  std::string at;
  std::optional<Id> actor_id;
  std::string actor_name;
  std::string action;       // "user.create", "expert.approve", "session.login_failed" …
  std::string entity_type;  // "user", "expert", …
  std::optional<Id> entity_id;
  Json diff;                // {"field": {"from": …, "to": …}}, secrets redacted
  std::string request_id;
  std::string client_address;
  std::string hash;
  std::string prev_hash;
};

struct AuditFilter {
  std::optional<Id> actor_id;
  std::optional<std::string> entity_type;
  std::optional<Id> entity_id;
  std::optional<std::string> action;
  std::optional<std::string> from;  // ISO 8601, inclusive
  std::optional<std::string> to;    // ISO 8601, exclusive
  int offset = 0;
  int limit = 20;
};

// Result of checking the chain: ok, or the first row that was altered, removed or reordered.
struct AuditVerification {
  bool ok = true;
  std::int64_t rows_checked = 0;
  std::optional<Id> first_bad_id;
  std::string problem;
};

// The diff of two JSON objects: keys whose values differ, as {"key": {"from": a, "to": b}};
// values of keys that name secrets (password, token, secret, hash, recovery…) become "[redacted]".
Json audit_diff(Json const& before, Json const& after);

class AuditLog {
 public:
  // Appends one row. REQUIRES: `c` is the writer connection inside Database::write (the chain
  // needs the writer's serial order). `actor` null for the system or an anonymous caller.
  // Throws storage::Error.
  void record(storage::Connection& c, Principal const* actor, RequestMeta const& meta, std::string_view action,
              std::string_view entity_type, std::optional<Id> entity_id, Json const& diff) const;

  // Rows matching `f`, newest first, and the total count. Thread-safe on a read connection.
  std::pair<std::vector<AuditRecord>, std::int64_t> query(storage::Connection& c, AuditFilter const& f) const;

  // Recomputes every row's hash in id order and compares with the stored chain.
  AuditVerification verify(storage::Connection& c) const;
};

}  // namespace zhiku
