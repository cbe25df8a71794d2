// SQL of the module's files.
#include "topics/topic_file_store.hpp"

namespace zhiku {

namespace {
constexpr char kColumns[] = "id, topic_id, kind, filename, content_type, size, sha256, uploaded_by, created_at";

TopicFile file_from_row(storage::Statement& s) {
  return {s.int64(0), s.int64(1), s.text(2), s.text(3), s.text(4), s.int64(5), s.text(6), s.opt_int64(7), s.text(8)};
}
}  // namespace

Id TopicFileStore::insert(storage::Connection& c, TopicFile const& m, std::string_view bytes) const {
  constexpr char kSql[] =
      "INSERT INTO topic_files (topic_id, kind, filename, content_type, size, sha256, content, uploaded_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  c.exec(kSql, m.topic_id, m.kind, m.filename, m.content_type, static_cast<std::int64_t>(bytes.size()), m.sha256,
         storage::Blob{bytes}, m.uploaded_by, m.created_at);
  return c.last_insert_id();
}

std::optional<TopicFile> TopicFileStore::find(storage::Connection& c, Id id) const {
  static std::string const sql = std::string("SELECT ") + kColumns + " FROM topic_files WHERE id = ?";
  auto s = c.prepare(sql);
  bind_all(s, id);
  if (!s.step()) return std::nullopt;
  return file_from_row(s);
}

std::optional<std::string> TopicFileStore::content(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT content FROM topic_files WHERE id = ?";
  auto s = c.prepare(kSql);
  bind_all(s, id);
  if (!s.step()) return std::nullopt;
  return s.blob(0);
}

std::vector<TopicFile> TopicFileStore::for_topic(storage::Connection& c, Id topic_id, std::string const& kind) const {
  static std::string const sql =
      std::string("SELECT ") + kColumns + " FROM topic_files WHERE topic_id = ? AND (? = '' OR kind = ?) ORDER BY id";
  std::vector<TopicFile> out;
  auto s = c.prepare(sql);
  bind_all(s, topic_id, kind, kind);
  while (s.step()) out.push_back(file_from_row(s));
  return out;
}

}  // namespace zhiku
