// SQL of topic guides, topics and their codes, fields, teams and history. Functions take the
// caller's connection; transactions belong to the service. Expert names are not read here: the
// service asks the experts module (topics never read its tables).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/connection.hpp"
#include "topics/topic.hpp"

namespace zhiku {

// A team row as stored: the service adds names from the experts module.
struct TeamRow {
  Id expert_id = 0;
  std::string role;  // "lead" | "member"
  std::int64_t position = 0;
  std::string joined_at;
  std::optional<std::string> left_at;
};

// The field filter of a list, resolved by the service: the field and its descendants.
struct TopicListFilter {
  TopicQuery query;
  std::vector<Id> field_ids;  // empty: no field filter
};

class TopicStore {
 public:
  // ---- guides
  std::vector<TopicGuide> guides(storage::Connection& c) const;  // newest year first, with counts
  std::optional<TopicGuide> find_guide(storage::Connection& c, Id id) const;
  std::optional<TopicGuide> find_guide_by_year(storage::Connection& c, int year) const;
  // Throws Error{conflict} when the year has a guide already.
  Id insert_guide(storage::Connection& c, TopicGuide const& g, std::string const& now) const;
  // False when the version differs (or the guide is gone); bumps the version.
  bool update_guide(storage::Connection& c, TopicGuide const& g, std::string const& now) const;

  // The next sequence number of `year`'s codes (1 for the first topic of a year); never reused.
  std::int64_t next_code_seq(storage::Connection& c, int year) const;

  // ---- topics
  Id insert(storage::Connection& c, Id guide_id, std::string const& code, TopicDetails const& d,
            std::optional<Id> created_by, std::string const& now) const;
  // Replaces the details when the stored version is `version`; bumps the version. False when the
  // topic is missing or its version differs.
  bool update_details(storage::Connection& c, Id id, std::int64_t version, TopicDetails const& d,
                      std::string const& now) const;
  // Sets the status and its reason and stamps published_at / assigned_at / concluded_at when the
  // status is entered for the first time; bumps the version.
  void set_status(storage::Connection& c, Id id, TopicStatus status, std::optional<std::string> const& reason,
                  std::string const& now) const;
  void set_lead(storage::Connection& c, Id id, Id lead_expert_id, std::optional<Id> application_id) const;
  void set_rectify_by(storage::Connection& c, Id id, std::optional<std::string> const& date) const;
  void set_deliverable(storage::Connection& c, Id id, std::optional<Id> proposal_id) const;
  void set_selection_round(storage::Connection& c, Id id, std::optional<Id> round_id) const;
  // Sets "midterm_due" or "due_date" (an approved extension); bumps the version.
  void set_date(storage::Connection& c, Id id, std::string const& field, std::string const& date,
                std::string const& now) const;

  // The topic with its field ids, field names and derived figures, or nullopt.
  std::optional<Topic> find(storage::Connection& c, Id id) const;
  std::optional<Id> find_id_by_code(storage::Connection& c, std::string const& code) const;
  // One page of topics for `f`, and the total.
  std::pair<std::vector<Topic>, std::int64_t> list(storage::Connection& c, TopicListFilter const& f) const;
  // How many topics each status has (statuses without topics left out).
  std::vector<std::pair<TopicStatus, std::int64_t>> count_by_status(storage::Connection& c) const;
  // Every open topic in `statuses` (for the overdue list and the midterm batch), by code.
  std::vector<Topic> in_statuses(storage::Connection& c, std::vector<TopicStatus> const& statuses) const;

  // ---- team
  std::vector<TeamRow> team(storage::Connection& c, Id topic_id, bool with_former) const;
  void add_member(storage::Connection& c, Id topic_id, Id expert_id, std::string const& role, std::int64_t position,
                  std::string const& now) const;
  // Ends the current membership; false when the expert is not on the team.
  bool remove_member(storage::Connection& c, Id topic_id, Id expert_id, std::string const& now) const;
  // Makes `expert_id` (on the team) the lead and the former lead a member.
  void set_member_role(storage::Connection& c, Id topic_id, Id expert_id, std::string const& role) const;
  bool is_member(storage::Connection& c, Id topic_id, Id expert_id) const;
  // Topics of `year` led by `expert_id` without an application (commissions), not cancelled.
  std::int64_t commissioned_leads_in_year(storage::Connection& c, Id expert_id, int year) const;

  // ---- history
  void add_event(storage::Connection& c, Id topic_id, TopicEvent const& e) const;
  std::vector<TopicEvent> events(storage::Connection& c, Id topic_id) const;
};

// `text` as a LIKE pattern matching it anywhere, with %, _ and \ escaped (use ESCAPE '\').
std::string like_anywhere(std::string_view text);

}  // namespace zhiku
