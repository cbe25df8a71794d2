// Every module's services, constructed in dependency order; the App owns one. Tests reach the
// services through App::services() to arrange data (e.g. personas) without the HTTP layer.
#pragma once

#include "app/config.hpp"
#include "audit/audit_log.hpp"
#include "core/crypto.hpp"
#include "experts/expert_service.hpp"
#include "experts/taxonomy_service.hpp"
#include "notifications/notifier.hpp"
#include "storage/database.hpp"
#include "users/auth_service.hpp"
#include "users/password_hasher.hpp"
#include "users/token_service.hpp"
#include "users/user_service.hpp"

namespace zhiku {

struct Services {
  Services(storage::Database& db, AppConfig const& config) : db(db), config(config) {}
  storage::Database& db;
  AppConfig const& config;
  SecretBox secret_box =
      key_file_path(config).empty() ? SecretBox::ephemeral() : SecretBox::from_key_file(key_file_path(config));
  AuditLog audit;
  Notifier notifier;
  // [identity] services (declare members here, constructed in order)
  PasswordHasher password_hasher{config.auth};
  UserService users{db, audit, password_hasher};
  AuthService auth{db, audit, password_hasher, secret_box, config.auth};
  TokenService tokens{db, audit};
  // [experts] services
  ExpertService experts{db, audit, notifier, users, ExpertServiceConfig{config.auth.application_limit_per_hour}};
  TaxonomyService taxonomy{db, audit};
};

}  // namespace zhiku
