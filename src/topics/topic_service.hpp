// Use cases of research topics (课题): member departments, the topic guide of each year, topics
// from draft to published and through their life cycle (topic_workflow's table), and expert topic
// suggestions (选题建议). Roles are checked by the routes; relations (lead, member, the expert a
// commission names) here, through the workflow's standings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "experts/expert_service.hpp"
#include "experts/taxonomy_service.hpp"
#include "notifications/notifier.hpp"
#include "storage/database.hpp"
#include "topics/application_store.hpp"
#include "topics/department_store.hpp"
#include "topics/topic.hpp"
#include "topics/topic_rules.hpp"
#include "topics/topic_file_store.hpp"
#include "topics/topic_store.hpp"
#include "topics/topic_workflow.hpp"
#include "topics/work_store.hpp"

namespace zhiku {

// Who manages topics and sees drafts: coordinators (admins read them too).
inline constexpr RoleSet kTopicManagers{Role::coordinator};
inline constexpr RoleSet kTopicDraftReaders{Role::coordinator, Role::admin};
inline constexpr RoleSet kDepartmentManagers{Role::coordinator, Role::admin};

// A topic with its overdue flags at the clock's now.
struct TopicListItem {
  Topic topic;
  std::vector<Overdue> overdue;
};

struct TopicList {
  std::vector<TopicListItem> items;
  std::int64_t total = 0;
};

// A topic as one caller sees it: what they may do now and what the page shows.
struct TopicView {
  TopicListItem item;
  std::vector<TopicAction> allowed_actions;
  std::vector<TopicMember> team;
  std::optional<Commission> pending_commission;
  bool accepts_applications = false;
  std::optional<std::string> why_no_applications;
  bool sees_workspace = false;
  std::vector<RuleText> rules;
  std::optional<TopicApplication> my_application;  // the caller's live application, as lead or member
};

enum class ApplicationAction { withdraw, confirm, decline };
std::optional<ApplicationAction> application_action_from_string(std::string_view s);

// A transition's request: the action and what some actions need besides the note.
struct TopicStep {
  TopicAction action = TopicAction::publish;
  std::string note;
  std::optional<Id> application_id;  // assign
  std::optional<Id> expert_id;       // commission
  std::vector<Id> member_ids;        // commission
  std::optional<std::string> rectify_by;
  std::optional<Id> proposal_id;  // deliver
};

enum class SuggestionAction { adopt, merge, decline };
std::optional<SuggestionAction> suggestion_action_from_string(std::string_view s);

struct SuggestionDecision {
  SuggestionAction action = SuggestionAction::adopt;
  std::int64_t version = 0;
  std::string note;
  std::optional<Id> topic_id;  // merge
  std::optional<int> year;     // adopt
};

class TopicService {
 public:
  TopicService(storage::Database& db, AuditLog const& audit, Notifier const& notifier, ExpertService const& experts,
               TaxonomyService const& taxonomy, Clock const& clock);

  // ---- member departments
  std::vector<MemberDepartment> departments(bool active_only) const;
  MemberDepartment create_department(Actor const& actor, MemberDepartment const& d);
  // Error{precondition_failed} on a stale version, Error{conflict} for a name in use.
  MemberDepartment update_department(Actor const& actor, MemberDepartment const& d);
  std::optional<MemberDepartment> find_department(Id id) const;

  // ---- guides
  std::vector<TopicGuide> guides() const;
  TopicGuide guide(int year) const;
  TopicGuide create_guide(Actor const& actor, TopicGuide const& g);
  TopicGuide update_guide(Actor const& actor, TopicGuide const& g);

  // ---- topics
  // A new draft in the guide of `year` (the guide is made when the year has none), with the
  // year's next code.
  Topic create(Actor const& actor, int year, TopicDetails const& d);
  // The topic as stored, for a PATCH's base; drafts only for kTopicDraftReaders.
  Topic find(Actor const& actor, Id id) const;
  // Error{precondition_failed} on a stale version, Error{conflict} once concluded or cancelled.
  Topic update(Actor const& actor, Id id, std::int64_t version, TopicPatch const& patch);
  TopicList list(Actor const& actor, TopicQuery q, bool overdue_only) const;
  TopicView view(Actor const& actor, Id id) const;
  // One step of the life cycle; Error{forbidden} naming who may, Error{conflict, allowed}.
  TopicView transition(Actor const& actor, Id id, TopicStep const& step);
  std::vector<TopicEvent> history(Actor const& actor, Id id) const;
  std::vector<TopicMember> team(Actor const& actor, Id id, bool with_former) const;

  // ---- files (topic_applications.cpp)
  // Stores a file of `kind`: opinion letters and application attachments by an expert while the
  // topic takes applications; midterm reports and working-space files by the team and coordinators.
  TopicFile upload_file(Actor const& actor, Id topic_id, std::string const& kind, std::string const& filename,
                        std::string_view bytes);
  // Its uploader, coordinators and admins, the team, and the team of an application using it.
  std::pair<TopicFile, std::string> download_file(Actor const& actor, Id topic_id, Id file_id) const;

  // ---- applications (topic_applications.cpp)
  // Coordinators and admins see every application of a topic; experts the ones they lead or joined.
  std::vector<TopicApplication> applications(Actor const& actor, Id topic_id) const;
  TopicApplication application(Actor const& actor, Id topic_id, Id application_id) const;
  // While the topic takes applications by the server's clock: Error{conflict} after the deadline,
  // Error{invalid_argument} naming every eligibility rule that refused.
  TopicApplication apply(Actor const& actor, Id topic_id, ApplicationForm const& form);
  TopicApplication update_application(Actor const& actor, Id topic_id, Id application_id, std::int64_t version,
                                      ApplicationForm const& form);
  // withdraw (the lead), confirm or decline (an invited member; a reason to decline).
  TopicApplication application_step(Actor const& actor, Id topic_id, Id application_id, ApplicationAction action,
                                    std::string const& note);

  // ---- suggestions
  std::vector<TopicSuggestion> suggestions(Actor const& actor, std::optional<SuggestionStatus> status) const;
  TopicSuggestion suggest(Actor const& actor, std::string const& title, std::string const& description);
  TopicSuggestion decide_suggestion(Actor const& actor, Id id, SuggestionDecision const& d);

 private:
  std::optional<Id> expert_of(storage::Connection& c, Actor const& actor) const;
  topic_workflow::Standings standings(storage::Connection& c, Actor const& actor, Topic const& t,
                                      std::optional<Commission> const& pending) const;
  bool sees(storage::Connection& c, Actor const& actor, Topic const& t) const;
  Topic load(storage::Connection& c, Id id) const;                        // names filled in; 404
  Topic load_visible(storage::Connection& c, Actor const& actor, Id id) const;  // 404 for hidden drafts
  Topic named(storage::Connection& c, Topic t) const;
  TopicListItem item_of(Topic t) const;
  TopicView view_of(storage::Connection& c, Actor const& actor, Topic t) const;
  std::vector<TopicMember> team_of(storage::Connection& c, Id topic_id, bool with_former) const;
  void check_details(storage::Connection& c, TopicDetails const& d) const;
  TopicGuide guide_for_year(storage::Connection& c, int year);
  void record_step(storage::Connection& c, Actor const& actor, Topic const& before, TopicAction action,
                   TopicStatus to, std::string const& note);
  void tell_team(storage::Connection& c, Id topic_id, std::string const& kind, std::string const& title,
                 std::string const& body) const;
  void tell_expert(storage::Connection& c, Id expert_id, std::string const& kind, std::string const& title,
                   std::string const& body, std::string const& link) const;
  TopicSuggestion named(storage::Connection& c, TopicSuggestion s) const;
  TopicApplication named(storage::Connection& c, TopicApplication a) const;
  TopicApplication load_application(storage::Connection& c, Actor const& actor, Topic const& t, Id id) const;
  bool sees_application(storage::Connection& c, Actor const& actor, TopicApplication const& a) const;
  std::optional<TopicApplication> my_application(storage::Connection& c, Actor const& actor, Id topic_id) const;
  void check_form(storage::Connection& c, Actor const& actor, Topic const& t, Id lead, ApplicationForm const& form,
                  std::optional<Id> except) const;
  void record_answer(storage::Connection& c, Actor const& actor, Id application_id, ApplicationAction action,
                     std::string const& note) const;

  storage::Database& db_;
  AuditLog const& audit_;
  Notifier const& notifier_;
  ExpertService const& experts_;
  TaxonomyService const& taxonomy_;
  Clock const& clock_;
  TopicStore store_;
  DepartmentStore departments_;
  SuggestionStore suggestions_;
  ApplicationStore applications_;
  WorkStore work_;
  TopicFileStore files_;
};

// The audit log's views.
Json audit_view(TopicDetails const& d);
Json audit_view(MemberDepartment const& d);
Json audit_view(TopicGuide const& g);

}  // namespace zhiku
