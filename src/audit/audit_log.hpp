// The tamper-evident audit log: every mutation appends a row in the same transaction, each row
// hashed and chained to the previous one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
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
  Json diff;  // {"field": {"from": …, "to": …}}, secrets redacted
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
  // The record types the reader may see (a coordinator: the domain records they curate), or
  // nullopt for all of them (an admin). An empty list matches nothing.
  std::optional<std::vector<std::string>> visible_types;
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

// prev_hash of the first row.
inline constexpr char kAuditGenesisHash[] = "0000000000000000000000000000000000000000000000000000000000000000";
inline constexpr char kRedacted[] = "[redacted]";

// The diff of two JSON objects: keys whose values differ, as {"key": {"from": a, "to": b}}; a key
// missing on one side counts as null there (a creation passes before = {}, a deletion after = {}).
// Values of keys that name secrets (is_secret_key) become "[redacted]" on both sides; null stays
// null, so a diff shows that a secret was set or cleared, never its value. Nested objects are
// redacted the same way. A `before` or `after` that is null counts as {}; any other non-object is
// compared as a whole under the key "value". Pure and thread-safe.
Json audit_diff(Json const& before, Json const& after);

// True when a key's name, in any letter case, contains password, token, secret, hash, recovery,
// totp or csrf, and does not end in "_enabled" (a flag: totp_enabled is shown) or "_revoked" (a
// count: tokens_revoked is shown).
bool is_secret_key(std::string_view key);

// `diff` with every secret-named key's value replaced by "[redacted]" at any depth; for a
// {"from", "to"} pair each non-null side is replaced. record() applies it to every diff, so a
// caller's hand-built diff cannot leak a secret either. Pure and thread-safe.
Json redact_secrets(Json const& diff);

// The hash record() stores for `r` after `prev_hash`, with r.diff dumped compactly (for tools
// and tests that need to forge or re-derive a row; verify() hashes the stored diff text as is).
std::string audit_hash(std::string_view prev_hash, AuditRecord const& r);

// The chain (verify() recomputes it from the stored columns):
//   canonical = JSON array [id, at, actor_id, actor_name, action, entity_type, entity_id, diff,
//               request_id, client_address] dumped compactly, where `diff` is the stored diff text
//               (itself the compact dump of the redacted diff, object keys sorted) as a string;
//   hash      = sha256_hex(prev_hash + "\n" + canonical), prev_hash = the previous row's hash or
//               kAuditGenesisHash for the first row.
// Ids are assigned by record() as the previous id + 1, so they are contiguous from 1 and a gap
// shows a removed row even where the chain alone could be ambiguous.
//
// Thread-safety: AuditLog has no state; all methods are const and safe from any thread, each on
// its own connection. record() relies on the single writer thread for the order of the chain:
// it reads the last row and appends after it within the caller's write transaction.
class AuditLog {
 public:
  // Rows are stamped with `clock`'s time (the demo seeder's history has its own dates).
  explicit AuditLog(Clock const& clock) : clock_(&clock) {}

  // Appends one row, redacting secrets in `diff` (redact_secrets). REQUIRES: `c` is the writer
  // connection inside Database::write (the chain needs the writer's serial order; a rolled-back
  // job takes its row with it). An actor without a principal (the system, an anonymous caller)
  // leaves actor_id null and actor_name "". Throws std::logic_error outside a transaction,
  // storage::Error from SQLite.
  void record(storage::Connection& c, Actor const& actor, std::string_view action, std::string_view entity_type,
              std::optional<Id> entity_id, Json const& diff) const;

  // Rows matching `f`, newest first (by id), and the total count of matches. `from` and `to` are
  // compared with the stored `at` text, so pass them normalised as Clock::now_iso() writes them
  // ("YYYY-MM-DDTHH:MM:SSZ"). A diff that is not valid JSON (tampering) is returned as a string.
  // Thread-safe on a read connection. Throws storage::Error.
  std::pair<std::vector<AuditRecord>, std::int64_t> query(storage::Connection& c, AuditFilter const& f) const;

  // Recomputes every row's hash in id order and compares with the stored chain; stops at the
  // first bad row: its content changed (hash mismatch), its prev_hash does not link to the row
  // before (a row before it was removed or altered and re-hashed), or its id is not the previous
  // id + 1 (rows removed, or a row inserted out of order). One read statement, so it sees one
  // consistent snapshot. Thread-safe on a read connection. Throws storage::Error.
  AuditVerification verify(storage::Connection& c) const;

 private:
  Clock const* clock_;
};

}  // namespace zhiku
