// E-mail for notifications: the outbox written inside the caller's transaction, the sender that
// delivers it over SMTP with retries and back-off, the administrators' view of it, and each
// user's opt-outs by kind.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "mail/mail_config.hpp"
#include "mail/outbox_store.hpp"
#include "mail/smtp_sender.hpp"
#include "storage/database.hpp"

namespace zhiku {

// The address e-mail for `user_id` goes to: the account's address when it is active and has
// one, else nullopt (the users module owns the rule; app passes it).
using MailAddressOf = std::function<std::optional<std::string>(storage::Connection&, Id user_id)>;

struct MailPreferences {
  std::string email;                      // the account's address ("" = none: nothing is sent)
  bool mail_enabled = false;              // whether this server sends e-mail at all
  std::vector<std::string> opted_out;     // kinds the user gets no e-mail for
};

class MailService {
 public:
  static constexpr std::chrono::hours kMaxBackoff{6};

  MailService(storage::Database& db, AuditLog const& audit, Clock const& clock, MailConfig config,
              MailAddressOf address_of);

  MailConfig const& config() const { return config_; }

  // Queues an e-mail for `user_id` inside the caller's write transaction, when mail is enabled,
  // the user has an address and has not opted out of `kind`. Subject = `title`; the body is
  // `body` and the link (config.base_url + `link`). Returns whether a row was written.
  // REQUIRES: `c` is the writer connection inside Database::write.
  bool enqueue(storage::Connection& c, Id user_id, std::string_view kind, std::string_view title,
               std::string_view body, std::string_view link) const;

  // Delivers every e-mail due by the clock: claims a batch (committed 'sending'), sends each
  // over SMTP, records 'sent', or a retry at base × 2^(attempts − 1) (at most 6 hours), or
  // 'failed' after config.max_attempts. Returns how many were delivered. Run by the app's timer.
  int dispatch_due();
  // At start-up: e-mails left 'sending' by a stopped process become 'uncertain' (never resent
  // by themselves). Returns how many.
  int recover_interrupted();

  // Administrators: the outbox, newest first, with counts per status.
  OutboxPage list(std::optional<MailStatus> status, int offset, int limit) const;
  // Administrators: a failed or uncertain e-mail is queued again now; audited "mail.retry".
  // Throws not_found, or conflict when its status does not allow it.
  OutboxMessage retry(Actor const& actor, Id id) const;

  // The caller's own e-mail preferences.
  MailPreferences preferences(Actor const& actor) const;
  // Sets whether the caller gets e-mail for `kind` (audited "mail.opt_out" / "mail.opt_in").
  // Throws invalid_field when `kind` is not a notification kind's shape.
  MailPreferences set_kind(Actor const& actor, std::string const& kind, bool wanted) const;

 private:
  storage::Database* db_;
  AuditLog const* audit_;
  Clock const* clock_;
  MailConfig config_;
  MailAddressOf address_of_;
  OutboxStore store_;
  SmtpSender sender_;
};

}  // namespace zhiku
