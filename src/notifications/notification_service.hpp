// A user's own inbox: list, mark one read, mark all read.
#pragma once

#include <cstdint>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "notifications/notification_store.hpp"
#include "storage/database.hpp"

namespace zhiku {

// Holds only references (the database, the audit log and the clock outlive it), so copies are
// cheap and every copy is the same service. Thread-safe.
class NotificationService {
 public:
  NotificationService(storage::Database& db, AuditLog const& audit, Clock const& clock)
      : db_(&db), audit_(&audit), clock_(&clock) {}

  // The caller's notifications, newest first (only unread ones when `unread_only`), with the
  // total of that filter and the caller's unread count. A read: call from any thread.
  NotificationPage list(Actor const& actor, bool unread_only, int offset, int limit) const;

  // Marks one of the caller's notifications read and audits it ("notification.read"); does
  // nothing when it is read already. Throws Error{not_found} when `id` is not the caller's (whose
  // notifications exist is nobody else's business).
  void mark_read(Actor const& actor, Id id) const;

  // Marks all of the caller's unread notifications read, audited as one "notification.read_all"
  // row with their count (none when nothing was unread). Returns how many changed.
  std::int64_t mark_all_read(Actor const& actor) const;

 private:
  storage::Database* db_;
  AuditLog const* audit_;
  Clock const* clock_;
  NotificationStore store_;
};

}  // namespace zhiku
