// SQL of in-app notifications.
#include "notifications/notification_store.hpp"

namespace zhiku {

namespace {

Notification read_row(storage::Statement& s) {
  Notification n;
  n.id = s.int64(0);
  n.user_id = s.int64(1);
  n.kind = s.text(2);
  n.title = s.text(3);
  n.body = s.text(4);
  n.link = s.text(5);
  n.created_at = s.text(6);
  n.read_at = s.opt_text(7);
  return n;
}

}  // namespace

Id NotificationStore::insert(storage::Connection& c, Id user_id, NotificationText const& t,
                             std::string const& created_at) const {
  static constexpr char kSql[] =
      "INSERT INTO notifications (user_id, kind, title, body, link, created_at) VALUES (?, ?, ?, ?, ?, ?)";
  c.exec(kSql, user_id, t.kind, t.title, t.body, t.link, created_at);
  return c.last_insert_id();
}

NotificationPage NotificationStore::list(storage::Connection& c, Id user_id, bool unread_only, int offset,
                                         int limit) const {
  static constexpr char kCount[] =
      "SELECT count(*), coalesce(sum(read_at IS NULL), 0) FROM notifications WHERE user_id = ?";
  static constexpr char kAll[] =
      "SELECT id, user_id, kind, title, body, link, created_at, read_at FROM notifications "
      "WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?";
  static constexpr char kUnread[] =
      "SELECT id, user_id, kind, title, body, link, created_at, read_at FROM notifications "
      "WHERE user_id = ? AND read_at IS NULL ORDER BY id DESC LIMIT ? OFFSET ?";
  NotificationPage page;
  {
    auto s = c.prepare(kCount);
    bind_all(s, user_id);
    if (s.step()) {
      page.unread = s.int64(1);
      page.total = unread_only ? page.unread : s.int64(0);
    }
  }
  if (offset >= page.total) return page;
  auto s = c.prepare(unread_only ? kUnread : kAll);
  bind_all(s, user_id, limit, offset);
  while (s.step()) page.items.push_back(read_row(s));
  return page;
}

std::optional<Notification> NotificationStore::find(storage::Connection& c, Id user_id, Id id) const {
  static constexpr char kSql[] =
      "SELECT id, user_id, kind, title, body, link, created_at, read_at FROM notifications "
      "WHERE id = ? AND user_id = ?";
  auto s = c.prepare(kSql);
  bind_all(s, id, user_id);
  if (!s.step()) return std::nullopt;
  return read_row(s);
}

bool NotificationStore::mark_read(storage::Connection& c, Id user_id, Id id, std::string const& at) const {
  static constexpr char kSql[] =
      "UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL";
  c.exec(kSql, at, id, user_id);
  return c.changes() > 0;
}

int NotificationStore::mark_all_read(storage::Connection& c, Id user_id, std::string const& at) const {
  static constexpr char kSql[] = "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL";
  c.exec(kSql, at, user_id);
  return c.changes();
}

}  // namespace zhiku
