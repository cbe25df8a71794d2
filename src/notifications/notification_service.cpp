// The inbox use cases. Marking read changes a row, so it is audited like every mutation
// (SPEC: "every mutation … recorded in the audit log"); a request that changes nothing writes
// nothing.
#include "notifications/notification_service.hpp"

#include "core/error.hpp"

namespace zhiku {

NotificationPage NotificationService::list(Actor const& actor, bool unread_only, int offset, int limit) const {
  auto c = db_->read();
  // The counts and the page agree with each other.
  storage::Transaction snapshot(*c, storage::Transaction::Mode::deferred);
  return store_.list(*c, actor.who().user_id, unread_only, offset, limit);
}

void NotificationService::mark_read(Actor const& actor, Id id) const {
  Id const user_id = actor.who().user_id;
  db_->write([&](storage::Connection& c) {
    auto n = store_.find(c, user_id, id);
    if (!n) throw Error::not_found("通知不存在");
    if (n->read_at) return;
    std::string const at = clock_->now_iso();
    store_.mark_read(c, user_id, id, at);
    Json from = Json::object();
    from["read_at"] = nullptr;
    Json to = Json::object();
    to["read_at"] = at;
    audit_->record(c, actor, "notification.read", "notification", id, audit_diff(from, to));
  });
}

std::int64_t NotificationService::mark_all_read(Actor const& actor) const {
  Id const user_id = actor.who().user_id;
  return db_->write([&](storage::Connection& c) -> std::int64_t {
    int changed = store_.mark_all_read(c, user_id, clock_->now_iso());
    if (changed > 0) {
      Json diff = Json::object();
      diff["count"] = changed;
      audit_->record(c, actor, "notification.read_all", "user", user_id, diff);
    }
    return changed;
  });
}

}  // namespace zhiku
