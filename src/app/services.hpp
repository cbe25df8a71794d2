// Every module's services, constructed in dependency order; the App owns one. Tests reach the
// services through App::services() to arrange data (e.g. personas) without the HTTP layer.
#pragma once

#include "app/config.hpp"
#include "audit/audit_log.hpp"
#include "notifications/notifier.hpp"
#include "storage/database.hpp"

namespace zhiku {

struct Services {
  Services(storage::Database& db, AppConfig const& config) : db(db), config(config) {}
  storage::Database& db;
  AppConfig const& config;
  AuditLog audit;
  Notifier notifier;
  // [identity] services (declare members here, constructed in order)
  // [experts] services
};

}  // namespace zhiku
