// SQL of member departments (成员单位) and expert topic suggestions (选题建议).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/connection.hpp"
#include "topics/topic.hpp"

namespace zhiku {

class DepartmentStore {
 public:
  // Every department (active ones first when `active_only` is false), by sort then id.
  std::vector<MemberDepartment> list(storage::Connection& c, bool active_only) const;
  std::optional<MemberDepartment> find(storage::Connection& c, Id id) const;
  // Throws Error{conflict} for a name in use.
  Id insert(storage::Connection& c, MemberDepartment const& d, std::string const& now) const;
  // False when the version differs; throws Error{conflict} for a name in use.
  bool update(storage::Connection& c, MemberDepartment const& d, std::string const& now) const;
};

class SuggestionStore {
 public:
  Id insert(storage::Connection& c, Id expert_id, std::string const& title, std::string const& description,
            std::string const& now) const;
  std::optional<TopicSuggestion> find(storage::Connection& c, Id id) const;
  // Suggestions in `status` (every status when nullopt), or of one expert, newest first.
  std::vector<TopicSuggestion> list(storage::Connection& c, std::optional<SuggestionStatus> status,
                                    std::optional<Id> expert_id) const;
  // Records the decision when the version matches; false otherwise.
  bool decide(storage::Connection& c, Id id, std::int64_t version, SuggestionStatus status,
              std::optional<std::string> const& reason, std::optional<Id> topic_id, std::optional<Id> decided_by,
              std::string const& now) const;
};

}  // namespace zhiku
