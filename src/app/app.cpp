#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include "app/services.hpp"
#include "audit/audit_routes.hpp"
#include "core/json.hpp"
#include "experts/expert_routes.hpp"
#include "experts/taxonomy_routes.hpp"
#include "mail/mail_routes.hpp"
#include "notifications/notification_routes.hpp"
#include "proposals/proposal_routes.hpp"
#include "reviews/assignment_routes.hpp"
#include "reviews/review_routes.hpp"
#include "reviews/round_routes.hpp"
#include "scheduler/periodic_task.hpp"
#include "topics/call_routes.hpp"
#include "topics/topic_routes.hpp"
#include "users/account_gate.hpp"
#include "users/auth_routes.hpp"
#include "users/user_routes.hpp"

namespace zhiku {

std::string version_string() { return ZHIKU_VERSION; }

namespace {

void add_system_routes(http::Router& router, storage::Database& db, http::Server* const* server,
                       std::chrono::steady_clock::time_point const* started) {
  using http::Policy;
  using http::Request;
  using http::Response;
  router.get(
      "/api/v1/health", Policy::anyone(),
      [&db, started](Request&) {
        Json j = Json::object();
        bool db_ok = true;
        try {
          auto conn = db.read();
          auto st = conn->prepare("SELECT 1");
          db_ok = st.step() && st.int64(0) == 1;
        } catch (std::exception const& e) {
          spdlog::error("health check: database: {}", e.what());
          db_ok = false;
        }
        j["status"] = db_ok ? "ok" : "degraded";
        j["version"] = version_string();
        j["database"] = db_ok ? "ok" : "unavailable";
        j["uptime_seconds"] =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - *started).count();
        return Response::json(j, db_ok ? 200 : 503);
      },
      "Liveness and database check");
  router.get(
      "/api/v1/metrics", Policy::any_of({Role::admin}),
      [server](Request&) {
        auto text = (*server)->metrics().render();
        return Response::text(std::move(text), "text/plain; version=0.0.4; charset=utf-8");
      },
      "Prometheus metrics");
}

}  // namespace

App::App(AppConfig config, Clock* clock)
    : config_(std::move(config)),
      own_clock_(clock ? nullptr : std::make_unique<Clock>()),
      clock_(clock ? clock : own_clock_.get()),
      started_(std::chrono::steady_clock::now()) {
  db_ = std::make_unique<storage::Database>(config_.database);
  services_ = std::make_unique<Services>(*db_, config_, *clock_);
  auto& s = *services_;
  SessionCookieConfig cookie{config_.auth.secure_cookies || config_.http.behind_tls_proxy};
  // Routes in the domain order; each module registers its own.
  add_system_routes(router_, *db_, &server_raw_, &started_);
  add_audit_routes(router_, *db_, s.audit);
  add_notification_routes(router_, s.notifications);
  add_auth_routes(router_, s.auth, s.users, s.tokens, cookie);
  add_user_routes(router_, s.users);
  add_expert_routes(router_, s.experts);
  add_taxonomy_routes(router_, s.taxonomy);
  add_call_routes(router_, s.calls);
  add_topic_routes(router_, s.topics);
  add_proposal_routes(router_, s.proposals);
  add_round_routes(router_, s.rounds);
  add_assignment_routes(router_, s.assignments);
  add_review_routes(router_, s.reviews);
  add_mail_routes(router_, s.mail);

  s.experts.warm();
  if (auto sealed = s.auth.reseal_totp_keys(); sealed.resealed > 0)
    spdlog::info("sealed {} two-factor keys with the current key", sealed.resealed);
  config_.http.version = version_string();
  config_.http.access_log = config_.log.access_log;
  server_ = std::make_unique<http::Server>(config_.http, router_, make_account_gate(s.auth, cookie));
  server_raw_ = server_.get();
}

App::~App() { stop_background(); }

std::uint16_t App::start() {
  auto const port = server_->start();
  auto& s = *services_;
  s.mail.recover_interrupted();
  background_.push_back(std::make_unique<PeriodicTask>("reminders", std::chrono::milliseconds(config_.scheduler.poll_ms),
                                                       [&s] { s.scheduler.run_due(); }));
  if (config_.mail.enabled)
    background_.push_back(std::make_unique<PeriodicTask>("mail", std::chrono::milliseconds(config_.mail.poll_ms),
                                                         [&s] { s.mail.dispatch_due(); }));
  return port;
}
void App::wait(bool handle_signals) {
  server_->wait(handle_signals);
  stop_background();
}
void App::stop() { server_->stop(); }
void App::stop_background() {
  for (auto& task : background_) task->stop();
  background_.clear();
}
storage::Database& App::database() { return *db_; }
http::Router const& App::router() const { return router_; }
http::Server& App::server() { return *server_; }
Services& App::services() { return *services_; }
AppConfig const& App::config() const { return config_; }
Clock& App::clock() { return *clock_; }

}  // namespace zhiku
