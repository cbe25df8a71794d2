// SQL of the module's files (opinion letters, attachments, midterm reports, working-space
// documents): kept in the database with their SHA-256, behind this one class so that moving them
// to a shared file store later changes one file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/connection.hpp"
#include "topics/topic.hpp"

namespace zhiku {

class TopicFileStore {
 public:
  // Stores the bytes (already checked by file_problem) and returns the id.
  Id insert(storage::Connection& c, TopicFile const& meta, std::string_view bytes) const;
  // Metadata only.
  std::optional<TopicFile> find(storage::Connection& c, Id id) const;
  // The bytes, or nullopt.
  std::optional<std::string> content(storage::Connection& c, Id id) const;
  // A topic's files of `kind` ("" for every kind), oldest first.
  std::vector<TopicFile> for_topic(storage::Connection& c, Id topic_id, std::string const& kind) const;

  // Rows read together with the id of the file each refers to: the rows, with `file` set to the
  // file's metadata where there is one.
  template <class Row>
  std::vector<Row> with_files(storage::Connection& c, std::vector<std::pair<Row, std::optional<Id>>> rows,
                              std::optional<TopicFile> Row::*file) const {
    std::vector<Row> out;
    out.reserve(rows.size());
    for (auto& [row, file_id] : rows) {
      if (file_id) row.*file = find(c, *file_id);
      out.push_back(std::move(row));
    }
    return out;
  }
};

}  // namespace zhiku
