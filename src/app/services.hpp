// Every module's services, constructed in dependency order; the App owns one. Tests reach the
// services through App::services() to arrange data (e.g. personas) without the HTTP layer.
#pragma once

#include "app/config.hpp"
#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "experts/expert_service.hpp"
#include "experts/taxonomy_service.hpp"
#include "mail/mail_service.hpp"
#include "notifications/notification_service.hpp"
#include "notifications/notifier.hpp"
#include "proposals/proposal_service.hpp"
#include "reviews/assignment_service.hpp"
#include "reviews/review_service.hpp"
#include "reviews/round_service.hpp"
#include "scheduler/scheduler.hpp"
#include "storage/database.hpp"
#include "topics/call_service.hpp"
#include "topics/topic_service.hpp"
#include "users/account_links.hpp"
#include "users/auth_service.hpp"
#include "users/password_hasher.hpp"
#include "users/token_service.hpp"
#include "users/user_service.hpp"

namespace zhiku {

struct Services {
  // `clock` is the time of every service (the App's, or a test's kept across restarts).
  Services(storage::Database& db, AppConfig const& config, Clock& clock);
  Services(Services const&) = delete;
  Services& operator=(Services const&) = delete;

  storage::Database& db;
  AppConfig const& config;
  Clock& clock;
  SecretBox secret_box =
      key_file_path(config).empty() ? SecretBox::ephemeral() : SecretBox::from_key_file(key_file_path(config));
  AuditLog audit{clock};
  // What later modules link to an account (set in the constructor, once experts exist).
  AccountLinks account_links;

  PasswordHasher password_hasher{config.auth};
  UserService users{db, audit, password_hasher, clock, account_links, config.auth};
  AuthService auth{db, audit, password_hasher, secret_box, clock, account_links, config.auth};
  TokenService tokens{db, audit, clock};

  // Notifications come before users in the build order; users answers who holds a role.
  Notifier notifier{clock,
                    [this](storage::Connection& c, RoleSet roles) { return users.active_ids_with_roles(c, roles); }};
  NotificationService notifications{db, audit, clock};
  // E-mail of notifications (the Notifier queues it; see the constructor) and the reminders
  // other modules register (scheduler.schedule(c, kind, key, due_at, payload)); "notify" is
  // built in. The app's timers run scheduler.run_due() and mail.dispatch_due().
  MailService mail{db, audit, clock, config.mail, [this](storage::Connection& c, Id user_id) -> std::optional<std::string> {
                     auto u = users.find_by_id(c, user_id);
                     if (!u || !u->is_active() || u->email.empty()) return std::nullopt;
                     return u->email;
                   }};
  Scheduler scheduler{db, clock};

  ExpertService experts{db, audit, notifier, users, clock, ExpertServiceConfig{config.auth.application_limit_per_hour, config.auth.application_work, config.auth.receipt_lookup_max_failures}};
  TaxonomyService taxonomy{db, audit, clock};

  CallService calls{db, audit, notifier, taxonomy, clock};
  TopicService topics{db, audit, notifier, experts, taxonomy, clock};

  ProposalService proposals{db, audit, notifier, experts, taxonomy, calls, clock};

  RoundService rounds{db, audit, notifier, experts, proposals, clock};
  AssignmentService assignments{db, audit, notifier, experts, taxonomy, proposals, rounds, clock};
  ReviewService reviews{db, audit, notifier, experts, proposals, assignments, clock};
};

}  // namespace zhiku
