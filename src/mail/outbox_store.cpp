#include "mail/outbox_store.hpp"

namespace zhiku {

namespace {

constexpr char kColumns[] =
    "id, user_id, kind, to_address, subject, body, status, attempts, next_attempt_at, last_error, created_at, sent_at";

OutboxMessage read_row(storage::Statement const& s) {
  OutboxMessage m;
  m.id = s.int64(0);
  m.user_id = s.opt_int64(1);
  m.kind = s.text(2);
  m.to_address = s.text(3);
  m.subject = s.text(4);
  m.body = s.text(5);
  m.status = mail_status_from(s.text(6)).value_or(MailStatus::failed);
  m.attempts = static_cast<int>(s.int64(7));
  m.next_attempt_at = s.text(8);
  m.last_error = s.text(9);
  m.created_at = s.text(10);
  m.sent_at = s.opt_text(11);
  return m;
}

std::string select(std::string_view tail) {
  return std::string("SELECT ") + kColumns + " FROM mail_outbox " + std::string(tail);
}

std::optional<std::string> status_text(std::optional<MailStatus> s) {
  if (!s) return std::nullopt;
  return std::string(to_string(*s));
}

}  // namespace

Id OutboxStore::insert(storage::Connection& c, OutboxMessage const& m) const {
  constexpr char kSql[] =
      "INSERT INTO mail_outbox (user_id, kind, to_address, subject, body, status, next_attempt_at, created_at) "
      "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)";
  c.exec(kSql, m.user_id, m.kind, m.to_address, m.subject, m.body, m.next_attempt_at, m.created_at);
  return c.last_insert_id();
}

std::optional<OutboxMessage> OutboxStore::find(storage::Connection& c, Id id) const {
  static std::string const sql = select("WHERE id = ?");
  return c.query_one(sql, read_row, id);
}

std::vector<OutboxMessage> OutboxStore::claim_due(storage::Connection& c, std::string const& now, int limit) const {
  static std::string const sql =
      select("WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?");
  auto due = c.query_all(sql, read_row, now, limit);
  constexpr char kClaim[] =
      "UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'pending'";
  for (auto& m : due) {
    c.exec(kClaim, m.id);
    m.status = MailStatus::sending;
    ++m.attempts;
  }
  return due;
}

void OutboxStore::mark_sent(storage::Connection& c, Id id, std::string const& now) const {
  constexpr char kSql[] = "UPDATE mail_outbox SET status = 'sent', sent_at = ?, last_error = '' WHERE id = ?";
  c.exec(kSql, now, id);
}

void OutboxStore::mark_attempt_failed(storage::Connection& c, Id id, std::string_view error, bool give_up,
                                      std::string const& next_attempt_at) const {
  constexpr char kSql[] = "UPDATE mail_outbox SET status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?";
  c.exec(kSql, give_up ? "failed" : "pending", error, next_attempt_at, id);
}

int OutboxStore::mark_interrupted(storage::Connection& c, std::string_view note) const {
  constexpr char kSql[] = "UPDATE mail_outbox SET status = 'uncertain', last_error = ? WHERE status = 'sending'";
  c.exec(kSql, note);
  return c.changes();
}

bool OutboxStore::requeue(storage::Connection& c, Id id, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE mail_outbox SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status IN ('failed', "
      "'uncertain')";
  c.exec(kSql, now, id);
  return c.changes() > 0;
}

OutboxPage OutboxStore::list(storage::Connection& c, std::optional<MailStatus> status, int offset, int limit) const {
  static std::string const sql = select("WHERE (?1 IS NULL OR status = ?1) ORDER BY id DESC LIMIT ?2 OFFSET ?3");
  constexpr char kTotal[] = "SELECT count(*) FROM mail_outbox WHERE (?1 IS NULL OR status = ?1)";
  constexpr char kCounts[] = "SELECT status, count(*) FROM mail_outbox GROUP BY status";
  OutboxPage page;
  auto const s = status_text(status);
  page.items = c.query_all(sql, read_row, s, limit, offset);
  page.total = c.query_one(kTotal, storage::first_column<std::int64_t>, s).value_or(0);
  for (auto name : {"pending", "sending", "sent", "failed", "uncertain"}) page.counts[name] = 0;
  for (auto const& [name, n] : c.query_all(
           kCounts, [](storage::Statement const& st) { return std::pair{st.text(0), st.int64(1)}; }))
    page.counts[name] = n;
  return page;
}

bool OutboxStore::is_opted_out(storage::Connection& c, Id user_id, std::string_view kind) const {
  constexpr char kSql[] = "SELECT 1 FROM mail_optouts WHERE user_id = ? AND kind = ?";
  return c.has_row(kSql, user_id, kind);
}

std::vector<std::string> OutboxStore::opted_out_kinds(storage::Connection& c, Id user_id) const {
  constexpr char kSql[] = "SELECT kind FROM mail_optouts WHERE user_id = ? ORDER BY kind";
  return c.query_all(kSql, storage::first_column<std::string>, user_id);
}

void OutboxStore::set_opt_out(storage::Connection& c, Id user_id, std::string_view kind, bool opted_out) const {
  if (opted_out)
    c.exec("INSERT OR IGNORE INTO mail_optouts (user_id, kind) VALUES (?, ?)", user_id, kind);
  else
    c.exec("DELETE FROM mail_optouts WHERE user_id = ? AND kind = ?", user_id, kind);
}

}  // namespace zhiku
