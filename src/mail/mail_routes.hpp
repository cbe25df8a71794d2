// HTTP ↔ the e-mail outbox (administrators) and the caller's own e-mail preferences.
#pragma once

#include "core/json.hpp"
#include "http/router.hpp"
#include "mail/mail_service.hpp"

namespace zhiku {

// {id, user_id, kind, to_address, subject, status, attempts, next_attempt_at, last_error, created_at, sent_at}
void to_json(Json& j, OutboxMessage const& m);
// {email, mail_enabled, opted_out: [kind…]}
void to_json(Json& j, MailPreferences const& p);

// GET  /api/v1/admin/mail?status=&page=&page_size= → {items, total, page, page_size, counts, enabled} (admin)
// POST /api/v1/admin/mail/{id}/retry → the message, pending again (admin; 409 unless failed or uncertain)
// GET  /api/v1/me/mail-preferences → the caller's preferences (signed in)
// PUT  /api/v1/me/mail-preferences/{kind} {"wanted": bool} → the caller's preferences (signed in)
void add_mail_routes(http::Router& router, MailService const& mail);

}  // namespace zhiku
