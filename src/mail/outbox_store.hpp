// SQL of the e-mail outbox and of the opt-outs by kind.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mail/mail_message.hpp"
#include "storage/connection.hpp"

namespace zhiku {

struct OutboxPage {
  std::vector<OutboxMessage> items;  // newest first
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> counts;  // every status → how many, whatever the filter
};

// Stateless; every method runs on the connection it is given. Throws storage::Error.
class OutboxStore {
 public:
  Id insert(storage::Connection& c, OutboxMessage const& m) const;
  std::optional<OutboxMessage> find(storage::Connection& c, Id id) const;
  // Claims up to `limit` pending messages due by `now`: status 'sending', attempts + 1.
  std::vector<OutboxMessage> claim_due(storage::Connection& c, std::string const& now, int limit) const;
  void mark_sent(storage::Connection& c, Id id, std::string const& now) const;
  // After a failed attempt: back to 'pending' at `next_attempt_at`, or 'failed' when `give_up`.
  void mark_attempt_failed(storage::Connection& c, Id id, std::string_view error, bool give_up,
                           std::string const& next_attempt_at) const;
  // 'sending' rows left by a process that stopped mid-delivery → 'uncertain'. Returns how many.
  int mark_interrupted(storage::Connection& c, std::string_view note) const;
  // failed / uncertain → pending now (an administrator's retry). Returns whether it changed.
  bool requeue(storage::Connection& c, Id id, std::string const& now) const;
  OutboxPage list(storage::Connection& c, std::optional<MailStatus> status, int offset, int limit) const;

  bool is_opted_out(storage::Connection& c, Id user_id, std::string_view kind) const;
  std::vector<std::string> opted_out_kinds(storage::Connection& c, Id user_id) const;
  void set_opt_out(storage::Connection& c, Id user_id, std::string_view kind, bool opted_out) const;
};

}  // namespace zhiku
