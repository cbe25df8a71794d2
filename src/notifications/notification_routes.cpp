// The inbox routes: one service call each, on the caller's own notifications.
#include "notifications/notification_routes.hpp"

#include <string>

#include "core/error.hpp"

namespace zhiku {

void to_json(Json& j, Notification const& n) {
  j = Json::object();
  j["id"] = n.id;
  j["kind"] = n.kind;
  j["title"] = n.title;
  j["body"] = n.body;
  j["link"] = n.link;
  j["created_at"] = n.created_at;
  j["read_at"] = n.read_at ? Json(*n.read_at) : Json();
}

namespace {

using http::Policy;
using http::Request;
using http::Response;

bool unread_only(Request const& req) {
  auto v = req.query_param("unread");
  if (!v || v->empty() || *v == "false" || *v == "0") return false;
  if (*v == "true" || *v == "1") return true;
  throw Error::invalid_field("unread", "须为 true 或 false");
}

}  // namespace

void add_notification_routes(http::Router& router, NotificationService const& service) {
  router.get(
      "/api/v1/notifications", Policy::signed_in("self"),
      [service](Request& req) {
        auto page = http::page_of(req);
        bool only_unread = unread_only(req);
        auto list = service.list(req.actor(), only_unread, page.offset(), page.page_size);
        Json j = http::page_json(page, Json(list.items), list.total);
        j["unread"] = list.unread;
        return Response::json(j);
      },
      "My notifications (unread=true for unread only), with my unread count");

  router.post(
      "/api/v1/notifications/{id}/read", Policy::signed_in("self"),
      [service](Request& req) {
        service.mark_read(req.actor(), req.id_param());
        return Response::no_content();
      },
      "Mark one of my notifications read");

  router.post(
      "/api/v1/notifications/read-all", Policy::signed_in("self"),
      [service](Request& req) {
        service.mark_all_read(req.actor());
        return Response::no_content();
      },
      "Mark all my notifications read");
}

}  // namespace zhiku
