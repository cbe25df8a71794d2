// SQL of applications (申报) with their teams and attachments, and of commissions (委托). Names
// of experts are filled in by the service; the counts for the eligibility rules are here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/connection.hpp"
#include "topics/topic.hpp"

namespace zhiku {

class ApplicationStore {
 public:
  // Inserts a `submitted` application with its members (invited) and attachments. Throws
  // Error{conflict} when the lead has a live application for the topic already.
  Id insert(storage::Connection& c, Id topic_id, Id lead_expert_id, ApplicationForm const& form,
            std::string const& now) const;
  // Replaces plan, unit, letter, attachments and team when the version is `version`; members
  // who stay keep their answer, new ones are invited. False when the version differs.
  bool update(storage::Connection& c, Id id, std::int64_t version, ApplicationForm const& form,
              std::string const& now) const;
  void set_status(storage::Connection& c, Id id, TopicApplicationStatus status,
                  std::optional<std::string> const& reason, std::string const& now) const;
  // False when the expert is not a member of the application.
  bool set_answer(storage::Connection& c, Id id, Id expert_id, MemberAnswer answer,
                  std::optional<std::string> const& reason, std::string const& now) const;
  void set_selection(storage::Connection& c, Id id, std::optional<std::int64_t> rank,
                     std::optional<double> score) const;

  // The application with members (ids and answers) and attachment metadata, or nullopt.
  std::optional<TopicApplication> find(storage::Connection& c, Id id) const;
  // A topic's applications, oldest first, withdrawn ones included.
  std::vector<TopicApplication> for_topic(storage::Connection& c, Id topic_id) const;
  // Applications `expert_id` leads or is a member of, newest first.
  std::vector<TopicApplication> of_expert(storage::Connection& c, Id expert_id) const;

  // Live (submitted or selected) applications of `year` led by `expert_id`, leaving out `except`.
  std::int64_t leads_in_year(storage::Connection& c, Id expert_id, int year, std::optional<Id> except) const;
  // Live applications of `year` that `expert_id` joined as a member and did not decline,
  // leaving out `except`.
  std::int64_t memberships_in_year(storage::Connection& c, Id expert_id, int year, std::optional<Id> except) const;
  // Applications of topics published with a deadline in [from, to) whose team is not complete
  // (for reminders): application id, topic id.
  std::vector<std::pair<Id, Id>> incomplete_with_deadline_in(storage::Connection& c, std::string const& from,
                                                             std::string const& to) const;

  // ---- commissions
  // Throws Error{conflict} when the topic has a pending commission already.
  Id insert_commission(storage::Connection& c, Id topic_id, Id expert_id, std::vector<Id> const& member_ids,
                       std::string const& note, std::optional<Id> created_by, std::string const& now) const;
  void set_commission_status(storage::Connection& c, Id id, CommissionStatus status,
                             std::optional<std::string> const& reason, std::string const& now) const;
  std::optional<Commission> pending_commission(storage::Connection& c, Id topic_id) const;
  std::optional<Commission> find_commission(storage::Connection& c, Id id) const;
  std::vector<Commission> commissions_for_topic(storage::Connection& c, Id topic_id) const;
  std::vector<Commission> commissions_of_expert(storage::Connection& c, Id expert_id) const;
  // Pending commissions created before `before` (for reminders), oldest first.
  std::vector<Commission> pending_commissions_before(storage::Connection& c, std::string const& before) const;
};

}  // namespace zhiku
