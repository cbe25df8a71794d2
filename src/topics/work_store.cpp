// SQL of milestones, messages, change requests, midterm checks and acceptance verdicts.
#include "topics/work_store.hpp"

#include "topics/topic_file_store.hpp"

namespace zhiku {

namespace {

Milestone milestone_from_row(storage::Statement& s) {
  return {s.int64(0), s.int64(1), s.text(2), s.text(3), s.opt_text(4), s.int64(5), s.text(6)};
}
constexpr char kMilestoneColumns[] = "id, topic_id, title, due_at, done_at, version, created_at FROM topic_milestones";

constexpr char kChangeColumns[] =
    "id, topic_id, kind, reason, date_field, new_date, status, decision_reason, requested_by, decided_by, "
    "created_at, decided_at FROM topic_changes";

ChangeRequest change_from_row(storage::Statement& s) {
  ChangeRequest r;
  r.id = s.int64(0);
  r.topic_id = s.int64(1);
  r.kind = change_kind_from_string(s.text_view(2)).value_or(ChangeKind::extension);
  r.reason = s.text(3);
  r.date_field = s.opt_text(4);
  r.new_date = s.opt_text(5);
  r.status = change_status_from_string(s.text_view(6)).value_or(ChangeStatus::pending);
  r.decision_reason = s.opt_text(7);
  r.requested_by = s.opt_int64(8);
  r.decided_by = s.opt_int64(9);
  r.created_at = s.text(10);
  r.decided_at = s.opt_text(11);
  return r;
}

template <class... Args>
std::vector<ChangeRequest> changes_where(storage::Connection& c, std::string const& sql, Args const&... args) {
  constexpr char kMembers[] =
      "SELECT expert_id, op FROM topic_change_members WHERE change_id = ? ORDER BY op, expert_id";
  std::vector<ChangeRequest> out;
  {
    auto s = c.prepare(sql);
    bind_all(s, args...);
    while (s.step()) out.push_back(change_from_row(s));
  }
  for (auto& r : out) {
    auto s = c.prepare(kMembers);
    bind_all(s, r.id);
    while (s.step()) (s.text_view(1) == "add" ? r.add : r.remove).push_back({s.int64(0), ""});
  }
  return out;
}

constexpr char kMidtermColumns[] =
    "id, topic_id, launched_at, report, report_file_id, submitted_at, verdict, comments, rectify_by, decided_at "
    "FROM topic_midterms";

std::vector<MidtermCheck> midterms_where(storage::Connection& c, std::string const& sql, Id topic_id) {
  std::vector<std::pair<MidtermCheck, std::optional<Id>>> rows;
  {
    auto s = c.prepare(sql);
    bind_all(s, topic_id);
    while (s.step()) {
      MidtermCheck m;
      m.id = s.int64(0);
      m.topic_id = s.int64(1);
      m.launched_at = s.text(2);
      m.report = s.opt_text(3);
      m.submitted_at = s.opt_text(5);
      m.verdict = s.opt_text(6);
      m.comments = s.opt_text(7);
      m.rectify_by = s.opt_text(8);
      m.decided_at = s.opt_text(9);
      rows.emplace_back(std::move(m), s.opt_int64(4));
    }
  }
  return TopicFileStore().with_files(c, std::move(rows), &MidtermCheck::report_file);
}

}  // namespace

// ---- milestones

Id WorkStore::insert_milestone(storage::Connection& c, Id topic_id, std::string const& title, std::string const& due_at,
                               std::optional<Id> created_by, std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO topic_milestones (topic_id, title, due_at, created_by, created_at) VALUES (?, ?, ?, ?, ?)";
  c.exec(kSql, topic_id, title, due_at, created_by, now);
  return c.last_insert_id();
}

bool WorkStore::set_milestone_done(storage::Connection& c, Id id, std::int64_t version,
                                   std::optional<std::string> const& done_at) const {
  constexpr char kSql[] = "UPDATE topic_milestones SET done_at = ?, version = version + 1 WHERE id = ? AND version = ?";
  c.exec(kSql, done_at, id, version);
  return c.changes() > 0;
}

std::optional<Milestone> WorkStore::find_milestone(storage::Connection& c, Id id) const {
  static std::string const sql = std::string("SELECT ") + kMilestoneColumns + " WHERE id = ?";
  auto s = c.prepare(sql);
  bind_all(s, id);
  if (!s.step()) return std::nullopt;
  return milestone_from_row(s);
}

std::vector<Milestone> WorkStore::milestones(storage::Connection& c, Id topic_id) const {
  static std::string const sql = std::string("SELECT ") + kMilestoneColumns + " WHERE topic_id = ? ORDER BY due_at, id";
  std::vector<Milestone> out;
  auto s = c.prepare(sql);
  bind_all(s, topic_id);
  while (s.step()) out.push_back(milestone_from_row(s));
  return out;
}

// ---- messages

Id WorkStore::insert_message(storage::Connection& c, TopicMessage const& m) const {
  constexpr char kSql[] =
      "INSERT INTO topic_messages (topic_id, author_id, author, body, file_id, created_at) VALUES (?, ?, ?, ?, ?, ?)";
  std::optional<Id> file_id;
  if (m.file) file_id = m.file->id;
  c.exec(kSql, m.topic_id, m.author_id, m.author, m.body, file_id, m.created_at);
  return c.last_insert_id();
}

std::vector<TopicMessage> WorkStore::messages(storage::Connection& c, Id topic_id) const {
  constexpr char kSql[] =
      "SELECT id, topic_id, author_id, author, body, file_id, created_at FROM topic_messages WHERE topic_id = ? "
      "ORDER BY id";
  std::vector<std::pair<TopicMessage, std::optional<Id>>> rows;
  {
    auto s = c.prepare(kSql);
    bind_all(s, topic_id);
    while (s.step()) {
      TopicMessage m;
      m.id = s.int64(0);
      m.topic_id = s.int64(1);
      m.author_id = s.opt_int64(2);
      m.author = s.text(3);
      m.body = s.text(4);
      m.created_at = s.text(6);
      rows.emplace_back(std::move(m), s.opt_int64(5));
    }
  }
  return TopicFileStore().with_files(c, std::move(rows), &TopicMessage::file);
}

// ---- change requests

Id WorkStore::insert_change(storage::Connection& c, ChangeRequest const& r) const {
  constexpr char kSql[] =
      "INSERT INTO topic_changes (topic_id, kind, reason, date_field, new_date, requested_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)";
  constexpr char kMember[] = "INSERT INTO topic_change_members (change_id, expert_id, op) VALUES (?, ?, ?)";
  c.exec(kSql, r.topic_id, to_string(r.kind), r.reason, r.date_field, r.new_date, r.requested_by, r.created_at);
  Id id = c.last_insert_id();
  for (auto const& m : r.add) c.exec(kMember, id, m.id, "add");
  for (auto const& m : r.remove) c.exec(kMember, id, m.id, "remove");
  return id;
}

void WorkStore::decide_change(storage::Connection& c, Id id, ChangeStatus status, std::string const& reason,
                              std::optional<Id> decided_by, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE topic_changes SET status = ?, decision_reason = ?, decided_by = ?, decided_at = ? WHERE id = ?";
  c.exec(kSql, to_string(status), reason, decided_by, now, id);
}

std::optional<ChangeRequest> WorkStore::find_change(storage::Connection& c, Id id) const {
  static std::string const sql = std::string("SELECT ") + kChangeColumns + " WHERE id = ?";
  auto rows = changes_where(c, sql, id);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::vector<ChangeRequest> WorkStore::changes(storage::Connection& c, Id topic_id) const {
  static std::string const sql = std::string("SELECT ") + kChangeColumns + " WHERE topic_id = ? ORDER BY id";
  return changes_where(c, sql, topic_id);
}

std::vector<ChangeRequest> WorkStore::pending_changes(storage::Connection& c) const {
  static std::string const sql = std::string("SELECT ") + kChangeColumns + " WHERE status = 'pending' ORDER BY id";
  return changes_where(c, sql);
}

bool WorkStore::has_pending_change(storage::Connection& c, Id topic_id) const {
  constexpr char kSql[] = "SELECT 1 FROM topic_changes WHERE topic_id = ? AND status = 'pending'";
  auto s = c.prepare(kSql);
  bind_all(s, topic_id);
  return s.step();
}

// ---- midterm checks

Id WorkStore::launch_midterm(storage::Connection& c, Id topic_id, std::optional<Id> launched_by,
                             std::string const& now) const {
  constexpr char kSql[] = "INSERT INTO topic_midterms (topic_id, launched_at, launched_by) VALUES (?, ?, ?)";
  c.exec(kSql, topic_id, now, launched_by);
  return c.last_insert_id();
}

std::optional<MidtermCheck> WorkStore::latest_midterm(storage::Connection& c, Id topic_id) const {
  static std::string const sql =
      std::string("SELECT ") + kMidtermColumns + " WHERE topic_id = ? ORDER BY id DESC LIMIT 1";
  auto rows = midterms_where(c, sql, topic_id);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::vector<MidtermCheck> WorkStore::midterms(storage::Connection& c, Id topic_id) const {
  static std::string const sql = std::string("SELECT ") + kMidtermColumns + " WHERE topic_id = ? ORDER BY id";
  return midterms_where(c, sql, topic_id);
}

void WorkStore::submit_midterm_report(storage::Connection& c, Id id, std::string const& report,
                                      std::optional<Id> file_id, std::string const& now) const {
  constexpr char kSql[] = "UPDATE topic_midterms SET report = ?, report_file_id = ?, submitted_at = ? WHERE id = ?";
  c.exec(kSql, report, file_id, now, id);
}

void WorkStore::decide_midterm(storage::Connection& c, Id id, std::string const& verdict, std::string const& comments,
                               std::optional<std::string> const& rectify_by, std::optional<Id> decided_by,
                               std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE topic_midterms SET verdict = ?, comments = ?, rectify_by = ?, decided_by = ?, decided_at = ? "
      "WHERE id = ?";
  c.exec(kSql, verdict, comments, rectify_by, decided_by, now, id);
}

// ---- acceptance

Id WorkStore::insert_acceptance(storage::Connection& c, Acceptance const& a) const {
  constexpr char kSql[] =
      "INSERT INTO topic_acceptances (topic_id, verdict, comments, proposal_id, decided_by, decided_at) "
      "VALUES (?, ?, ?, ?, ?, ?)";
  c.exec(kSql, a.topic_id, a.verdict, a.comments, a.proposal_id, a.decided_by, a.decided_at);
  return c.last_insert_id();
}

std::vector<Acceptance> WorkStore::acceptances(storage::Connection& c, Id topic_id) const {
  constexpr char kSql[] =
      "SELECT id, topic_id, verdict, comments, proposal_id, decided_by, decided_at FROM topic_acceptances "
      "WHERE topic_id = ? ORDER BY id";
  std::vector<Acceptance> out;
  auto s = c.prepare(kSql);
  bind_all(s, topic_id);
  while (s.step())
    out.push_back({s.int64(0), s.int64(1), s.text(2), s.text(3), s.opt_int64(4), s.opt_int64(5), s.text(6)});
  return out;
}

}  // namespace zhiku
