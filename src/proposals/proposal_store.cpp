// SQL of proposals. The schema's triggers (migration 0040) guard what is frozen; this file writes
// in the order they require (a version's rows before the proposal records it).
#include "proposals/proposal_store.hpp"

#include <algorithm>

#include "core/json.hpp"

namespace zhiku {

namespace {

constexpr char kKeywordSeparator[] = "、";

std::string join_keywords(std::vector<std::string> const& keywords) {
  std::string out;
  for (auto const& k : keywords) {
    if (!out.empty()) out += kKeywordSeparator;
    out += k;
  }
  return out;
}

std::vector<std::string> split_keywords(std::string const& text) {
  std::vector<std::string> out;
  std::string_view const sep = kKeywordSeparator;
  size_t start = 0;
  while (start < text.size()) {
    size_t at = text.find(sep, start);
    if (at == std::string::npos) at = text.size();
    if (at > start) out.push_back(text.substr(start, at - start));
    start = at + sep.size();
  }
  return out;
}

std::vector<Id> read_ids(storage::Connection& c, std::string_view sql, Id owner) {
  return c.query_all(sql, storage::first_column<Id>, owner);
}

void replace_ids(storage::Connection& c, std::string_view delete_sql, std::string_view insert_sql, Id owner,
                 std::vector<Id> const& ids) {
  c.exec(delete_sql, owner);
  std::int64_t position = 0;
  for (Id id : ids) c.exec(insert_sql, owner, id, position++);
}

void write_lists(storage::Connection& c, Id id, ProposalContent const& content) {
  constexpr char kDeleteAuthors[] = "DELETE FROM proposal_authors WHERE proposal_id = ?";
  constexpr char kInsertAuthor[] = "INSERT INTO proposal_authors (proposal_id, expert_id, position) VALUES (?, ?, ?)";
  constexpr char kDeleteFields[] = "DELETE FROM proposal_fields WHERE proposal_id = ?";
  constexpr char kInsertField[] = "INSERT INTO proposal_fields (proposal_id, field_id, position) VALUES (?, ?, ?)";
  replace_ids(c, kDeleteAuthors, kInsertAuthor, id, content.author_ids);
  replace_ids(c, kDeleteFields, kInsertField, id, content.field_ids);
}

std::string ids_json(std::vector<Id> const& ids) { return Json(ids).dump(); }

std::string statuses_json(std::vector<ProposalStatus> const& statuses) {
  Json j = Json::array();
  for (auto s : statuses) j.push_back(std::string(to_string(s)));
  return j.dump();
}

// The filters as the list's SQL binds them (text, or NULL for no filter).
struct ListParams {
  std::optional<std::string> kind, statuses, sensitivity, fields, year;
};

ListParams list_params(ProposalListFilter const& f) {
  ListParams p;
  if (f.kind) p.kind = std::string(to_string(*f.kind));
  if (f.sensitivity) p.sensitivity = std::string(to_string(*f.sensitivity));
  if (!f.statuses.empty()) p.statuses = statuses_json(f.statuses);
  if (!f.field_ids.empty()) p.fields = ids_json(f.field_ids);
  if (f.year) p.year = std::to_string(*f.year);
  return p;
}

ProposalVersion version_from_row(storage::Statement& s, bool with_content) {
  ProposalVersion v;
  v.proposal_id = s.int64(0);
  v.number = s.int64(1);
  v.created_at = s.text(2);
  v.created_by = s.opt_int64(3);
  v.sha256 = s.text(4);
  v.body_chars = s.int64(5);
  if (with_content) v.content = s.text(6);
  return v;
}

ProposalRow row_from(storage::Statement& s) {
  ProposalRow r;
  r.id = s.int64(0);
  r.kind = proposal_kind_from_string(s.text_view(1)).value_or(ProposalKind::suggestion);
  r.status = proposal_status_from_string(s.text_view(2)).value_or(ProposalStatus::draft);
  r.sensitivity = sensitivity_from_string(s.text_view(3)).value_or(Sensitivity::internal);
  r.title = s.text(4);
  r.call_id = s.opt_int64(5);
  r.topic_id = s.opt_int64(6);
  r.body_chars = s.int64(7);
  r.current_version = s.int64(8);
  r.attachment_count = s.int64(9);
  r.submitted_at = s.opt_text(10);
  r.created_at = s.text(11);
  r.updated_at = s.text(12);
  return r;
}

// The list's columns and its WHERE clause, shared by the page and the count. Parameters:
// ?1 the viewer's expert id (or null), ?2 coordinator, ?3 leader, ?4 admin, ?5 mine, ?6 kind,
// ?7 statuses (a JSON array or null), ?8 call, ?9 topic, ?10 sensitivity, ?11 field ids (JSON
// array or null), ?12 year (text or null), ?13 the FTS5 match (or null).
// Visibility is SPEC "Confidentiality": drafts to their authors alone; coordinators every
// proposal sent in; leaders the reviewed and decided ones; admins what is sent in and not
// restricted; everybody the public proposals that are decided.
#define ZHIKU_PROPOSAL_LIST_FROM                                                                                  \
  " FROM proposals p JOIN proposal_texts t ON t.proposal_id = p.id WHERE "                                        \
  "(EXISTS (SELECT 1 FROM proposal_authors a WHERE a.proposal_id = p.id AND a.expert_id = ?1) "                   \
  " OR (p.status <> 'draft' AND (?2 = 1 OR (?3 = 1 AND p.status IN ('reviewed', 'decided')) "                     \
  "     OR (?4 = 1 AND p.sensitivity <> 'restricted') OR (p.sensitivity = 'public' AND p.status = 'decided')))) " \
  "AND (?5 = 0 OR EXISTS (SELECT 1 FROM proposal_authors a WHERE a.proposal_id = p.id AND a.expert_id = ?1)) "    \
  "AND (?6 IS NULL OR p.kind = ?6) "                                                                              \
  "AND (?7 IS NULL OR p.status IN (SELECT value FROM json_each(?7))) "                                            \
  "AND (?8 IS NULL OR p.call_id = ?8) AND (?9 IS NULL OR p.topic_id = ?9) "                                        \
  "AND (?10 IS NULL OR p.sensitivity = ?10) "                                                                     \
  "AND (?11 IS NULL OR EXISTS (SELECT 1 FROM proposal_fields f WHERE f.proposal_id = p.id "                       \
  "     AND f.field_id IN (SELECT value FROM json_each(?11)))) "                                                  \
  "AND (?12 IS NULL OR substr(coalesce(p.first_submitted_at, p.created_at), 1, 4) = ?12) "                        \
  "AND (?13 IS NULL OR p.id IN (SELECT rowid FROM proposals_fts WHERE proposals_fts MATCH ?13)) "

#define ZHIKU_PROPOSAL_LIST_COLUMNS                                                                  \
  "SELECT p.id, p.kind, p.status, p.sensitivity, t.title, p.call_id, p.topic_id, p.body_chars, "     \
  "p.current_version, (SELECT count(*) FROM proposal_attachments x WHERE x.proposal_id = p.id), "   \
  "p.submitted_at, p.created_at, p.updated_at"

}  // namespace

Id ProposalStore::insert(storage::Connection& c, ProposalContent const& content, std::int64_t body_chars,
                         std::optional<Id> created_by, std::string const& now) const {
  constexpr char kInsert[] =
      "INSERT INTO proposals (kind, sensitivity, call_id, topic_id, body_chars, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  constexpr char kTexts[] =
      "INSERT INTO proposal_texts (proposal_id, title, summary, keywords, body) VALUES (?, ?, ?, ?, ?)";
  c.exec(kInsert, to_string(content.kind), to_string(content.sensitivity), content.call_id, content.topic_id,
         body_chars, created_by, now, now);
  Id id = c.last_insert_id();
  c.exec(kTexts, id, content.title, content.summary, join_keywords(content.keywords), content.body);
  write_lists(c, id, content);
  return id;
}

bool ProposalStore::update(storage::Connection& c, Id id, std::int64_t version, ProposalContent const& content,
                           std::int64_t body_chars, std::string const& now) const {
  constexpr char kUpdate[] =
      "UPDATE proposals SET kind = ?, sensitivity = ?, call_id = ?, topic_id = ?, body_chars = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?";
  constexpr char kTexts[] =
      "UPDATE proposal_texts SET title = ?, summary = ?, keywords = ?, body = ? WHERE proposal_id = ?";
  c.exec(kUpdate, to_string(content.kind), to_string(content.sensitivity), content.call_id, content.topic_id,
         body_chars, now, id, version);
  if (c.changes() == 0) return false;
  c.exec(kTexts, content.title, content.summary, join_keywords(content.keywords), content.body, id);
  write_lists(c, id, content);
  return true;
}

std::optional<Proposal> ProposalStore::find(storage::Connection& c, Id id) const {
  constexpr char kSql[] =
      "SELECT p.id, p.version, p.status, p.status_note, p.kind, p.sensitivity, p.call_id, p.topic_id, p.body_chars, "
      "p.current_version, p.created_by, p.first_submitted_at, p.submitted_at, p.created_at, p.updated_at, "
      "t.title, t.summary, t.keywords, t.body FROM proposals p JOIN proposal_texts t ON t.proposal_id = p.id "
      "WHERE p.id = ?";
  constexpr char kAuthors[] = "SELECT expert_id FROM proposal_authors WHERE proposal_id = ? ORDER BY position";
  constexpr char kFields[] = "SELECT field_id FROM proposal_fields WHERE proposal_id = ? ORDER BY position";
  constexpr char kAttachments[] =
      "SELECT a.id, a.filename, f.content_type, f.size, a.sha256, a.created_at FROM proposal_attachments a "
      "JOIN attachment_files f ON f.sha256 = a.sha256 WHERE a.proposal_id = ? ORDER BY a.position, a.id";
  auto p = c.query_one(kSql, [](storage::Statement& s) {
    Proposal p;
    p.id = s.int64(0);
    p.version = s.int64(1);
    p.status = proposal_status_from_string(s.text_view(2)).value_or(ProposalStatus::draft);
    p.status_note = s.opt_text(3);
    p.content.kind = proposal_kind_from_string(s.text_view(4)).value_or(ProposalKind::suggestion);
    p.content.sensitivity = sensitivity_from_string(s.text_view(5)).value_or(Sensitivity::internal);
    p.content.call_id = s.opt_int64(6);
    p.content.topic_id = s.opt_int64(7);
    p.body_chars = s.int64(8);
    p.current_version = s.int64(9);
    p.created_by = s.opt_int64(10);
    p.first_submitted_at = s.opt_text(11);
    p.submitted_at = s.opt_text(12);
    p.created_at = s.text(13);
    p.updated_at = s.text(14);
    p.content.title = s.text(15);
    p.content.summary = s.text(16);
    p.content.keywords = split_keywords(s.text(17));
    p.content.body = s.text(18);
    return p;
  }, id);
  if (!p) return std::nullopt;
  p->content.author_ids = read_ids(c, kAuthors, id);
  p->content.field_ids = read_ids(c, kFields, id);
  p->attachments = c.query_all(kAttachments, [](storage::Statement& s) {
    Attachment a;
    a.id = s.int64(0);
    a.filename = s.text(1);
    a.content_type = s.text(2);
    a.size = s.int64(3);
    a.sha256 = s.text(4);
    a.created_at = s.text(5);
    return a;
  }, id);
  return p;
}

std::vector<Id> ProposalStore::coauthors(storage::Connection& c, Id expert_id) const {
  constexpr char kSql[] =
      "SELECT DISTINCT o.expert_id FROM proposal_authors a JOIN proposal_authors o ON o.proposal_id = a.proposal_id "
      "JOIN proposals p ON p.id = a.proposal_id WHERE a.expert_id = ? AND o.expert_id <> a.expert_id "
      "AND p.status <> 'draft' ORDER BY o.expert_id";
  return c.query_all(kSql, storage::first_column<Id>, expert_id);
}

bool ProposalStore::is_author(storage::Connection& c, Id id, Id expert_id) const {
  constexpr char kSql[] = "SELECT 1 FROM proposal_authors WHERE proposal_id = ? AND expert_id = ?";
  return c.has_row(kSql, id, expert_id);
}

void ProposalStore::set_status(storage::Connection& c, Id id, ProposalStatus to, std::optional<std::string> const& note,
                               std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE proposals SET status = ?, status_note = ?, updated_at = ?, version = version + 1 WHERE id = ?";
  c.exec(kSql, to_string(to), note, now, id);
}

void ProposalStore::freeze(storage::Connection& c, ProposalVersion const& v, std::vector<Attachment> const& attachments,
                           std::string const& now) const {
  constexpr char kVersion[] =
      "INSERT INTO proposal_versions (proposal_id, number, created_at, created_by, content, sha256, body_chars) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)";
  constexpr char kAttachment[] =
      "INSERT INTO proposal_version_attachments (proposal_id, number, position, sha256, filename, content_type, size) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)";
  constexpr char kSubmitted[] =
      "UPDATE proposals SET status = 'submitted', status_note = NULL, current_version = ?, submitted_at = ?, "
      "first_submitted_at = coalesce(first_submitted_at, ?), updated_at = ?, version = version + 1 WHERE id = ?";
  c.exec(kVersion, v.proposal_id, v.number, v.created_at, v.created_by, v.content, v.sha256, v.body_chars);
  std::int64_t position = 0;
  for (auto const& a : attachments)
    c.exec(kAttachment, v.proposal_id, v.number, position++, a.sha256, a.filename, a.content_type, a.size);
  c.exec(kSubmitted, v.number, now, now, now, v.proposal_id);
}

std::vector<ProposalVersion> ProposalStore::versions(storage::Connection& c, Id id) const {
  constexpr char kSql[] =
      "SELECT proposal_id, number, created_at, created_by, sha256, body_chars FROM proposal_versions "
      "WHERE proposal_id = ? ORDER BY number";
  return c.query_all(kSql, [](storage::Statement& s) { return version_from_row(s, false); }, id);
}

std::optional<ProposalVersion> ProposalStore::version(storage::Connection& c, Id id, std::int64_t number) const {
  constexpr char kSql[] =
      "SELECT proposal_id, number, created_at, created_by, sha256, body_chars, content FROM proposal_versions "
      "WHERE proposal_id = ? AND number = ?";
  return c.query_one(kSql, [](storage::Statement& s) { return version_from_row(s, true); }, id, number);
}

void ProposalStore::add_event(storage::Connection& c, Id id, ProposalEvent const& e) const {
  constexpr char kSql[] =
      "INSERT INTO proposal_events (proposal_id, at, actor_id, actor_name, action, from_status, to_status, note, "
      "version_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  c.exec(kSql, id, e.at, e.actor_id, e.actor_name, to_string(e.action), to_string(e.from), to_string(e.to), e.note,
         e.version_number);
}

std::vector<ProposalEvent> ProposalStore::events(storage::Connection& c, Id id) const {
  constexpr char kSql[] =
      "SELECT id, at, actor_id, actor_name, action, from_status, to_status, note, version_number "
      "FROM proposal_events WHERE proposal_id = ? ORDER BY id";
  return c.query_all(kSql, [](storage::Statement& s) {
    ProposalEvent e;
    e.id = s.int64(0);
    e.at = s.text(1);
    e.actor_id = s.opt_int64(2);
    e.actor_name = s.text(3);
    e.action = proposal_action_from_string(s.text_view(4)).value_or(ProposalAction::submit);
    e.from = proposal_status_from_string(s.text_view(5)).value_or(ProposalStatus::draft);
    e.to = proposal_status_from_string(s.text_view(6)).value_or(ProposalStatus::draft);
    e.note = s.text(7);
    e.version_number = s.opt_int64(8);
    return e;
  }, id);
}

std::vector<Id> ProposalStore::search_ids(storage::Connection& c, std::string const& match, int limit) const {
  constexpr char kSql[] = "SELECT rowid FROM proposals_fts WHERE proposals_fts MATCH ? ORDER BY rank LIMIT ?";
  return c.query_all(kSql, storage::first_column<Id>, match, static_cast<std::int64_t>(limit));
}

std::optional<std::string> ProposalStore::sent_body(storage::Connection& c, Id id) const {
  constexpr char kSql[] =
      "SELECT t.body FROM proposal_texts t JOIN proposals p ON p.id = t.proposal_id "
      "WHERE t.proposal_id = ? AND p.current_version > 0 AND p.status NOT IN ('draft', 'withdrawn')";
  return c.query_one(kSql, storage::first_column<std::string>, id);
}

void ProposalStore::add_duplicate(storage::Connection& c, Id id, Id other, double similarity,
                                  std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO proposal_duplicates (proposal_id, other_id, similarity, found_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (proposal_id, other_id) DO UPDATE SET similarity = excluded.similarity, found_at = excluded.found_at";
  c.exec(kSql, id, other, similarity, now);
}

std::vector<PossibleDuplicate> ProposalStore::duplicates(storage::Connection& c, Id id) const {
  constexpr char kSql[] =
      "SELECT d.other_id, t.title, d.similarity FROM proposal_duplicates d "
      "JOIN proposal_texts t ON t.proposal_id = d.other_id WHERE d.proposal_id = ?1 "
      "UNION ALL SELECT d.proposal_id, t.title, d.similarity FROM proposal_duplicates d "
      "JOIN proposal_texts t ON t.proposal_id = d.proposal_id WHERE d.other_id = ?1 ORDER BY 3 DESC, 1";
  auto all = c.query_all(kSql, [](storage::Statement& s) {
    return PossibleDuplicate{s.int64(0), s.text(1), s.real(2)};
  }, id);
  std::vector<PossibleDuplicate> out;
  for (auto& d : all)
    if (std::none_of(out.begin(), out.end(), [&](auto const& o) { return o.id == d.id; })) out.push_back(std::move(d));
  return out;
}

ProposalFacets ProposalStore::facets(storage::Connection& c, ProposalViewer const& v, ProposalListFilter const& f) const {
  // Each count leaves its own filter out (binds it NULL): what picking another value would find.
  constexpr char kStatus[] = "SELECT p.status, count(*)" ZHIKU_PROPOSAL_LIST_FROM "GROUP BY 1";
  constexpr char kKind[] = "SELECT p.kind, count(*)" ZHIKU_PROPOSAL_LIST_FROM "GROUP BY 1";
  constexpr char kSensitivity[] = "SELECT p.sensitivity, count(*)" ZHIKU_PROPOSAL_LIST_FROM "GROUP BY 1";
  constexpr char kYear[] =
      "SELECT substr(coalesce(p.first_submitted_at, p.created_at), 1, 4), count(*)" ZHIKU_PROPOSAL_LIST_FROM "GROUP BY 1";
  auto params = list_params(f);
  auto count = [&](std::string_view sql, auto&& blank, auto&& put) {
    ListParams p = params;
    blank(p);
    auto s = c.prepare(sql);
    bind_all(s, v.expert_id, v.coordinator, v.leader, v.admin, f.mine, p.kind, p.statuses, f.call_id, f.topic_id,
             p.sensitivity, p.fields, p.year, f.match);
    while (s.step()) put(s.text(0), s.int64(1));
  };
  ProposalFacets out;
  count(kStatus, [](ListParams& p) { p.statuses.reset(); }, [&](std::string k, std::int64_t n) { out.status[k] = n; });
  count(kKind, [](ListParams& p) { p.kind.reset(); }, [&](std::string k, std::int64_t n) { out.kind[k] = n; });
  count(kSensitivity, [](ListParams& p) { p.sensitivity.reset(); },
        [&](std::string k, std::int64_t n) { out.sensitivity[k] = n; });
  count(kYear, [](ListParams& p) { p.year.reset(); }, [&](std::string k, std::int64_t n) {
    if (k.size() == 4) out.year[std::stoi(k)] = n;
  });
  return out;
}

std::pair<std::vector<ProposalRow>, std::int64_t> ProposalStore::list(storage::Connection& c,
                                                                      ProposalViewer const& v,
                                                                      ProposalListFilter const& f) const {
  constexpr char kPage[] = ZHIKU_PROPOSAL_LIST_COLUMNS ZHIKU_PROPOSAL_LIST_FROM
      "ORDER BY CASE WHEN ?16 = 1 THEN coalesce(p.submitted_at, p.created_at) END ASC, "
      "CASE WHEN ?16 = 0 THEN coalesce(p.submitted_at, p.updated_at) END DESC, p.id LIMIT ?14 OFFSET ?15";
  constexpr char kCount[] = "SELECT count(*)" ZHIKU_PROPOSAL_LIST_FROM;
  constexpr char kAuthors[] = "SELECT expert_id FROM proposal_authors WHERE proposal_id = ? ORDER BY position";

  auto const p = list_params(f);
  auto bind_filters = [&](storage::Statement& s) {
    bind_all(s, v.expert_id, v.coordinator, v.leader, v.admin, f.mine, p.kind, p.statuses, f.call_id, f.topic_id,
             p.sensitivity, p.fields, p.year, f.match);
  };
  std::vector<ProposalRow> rows;
  {
    auto s = c.prepare(kPage);
    bind_filters(s);
    s.bind(14, static_cast<std::int64_t>(f.limit));
    s.bind(15, static_cast<std::int64_t>(f.offset));
    s.bind(16, f.oldest_first);
    while (s.step()) rows.push_back(row_from(s));
  }
  std::int64_t total = 0;
  {
    auto s = c.prepare(kCount);
    bind_filters(s);
    if (s.step()) total = s.int64(0);
  }
  for (auto& r : rows) r.author_ids = read_ids(c, kAuthors, r.id);
  return {std::move(rows), total};
}

}  // namespace zhiku
