// The schema's guarantees for proposals, tested on a real SQLite file with raw SQL, as an admin
// with database access would try: nothing submitted is ever overwritten or deleted, and the
// status moves only along the workflow's edges (the same edges as proposal_workflow.cpp).
#include <set>

#include <catch2/catch.hpp>

#include "proposals/proposal_workflow.hpp"
#include "storage/connection.hpp"
#include "storage/error.hpp"
#include "storage/migrations.hpp"
#include "support/process.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using zhiku::test::TempDir;

namespace {

constexpr char kNow[] = "2026-11-29T03:00:00Z";
std::string const kSha(64, 'a');

struct Db {
  TempDir dir;
  std::string path = dir.file("zhiku.db");
  std::unique_ptr<storage::Connection> c;
  Db() {
    c = std::make_unique<storage::Connection>(storage::ConnectionOptions{path, "NORMAL", 1000, false});
    storage::migrate(*c, storage::embedded_migrations());
    c->exec("INSERT INTO users (id, username, display_name, password_hash, roles, created_at, updated_at) "
            "VALUES (1, 'alice', '爱丽丝', 'x', 4, ?, ?)",
            kNow, kNow);
    c->exec("INSERT INTO experts (id, name, organization, user_id, created_at, updated_at) VALUES (1, '王伟', '同济大学', 1, ?, ?)",
            kNow, kNow);
    c->exec("INSERT INTO experts (id, name, organization, created_at, updated_at) VALUES (2, '李娜', '复旦大学', ?, ?)",
            kNow, kNow);
    c->exec("INSERT INTO attachment_files (sha256, size, content_type, created_at) VALUES (?, 10, 'application/pdf', ?)",
            kSha, kNow);
  }
  std::int64_t count(std::string const& sql) {
    auto s = c->prepare(sql);
    s.step();
    return s.int64(0);
  }
};

Id new_draft(storage::Connection& c) {
  c.exec("INSERT INTO proposals (kind, created_by, created_at, updated_at) VALUES ('suggestion', 1, ?, ?)", kNow, kNow);
  Id id = c.last_insert_id();
  c.exec("INSERT INTO proposal_texts (proposal_id, title, body) VALUES (?, '城市更新建议', '## 存在问题\n老旧小区')", id);
  c.exec("INSERT INTO proposal_authors (proposal_id, expert_id, position) VALUES (?, 1, 0)", id);
  c.exec("INSERT INTO proposal_attachments (proposal_id, sha256, filename, created_at) VALUES (?, ?, '附件.pdf', ?)", id,
         kSha, kNow);
  return id;
}

std::int64_t current_version(storage::Connection& c, Id id) {
  auto s = c.prepare("SELECT current_version FROM proposals WHERE id = ?");
  bind_all(s, id);
  s.step();
  return s.int64(0);
}

// What the service does on submit: the version, its attachment list, then the status.
void submit(storage::Connection& c, Id id) {
  std::int64_t n = current_version(c, id) + 1;
  c.exec("INSERT INTO proposal_versions (proposal_id, number, created_at, created_by, content, sha256, body_chars) "
         "VALUES (?, ?, ?, 1, '{}', ?, 4)",
         id, n, kNow, kSha);
  c.exec("INSERT INTO proposal_version_attachments (proposal_id, number, position, sha256, filename, content_type, size) "
         "VALUES (?, ?, 0, ?, '附件.pdf', 'application/pdf', 10)",
         id, n, kSha);
  c.exec("UPDATE proposals SET status = 'submitted', current_version = ? WHERE id = ?", n, id);
}

void set_status(storage::Connection& c, Id id, ProposalStatus to) {
  if (to == ProposalStatus::submitted) return submit(c, id);
  c.exec("UPDATE proposals SET status = ? WHERE id = ?", to_string(to), id);
}

bool refused(std::function<void()> const& f) {
  try {
    f();
  } catch (storage::Error const&) {
    return true;
  }
  return false;
}

// A path of workflow edges from draft to `target` (breadth first).
std::vector<ProposalStatus> path_to(ProposalStatus target) {
  std::map<ProposalStatus, ProposalStatus> came_from;
  std::vector<ProposalStatus> queue = {ProposalStatus::draft};
  std::set<ProposalStatus> seen = {ProposalStatus::draft};
  for (std::size_t i = 0; i < queue.size(); ++i)
    for (auto const& t : proposal_workflow::transitions())
      if (t.from == queue[i] && seen.insert(t.to).second) {
        came_from[t.to] = t.from;
        queue.push_back(t.to);
      }
  std::vector<ProposalStatus> path;
  for (auto s = target; s != ProposalStatus::draft; s = came_from.at(s)) path.insert(path.begin(), s);
  return path;
}

}  // namespace

TEST_CASE("a submitted version cannot be changed or removed", "[proposals][schema]") {
  Db db;
  auto& c = *db.c;
  Id id = new_draft(c);
  submit(c, id);
  CHECK(refused([&] { c.exec("UPDATE proposal_versions SET content = '{\"forged\":1}' WHERE proposal_id = ?", id); }));
  CHECK(refused([&] { c.exec("UPDATE proposal_versions SET sha256 = ? WHERE proposal_id = ?", std::string(64, 'b'), id); }));
  CHECK(refused([&] { c.exec("DELETE FROM proposal_versions WHERE proposal_id = ?", id); }));
  CHECK(refused([&] { c.exec("DELETE FROM proposal_versions"); }));
  CHECK(refused([&] { c.exec("UPDATE proposal_version_attachments SET filename = 'x.pdf'"); }));
  CHECK(refused([&] { c.exec("DELETE FROM proposal_version_attachments"); }));
  // Nothing can be added to a frozen version's attachment list.
  CHECK(refused([&] {
    c.exec("INSERT INTO proposal_version_attachments VALUES (?, 1, 1, ?, 'b.pdf', 'application/pdf', 10)", id, kSha);
  }));
  // The attachment file a version names stays.
  CHECK(refused([&] { c.exec("DELETE FROM attachment_files WHERE sha256 = ?", kSha); }));
  CHECK(refused([&] { c.exec("UPDATE attachment_files SET size = 11"); }));
  CHECK(db.count("SELECT count(*) FROM proposal_versions") == 1);
  CHECK(db.count("SELECT count(*) FROM proposal_version_attachments") == 1);
}

TEST_CASE("versions are numbered in order and the proposal's record of them only moves forward",
          "[proposals][schema]") {
  Db db;
  auto& c = *db.c;
  Id id = new_draft(c);
  submit(c, id);
  CHECK(refused([&] {
    c.exec("INSERT INTO proposal_versions (proposal_id, number, created_at, content, sha256, body_chars) "
           "VALUES (?, 3, ?, '{}', ?, 0)",
           id, kNow, kSha);
  }));
  CHECK(refused([&] { c.exec("UPDATE proposals SET current_version = 0 WHERE id = ?", id); }));
  CHECK(refused([&] { c.exec("UPDATE proposals SET current_version = 2 WHERE id = ?", id); }));  // no version 2
  // A submit without a new version is refused.
  c.exec("UPDATE proposals SET status = 'returned' WHERE id = ?", id);
  CHECK(refused([&] { c.exec("UPDATE proposals SET status = 'submitted' WHERE id = ?", id); }));
  submit(c, id);
  CHECK(current_version(c, id) == 2);
  CHECK(refused([&] { c.exec("INSERT INTO proposals (kind, status, created_at, updated_at) VALUES ('report', 'accepted', ?, ?)", kNow, kNow); }));
}

TEST_CASE("a submitted proposal's content and history stay as sent", "[proposals][schema]") {
  Db db;
  auto& c = *db.c;
  Id id = new_draft(c);
  c.exec("INSERT INTO proposal_events (proposal_id, at, action, from_status, to_status) VALUES (?, ?, 'submit', 'draft', 'submitted')",
         id, kNow);
  submit(c, id);
  CHECK(refused([&] { c.exec("UPDATE proposal_texts SET body = '改写' WHERE proposal_id = ?", id); }));
  CHECK(refused([&] { c.exec("UPDATE proposals SET kind = 'report' WHERE id = ?", id); }));
  CHECK(refused([&] { c.exec("DELETE FROM proposal_authors WHERE proposal_id = ?", id); }));
  CHECK(refused([&] { c.exec("INSERT INTO proposal_authors VALUES (?, 2, 1)", id); }));
  CHECK(refused([&] { c.exec("DELETE FROM proposal_attachments WHERE proposal_id = ?", id); }));
  CHECK(refused([&] { c.exec("UPDATE proposal_events SET note = '改写'"); }));
  CHECK(refused([&] { c.exec("DELETE FROM proposal_events"); }));
  CHECK(refused([&] { c.exec("DELETE FROM proposal_texts WHERE proposal_id = ?", id); }));
  CHECK(refused([&] { c.exec("DELETE FROM proposals WHERE id = ?", id); }));
  // Withdrawn is as far as it goes: still there, versions and all.
  c.exec("UPDATE proposals SET status = 'withdrawn' WHERE id = ?", id);
  CHECK(refused([&] { c.exec("DELETE FROM proposals WHERE id = ?", id); }));
  CHECK(db.count("SELECT count(*) FROM proposals") == 1);

  SECTION("a returned proposal is editable again, and its versions are still frozen") {
    Id other = new_draft(c);
    submit(c, other);
    c.exec("UPDATE proposals SET status = 'returned' WHERE id = ?", other);
    c.exec("UPDATE proposal_texts SET body = '修改后的正文' WHERE proposal_id = ?", other);
    c.exec("DELETE FROM proposal_attachments WHERE proposal_id = ?", other);
    CHECK(refused([&] { c.exec("UPDATE proposal_versions SET content = '{}' WHERE proposal_id = ?", other); }));
  }
}

TEST_CASE("a draft never submitted can be deleted with everything it holds", "[proposals][schema]") {
  Db db;
  auto& c = *db.c;
  Id id = new_draft(c);
  c.exec("INSERT INTO proposal_events (proposal_id, at, action, from_status, to_status) VALUES (?, ?, 'create', 'draft', 'draft')",
         id, kNow);
  c.exec("DELETE FROM proposals WHERE id = ?", id);
  CHECK(db.count("SELECT count(*) FROM proposal_texts") == 0);
  CHECK(db.count("SELECT count(*) FROM proposal_authors") == 0);
  CHECK(db.count("SELECT count(*) FROM proposal_attachments") == 0);
  CHECK(db.count("SELECT count(*) FROM proposal_events") == 0);
  CHECK(db.count("SELECT count(*) FROM proposals_fts WHERE proposals_fts MATCH '老旧'") == 0);
}

TEST_CASE("the status moves only along the workflow's edges, in the schema too", "[proposals][schema]") {
  Db db;
  auto& c = *db.c;
  std::set<std::pair<ProposalStatus, ProposalStatus>> edges;
  for (auto const& t : proposal_workflow::transitions()) edges.insert({t.from, t.to});
  for (ProposalStatus from : kAllProposalStatuses) {
    for (ProposalStatus to : kAllProposalStatuses) {
      if (from == to) continue;
      INFO(to_string(from) << " → " << to_string(to));
      storage::Transaction tx(c);
      Id id = new_draft(c);
      for (ProposalStatus step : path_to(from)) set_status(c, id, step);
      bool const ok = !refused([&] { set_status(c, id, to); });
      CHECK(ok == (edges.count({from, to}) == 1));
      // The transaction rolls back: every pair starts from a fresh draft.
    }
  }
}

TEST_CASE("the sqlite3 shell, foreign keys off, cannot change a version either", "[proposals][schema]") {
  Db db;
  Id id = new_draft(*db.c);
  db.c->exec("INSERT INTO proposal_events (proposal_id, at, action, from_status, to_status) VALUES (?, ?, 'submit', 'draft', 'submitted')",
             id, kNow);
  submit(*db.c, id);
  db.c.reset();  // close, as the server would on stop
  for (std::string const sql : {"UPDATE proposal_versions SET content = 'x';", "DELETE FROM proposal_versions;",
                                "DELETE FROM proposal_version_attachments;", "DELETE FROM attachment_files;",
                                "DELETE FROM proposal_events;", "UPDATE proposals SET current_version = 0;",
                                "DELETE FROM proposals;"}) {
    auto r = test::run_process({"/usr/bin/sqlite3", db.path, "PRAGMA foreign_keys = OFF; " + sql});
    INFO(sql << " → " << r.err);
    CHECK(r.exit_code != 0);
  }
  auto r = test::run_process({"/usr/bin/sqlite3", db.path, "SELECT count(*) FROM proposal_versions; SELECT current_version FROM proposals;"});
  CHECK(r.out == "1\n1\n");
}
