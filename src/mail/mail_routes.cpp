// The outbox and preference routes: one service call each.
#include "mail/mail_routes.hpp"

#include "core/error.hpp"
#include "users/account_gate.hpp"

namespace zhiku {

void to_json(Json& j, OutboxMessage const& m) {
  j = Json::object();
  j["id"] = m.id;
  j["user_id"] = m.user_id ? Json(*m.user_id) : Json();
  j["kind"] = m.kind;
  j["to_address"] = m.to_address;
  j["subject"] = m.subject;
  j["status"] = to_string(m.status);
  j["attempts"] = m.attempts;
  j["next_attempt_at"] = m.next_attempt_at;
  j["last_error"] = m.last_error;
  j["created_at"] = m.created_at;
  j["sent_at"] = m.sent_at ? Json(*m.sent_at) : Json();
}

void to_json(Json& j, MailPreferences const& p) {
  j = Json::object();
  j["email"] = p.email;
  j["mail_enabled"] = p.mail_enabled;
  j["opted_out"] = p.opted_out;
}

namespace {

using http::Policy;
using http::Request;
using http::Response;

std::optional<MailStatus> status_filter(Request const& req) {
  auto v = req.query_param("status");
  if (!v || v->empty()) return std::nullopt;
  auto s = mail_status_from(*v);
  if (!s) throw Error::invalid_field("status", "状态须为 pending、sending、sent、failed 或 uncertain");
  return s;
}

}  // namespace

void add_mail_routes(http::Router& router, MailService const& mail) {
  MailService const* m = &mail;
  router.get(
      "/api/v1/admin/mail", Policy::any_of({Role::admin}),
      [m](Request& req) {
        auto status = status_filter(req);
        auto page = http::page_of(req);
        auto list = m->list(status, page.offset(), page.page_size);
        Json j = http::page_json(page, Json(list.items), list.total);
        j["counts"] = list.counts;
        j["enabled"] = m->config().enabled;
        return Response::json(j);
      },
      "The e-mail outbox, newest first, with counts per status");

  router.post(
      "/api/v1/admin/mail/{id}/retry", Policy::any_of({Role::admin}),
      [m](Request& req) { return Response::json(Json(m->retry(req.actor(), req.id_param()))); },
      "Queue a failed or uncertain e-mail again");

  router.get(
      "/api/v1/me/mail-preferences", Policy::signed_in("self"),
      [m](Request& req) { return Response::json(Json(m->preferences(req.actor()))); },
      "My e-mail address as the server has it and the kinds I get no e-mail for");

  // Turning mail off is the account's own setting: a leaked token must not silence the notices
  // its owner would get (issue 9), so only the signed-in person changes it.
  Policy self_in_person = Policy::signed_in("self");
  self_in_person.exempt = kSessionOnly;
  router.put(
      "/api/v1/me/mail-preferences/{kind}", self_in_person,
      [m](Request& req) {
        Json body = req.json();
        JsonFields f(body);
        auto wanted = f.opt_bool("wanted");
        if (!wanted && !f.has("wanted")) f.fail("wanted", "须填写是否接收此类邮件（true 或 false）");
        f.finish();
        return Response::json(Json(m->set_kind(req.actor(), std::string(req.param("kind")), wanted.value_or(true))));
      },
      "Turn e-mail of one kind of notification on or off for me");
}

}  // namespace zhiku
