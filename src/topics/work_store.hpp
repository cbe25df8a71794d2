// SQL of an assigned topic's work: milestones, messages, change requests, midterm checks and
// acceptance verdicts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/connection.hpp"
#include "topics/topic.hpp"

namespace zhiku {

class WorkStore {
 public:
  // ---- milestones
  Id insert_milestone(storage::Connection& c, Id topic_id, std::string const& title, std::string const& due_at,
                      std::optional<Id> created_by, std::string const& now) const;
  // Marks done (or not) when the version matches; false otherwise.
  bool set_milestone_done(storage::Connection& c, Id id, std::int64_t version,
                          std::optional<std::string> const& done_at) const;
  std::optional<Milestone> find_milestone(storage::Connection& c, Id id) const;
  std::vector<Milestone> milestones(storage::Connection& c, Id topic_id) const;

  // ---- messages
  Id insert_message(storage::Connection& c, TopicMessage const& m) const;
  std::vector<TopicMessage> messages(storage::Connection& c, Id topic_id) const;

  // ---- change requests
  Id insert_change(storage::Connection& c, ChangeRequest const& r) const;
  void decide_change(storage::Connection& c, Id id, ChangeStatus status, std::string const& reason,
                     std::optional<Id> decided_by, std::string const& now) const;
  std::optional<ChangeRequest> find_change(storage::Connection& c, Id id) const;
  std::vector<ChangeRequest> changes(storage::Connection& c, Id topic_id) const;
  std::vector<ChangeRequest> pending_changes(storage::Connection& c) const;
  bool has_pending_change(storage::Connection& c, Id topic_id) const;

  // ---- midterm checks
  Id launch_midterm(storage::Connection& c, Id topic_id, std::optional<Id> launched_by, std::string const& now) const;
  std::optional<MidtermCheck> latest_midterm(storage::Connection& c, Id topic_id) const;
  std::vector<MidtermCheck> midterms(storage::Connection& c, Id topic_id) const;
  void submit_midterm_report(storage::Connection& c, Id id, std::string const& report, std::optional<Id> file_id,
                             std::string const& now) const;
  void decide_midterm(storage::Connection& c, Id id, std::string const& verdict, std::string const& comments,
                      std::optional<std::string> const& rectify_by, std::optional<Id> decided_by,
                      std::string const& now) const;

  // ---- acceptance
  Id insert_acceptance(storage::Connection& c, Acceptance const& a) const;
  std::vector<Acceptance> acceptances(storage::Connection& c, Id topic_id) const;
};

}  // namespace zhiku
