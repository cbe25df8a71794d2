// HTTP ↔ the expert pool's use cases: each route reads its request, makes one service call and
// renders the answer (the JSON forms are expert_json's).
#include "experts/expert_routes.hpp"

#include "experts/expert_access.hpp"
#include "experts/expert_json.hpp"
#include "users/account_gate.hpp"
#include "users/user.hpp"

namespace zhiku {

using http::Policy;
using http::Request;
using http::Response;

void add_expert_routes(http::Router& router, ExpertService& experts) {
  router.get(
      "/api/v1/experts", Policy::any_of(kPoolReaders),
      [&experts](Request& req) {
        auto page = http::page_of(req);
        ExpertQuery q = expert_query_of(req);
        q.offset = page.offset();
        q.limit = page.page_size;
        return Response::json(expert_page_json(experts.list(req.actor(), q), page, req.who()));
      },
      "List and search experts (contact data for coordinators and admins only)");

  router.post(
      "/api/v1/experts", Policy::any_of(kCurators),
      [&experts](Request& req) {
        auto e = experts.create(req.actor(), expert_profile_from_json(req.json()));
        return Response::created(expert_to_json(e, req.who()), "/api/v1/experts/" + std::to_string(e.id));
      },
      "Create an expert (pending)");

  router.get(
      "/api/v1/experts/me", Policy::any_of({Role::expert}, "self"),
      [&experts](Request& req) {
        auto e = experts.get_mine(req.actor());
        return Response::json(expert_to_json(e, req.who())).etag(e.version);
      },
      "The signed-in expert's own record");

  router.patch(
      "/api/v1/experts/me", Policy::any_of({Role::expert}, "self"),
      [&experts](Request& req) {
        Json body = req.json();
        auto version = req.expected_version(body);
        auto e = experts.update_mine(req.actor(), version, expert_patch_from_json(body));
        return Response::json(expert_to_json(e, req.who())).etag(e.version);
      },
      "Edit one's own profile (not status or pools)");

  router.post(
      "/api/v1/experts/me/confirm", Policy::any_of({Role::expert}, "self"),
      [&experts](Request& req) { return Response::json(expert_to_json(experts.confirm_mine(req.actor()), req.who())); },
      "Confirm one's own profile is current");

  router.add(http::Route{
      "POST", "/api/v1/experts/import", Policy::any_of(kCurators),
      [&experts](Request& req) {
        auto in = import_request_of(req);
        return import_response(experts.import(req.actor(), req.body, in.content_type, in.dry_run, in.initial));
      },
      http::Exec::worker, "Import experts from CSV or XLSX (dry run by default)", true});

  // Up to 100,000 rows take seconds: on the worker pool, not an io thread.
  router.add(http::Route{"GET", "/api/v1/experts/export", Policy::any_of(kPoolReaders),
                         [&experts](Request& req) {
                           auto file = experts.export_file(req.actor(), expert_query_of(req), sheet_format_of(req));
                           return Response::text(std::move(file.bytes), file.content_type)
                               .attachment(file.ascii_name, file.utf8_name)
                               .header("Cache-Control", "no-store");
                         },
                         http::Exec::worker, "Export the filtered list as CSV or XLSX, naming the reader"});

  // Before /api/v1/experts/{id}. Experts may not read the list: this names people, nothing more.
  router.get(
      "/api/v1/experts/lookup", Policy::any_of(kLookupCallers, "not oneself"),
      [&experts](Request& req) {
        auto limit = req.query_int("limit", 1, ExpertService::kLookupMaxLimit);
        Json j = Json::object();
        j["items"] = experts.lookup(req.actor(), req.query_param("q").value_or(""),
                                    static_cast<int>(limit.value_or(ExpertService::kLookupDefaultLimit)));
        return Response::json(j);
      },
      "Find active experts by name or organisation, to name one (id, name, organisation, department only)");

  router.get(
      "/api/v1/experts/{id}",
      Policy::any_of({Role::coordinator, Role::admin, Role::leader, Role::expert}, "experts: self only"),
      [&experts](Request& req) {
        auto e = experts.get(req.actor(), req.id_param());
        return Response::json(expert_to_json(e, req.who())).etag(e.version);
      },
      "One expert (an expert may read only their own record)");

  router.patch(
      "/api/v1/experts/{id}", Policy::any_of(kCurators),
      [&experts](Request& req) {
        Json body = req.json();
        auto version = req.expected_version(body);
        auto e = experts.update(req.actor(), req.id_param(), version, expert_patch_from_json(body));
        return Response::json(expert_to_json(e, req.who())).etag(e.version);
      },
      "Edit an expert (version or If-Match required)");

  router.post(
      "/api/v1/experts/{id}/transitions", Policy::any_of(kCurators),
      [&experts](Request& req) {
        auto [action, note] = transition_from_json(req.json());
        return Response::json(expert_to_json(experts.transition(req.actor(), req.id_param(), action, note), req.who()));
      },
      "Approve, reject, suspend, reinstate or retire an expert");

  // Creates an account with a password: a curator in person, never an API token (issue 9: a
  // leaked token must not mint accounts).
  Policy curator_in_person = Policy::any_of(kCurators);
  curator_in_person.exempt = kSessionOnly;
  router.post(
      "/api/v1/experts/{id}/invite", curator_in_person,
      [&experts](Request& req) {
        auto [user, password] = experts.invite(req.actor(), req.id_param());
        return Response::json(invitation_json(user, password), 201).header("Cache-Control", "no-store");
      },
      "Create the expert's account with a one-time password");

  router.post(
      "/api/v1/experts/{id}/remind", Policy::any_of(kCurators),
      [&experts](Request& req) {
        experts.remind(req.actor(), req.id_param());
        return Response::no_content();
      },
      "Ask the expert to confirm their profile");

  Policy const conflict_policy = Policy::any_of({Role::coordinator, Role::admin, Role::expert}, "experts: self only");
  router.get(
      "/api/v1/experts/{id}/conflicts", conflict_policy,
      [&experts](Request& req) {
        Json j = Json::object();
        j["items"] = experts.conflicts(req.actor(), req.id_param());
        return Response::json(j);
      },
      "Declared conflicts of interest");

  router.post(
      "/api/v1/experts/{id}/conflicts", conflict_policy,
      [&experts](Request& req) {
        Json j = experts.add_conflict(req.actor(), req.id_param(), conflict_from_json(req.json()));
        return Response::json(j, 201);
      },
      "Declare a conflict of interest");

  router.del(
      "/api/v1/experts/{id}/conflicts/{conflict_id}", conflict_policy,
      [&experts](Request& req) {
        experts.delete_conflict(req.actor(), req.id_param(), req.id_param("conflict_id"));
        return Response::no_content();
      },
      "Withdraw a declared conflict");

  router.get(
      "/api/v1/expert-applications/challenge", Policy::anyone(),
      [&experts](Request&) {
        return Response::json(challenge_json(experts.application_challenge())).header("Cache-Control", "no-store");
      },
      "A proof-of-work challenge for the application form");

  router.post(
      "/api/v1/expert-applications", Policy::anyone(),
      [&experts](Request& req) {
        auto receipt = experts.apply(req.actor(), expert_application_from_json(req.json()));
        return Response::json(receipt_json(receipt), 201).header("Cache-Control", "no-store");
      },
      "Apply to join the expert pool (public, rate-limited)");

  // The receipt travels in the body, not the path, so that it stays out of access logs.
  router.post(
      "/api/v1/expert-applications/status", Policy::anyone(),
      [&experts](Request& req) {
        Json body = req.json();
        JsonFields f(body);
        auto receipt = f.req_string("receipt", 64);
        f.finish();
        auto s = experts.application_status(req.actor(), receipt);
        return Response::json(application_status_json(s)).header("Cache-Control", "no-store");
      },
      "The answer to an application, by its receipt number (rate-limited)");
}

}  // namespace zhiku
