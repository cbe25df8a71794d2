// HTTP ↔ the caller's own notifications.
#pragma once

#include "core/json.hpp"
#include "http/router.hpp"
#include "notifications/notification_service.hpp"
#include "notifications/notifier.hpp"

namespace zhiku {

// {id, kind, title, body, link, created_at, read_at (null while unread)}
void to_json(Json& j, Notification const& n);

// GET  /api/v1/notifications?unread=true&page=&page_size= → {items, total, page, page_size, unread}
// POST /api/v1/notifications/{id}/read → 204 (404 unless it is the caller's)
// POST /api/v1/notifications/read-all → 204
// Every signed-in user, on their own notifications only. The handlers keep copies of `service`.
void add_notification_routes(http::Router& router, NotificationService const& service);

}  // namespace zhiku
