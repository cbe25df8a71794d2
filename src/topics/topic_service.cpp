// Use cases of research topics: departments, guides, topics and their life cycle, suggestions.
#include "topics/topic_service.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace zhiku {

namespace {
constexpr char kTopicNotFound[] = "课题不存在";
constexpr char kStale[] = "该课题已被他人修改，请刷新后重试";

std::string link_of(Id topic_id) { return "/topics/" + std::to_string(topic_id); }

TopicDetails normalized(TopicDetails d) {
  for (auto* at : {&d.application_deadline, &d.midterm_due, &d.due_date})
    if (*at)
      if (auto t = normalized_instant(**at)) *at = *t;
  d.title = trim_text(d.title);
  return d;
}

int year_of(SysTime t) { return std::stoi(to_iso(t).substr(0, 4)); }
}  // namespace

std::optional<SuggestionAction> suggestion_action_from_string(std::string_view s) {
  if (s == "adopt") return SuggestionAction::adopt;
  if (s == "merge") return SuggestionAction::merge;
  if (s == "decline") return SuggestionAction::decline;
  return std::nullopt;
}

Json audit_view(TopicDetails const& d) {
  Json j = Json::object();
  j["title"] = d.title;
  j["description"] = d.description;
  j["field_ids"] = d.field_ids;
  j["source"] = to_string(d.source);
  j["department_id"] = d.department_id ? Json(*d.department_id) : Json();
  j["proposed_by_expert_id"] = d.proposed_by_expert_id ? Json(*d.proposed_by_expert_id) : Json();
  j["priority"] = to_string(d.priority);
  j["budget_yuan"] = d.budget_yuan ? Json(*d.budget_yuan) : Json();
  j["application_deadline"] = d.application_deadline ? Json(*d.application_deadline) : Json();
  j["midterm_due"] = d.midterm_due ? Json(*d.midterm_due) : Json();
  j["due_date"] = d.due_date ? Json(*d.due_date) : Json();
  return j;
}

Json audit_view(MemberDepartment const& d) {
  Json j = Json::object();
  j["name"] = d.name;
  j["short_name"] = d.short_name;
  j["sort"] = d.sort;
  j["active"] = d.active;
  return j;
}

Json audit_view(TopicGuide const& g) {
  Json j = Json::object();
  j["year"] = g.year;
  j["title"] = g.title;
  j["description"] = g.description;
  auto const& r = g.rules;
  j["lead_min_title"] = r.lead_min_title ? Json(std::string(to_string(*r.lead_min_title))) : Json();
  j["lead_max_per_year"] = r.lead_max_per_year ? Json(*r.lead_max_per_year) : Json();
  j["member_max_applications"] = r.member_max_applications ? Json(*r.member_max_applications) : Json();
  j["lead_max_age"] = r.lead_max_age ? Json(*r.lead_max_age) : Json();
  j["team_max_size"] = r.team_max_size ? Json(*r.team_max_size) : Json();
  return j;
}

TopicService::TopicService(storage::Database& db, AuditLog const& audit, Notifier const& notifier,
                           ExpertService const& experts, TaxonomyService const& taxonomy, Clock const& clock)
    : db_(db), audit_(audit), notifier_(notifier), experts_(experts), taxonomy_(taxonomy), clock_(clock) {}

// ---- departments

std::vector<MemberDepartment> TopicService::departments(bool active_only) const {
  auto c = db_.read();
  return departments_.list(*c, active_only);
}

std::optional<MemberDepartment> TopicService::find_department(Id id) const {
  auto c = db_.read();
  return departments_.find(*c, id);
}

MemberDepartment TopicService::create_department(Actor const& actor, MemberDepartment const& input) {
  MemberDepartment d = input;
  d.name = trim_text(d.name);
  d.short_name = trim_text(d.short_name);
  if (d.name.empty()) throw Error::invalid_field("name", "请填写成员单位名称");
  return db_.write([&](storage::Connection& c) {
    Id id = departments_.insert(c, d, clock_.now_iso());
    audit_.record(c, actor, "department.create", "department", id, audit_diff(Json::object(), audit_view(d)));
    return *departments_.find(c, id);
  });
}

MemberDepartment TopicService::update_department(Actor const& actor, MemberDepartment const& input) {
  MemberDepartment d = input;
  d.name = trim_text(d.name);
  d.short_name = trim_text(d.short_name);
  if (d.name.empty()) throw Error::invalid_field("name", "请填写成员单位名称");
  return db_.write([&](storage::Connection& c) {
    auto before = departments_.find(c, d.id);
    if (!before) throw Error::not_found("成员单位不存在");
    if (!departments_.update(c, d, clock_.now_iso()))
      throw Error::precondition_failed("该成员单位已被他人修改，请刷新后重试");
    audit_.record(c, actor, "department.update", "department", d.id,
                  audit_diff(audit_view(*before), audit_view(d)));
    return *departments_.find(c, d.id);
  });
}

// ---- guides

std::vector<TopicGuide> TopicService::guides() const {
  auto c = db_.read();
  return store_.guides(*c);
}

TopicGuide TopicService::guide(int year) const {
  auto c = db_.read();
  auto g = store_.find_guide_by_year(*c, year);
  if (!g) throw Error::not_found(std::to_string(year) + " 年度的课题指南不存在");
  return *g;
}

TopicGuide TopicService::create_guide(Actor const& actor, TopicGuide const& g) {
  if (trim_text(g.title).empty()) throw Error::invalid_field("title", "请填写课题指南标题");
  return db_.write([&](storage::Connection& c) {
    Id id = store_.insert_guide(c, g, clock_.now_iso());
    audit_.record(c, actor, "topic_guide.create", "topic_guide", id, audit_diff(Json::object(), audit_view(g)));
    return *store_.find_guide(c, id);
  });
}

TopicGuide TopicService::update_guide(Actor const& actor, TopicGuide const& g) {
  if (trim_text(g.title).empty()) throw Error::invalid_field("title", "请填写课题指南标题");
  return db_.write([&](storage::Connection& c) {
    auto before = store_.find_guide(c, g.id);
    if (!before) throw Error::not_found("课题指南不存在");
    if (!store_.update_guide(c, g, clock_.now_iso()))
      throw Error::precondition_failed("该课题指南已被他人修改，请刷新后重试");
    audit_.record(c, actor, "topic_guide.update", "topic_guide", g.id,
                  audit_diff(audit_view(*before), audit_view(g)));
    return *store_.find_guide(c, g.id);
  });
}

TopicGuide TopicService::guide_for_year(storage::Connection& c, int year) {
  if (auto g = store_.find_guide_by_year(c, year)) return *g;
  TopicGuide g;
  g.year = year;
  g.title = std::to_string(year) + "年度课题指南";
  Id id = store_.insert_guide(c, g, clock_.now_iso());
  return *store_.find_guide(c, id);
}

// ---- topics: reading

std::optional<Id> TopicService::expert_of(storage::Connection& c, Actor const& actor) const {
  if (!actor.signed_in()) return std::nullopt;
  return experts_.expert_of_user(c, actor.user_id());
}

Topic TopicService::named(storage::Connection& c, Topic t) const {
  t.fields = taxonomy_.field_refs(c, t.details.field_ids);
  if (t.lead_expert_id)
    if (auto b = experts_.brief(c, *t.lead_expert_id)) t.lead_name = b->name;
  if (t.details.proposed_by_expert_id)
    if (auto b = experts_.brief(c, *t.details.proposed_by_expert_id)) t.proposed_by_name = b->name;
  return t;
}

Topic TopicService::load(storage::Connection& c, Id id) const {
  auto t = store_.find(c, id);
  if (!t) throw Error::not_found(kTopicNotFound);
  return named(c, std::move(*t));
}

bool TopicService::sees(storage::Connection& c, Actor const& actor, Topic const& t) const {
  if (t.status != TopicStatus::draft) return true;
  if (actor.has_any(kTopicDraftReaders)) return true;
  // The expert who proposed it sees the draft made of the suggestion.
  auto me = expert_of(c, actor);
  return me && t.details.proposed_by_expert_id == me;
}

Topic TopicService::load_visible(storage::Connection& c, Actor const& actor, Id id) const {
  auto t = load(c, id);
  if (!sees(c, actor, t)) throw Error::not_found(kTopicNotFound);
  return t;
}

TopicListItem TopicService::item_of(Topic t) const {
  TopicListItem item;
  item.overdue = overdue_of(t, clock_.now());
  item.topic = std::move(t);
  return item;
}

std::vector<TopicMember> TopicService::team_of(storage::Connection& c, Id topic_id, bool with_former) const {
  std::vector<TopicMember> out;
  for (auto const& row : store_.team(c, topic_id, with_former)) {
    TopicMember m;
    m.expert_id = row.expert_id;
    m.role = row.role;
    m.joined_at = row.joined_at;
    m.left_at = row.left_at;
    if (auto b = experts_.brief(c, row.expert_id)) {
      m.name = b->name;
      m.organization = b->organization;
      m.title = b->title;
      m.user_id = b->user_id;
    }
    out.push_back(std::move(m));
  }
  return out;
}

topic_workflow::Standings TopicService::standings(storage::Connection& c, Actor const& actor, Topic const& t,
                                                  std::optional<Commission> const& pending) const {
  using topic_workflow::Standing;
  topic_workflow::Standings who;
  if (actor.has_any(kTopicManagers)) who.add(Standing::coordinator);
  if (!actor.signed_in()) who.add(Standing::system);
  if (auto me = expert_of(c, actor)) {
    if (t.lead_expert_id == me) who.add(Standing::lead);
    else if (store_.is_member(c, t.id, *me)) who.add(Standing::member);
    if (pending && pending->expert_id == *me) who.add(Standing::commissionee);
  }
  return who;
}

TopicView TopicService::view_of(storage::Connection& c, Actor const& actor, Topic t) const {
  TopicView v;
  v.pending_commission = applications_.pending_commission(c, t.id);
  if (v.pending_commission)
    if (auto b = experts_.brief(c, v.pending_commission->expert_id)) v.pending_commission->expert_name = b->name;
  auto who = standings(c, actor, t, v.pending_commission);
  v.allowed_actions = topic_workflow::allowed_actions(t.status, who);
  // A commission cannot be made while one is pending, nor answered or withdrawn without one.
  std::erase_if(v.allowed_actions, [&](TopicAction a) {
    bool pending = v.pending_commission.has_value();
    switch (a) {
      case TopicAction::commission:
        return pending;
      case TopicAction::withdraw_commission:
      case TopicAction::accept_commission:
      case TopicAction::decline_commission:
        return !pending;
      case TopicAction::assign:
        return pending;
      default:
        return false;
    }
  });
  v.team = team_of(c, t.id, false);
  v.accepts_applications = accepts_applications(t.status, t.details.application_deadline, clock_.now());
  v.why_no_applications = why_no_applications(t.status, t.details.application_deadline, clock_.now());
  using topic_workflow::Standing;
  v.sees_workspace = t.status != TopicStatus::draft && t.status != TopicStatus::published &&
                     (who.has(Standing::coordinator) || who.has(Standing::lead) || who.has(Standing::member) ||
                      actor.is(Role::admin));
  if (auto g = store_.find_guide(c, t.guide_id)) v.rules = describe_rules(g->rules);
  v.my_application = my_application(c, actor, t.id);
  v.item = item_of(std::move(t));
  return v;
}

Topic TopicService::find(Actor const& actor, Id id) const {
  auto c = db_.read();
  return load_visible(*c, actor, id);
}

TopicView TopicService::view(Actor const& actor, Id id) const {
  auto c = db_.read();
  storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
  return view_of(*c, actor, load_visible(*c, actor, id));
}

TopicList TopicService::list(Actor const& actor, TopicQuery q, bool overdue_only) const {
  auto c = db_.read();
  storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
  if (!actor.has_any(kTopicDraftReaders)) {
    if (q.statuses.empty())
      for (TopicStatus s : kAllTopicStatuses)
        if (s != TopicStatus::draft) q.statuses.push_back(s);
    std::erase(q.statuses, TopicStatus::draft);
    if (q.statuses.empty()) return {};
  }
  TopicListFilter f;
  if (q.field_id) {
    f.field_ids = taxonomy_.field_and_descendants(*c, *q.field_id);
    if (f.field_ids.empty()) return {};
  }
  TopicList out;
  if (overdue_only) {
    // Overdue is a matter of the clock: filter every match, then page.
    int offset = q.offset, limit = q.limit;
    f.query = q;
    f.query.offset = 0;
    f.query.limit = 100000;
    auto [items, total] = store_.list(*c, f);
    std::vector<TopicListItem> overdue;
    for (auto& t : items) {
      auto item = item_of(named(*c, std::move(t)));
      if (!item.overdue.empty()) overdue.push_back(std::move(item));
    }
    out.total = static_cast<std::int64_t>(overdue.size());
    for (int i = offset; i < static_cast<int>(overdue.size()) && i < offset + limit; ++i)
      out.items.push_back(std::move(overdue[static_cast<size_t>(i)]));
    return out;
  }
  f.query = q;
  auto [items, total] = store_.list(*c, f);
  out.total = total;
  for (auto& t : items) out.items.push_back(item_of(named(*c, std::move(t))));
  return out;
}

std::vector<TopicEvent> TopicService::history(Actor const& actor, Id id) const {
  auto c = db_.read();
  load_visible(*c, actor, id);
  return store_.events(*c, id);
}

std::vector<TopicMember> TopicService::team(Actor const& actor, Id id, bool with_former) const {
  auto c = db_.read();
  load_visible(*c, actor, id);
  return team_of(*c, id, with_former);
}

// ---- topics: changing

void TopicService::check_details(storage::Connection& c, TopicDetails const& d) const {
  std::vector<FieldError> errors = validate_details(d);
  for (Id f : d.field_ids)
    if (!taxonomy_.field_exists(c, f))
      errors.push_back({"field_ids", "编号为 " + std::to_string(f) + " 的学科领域不存在"});
  if (d.source == TopicSource::department) {
    if (!d.department_id) errors.push_back({"department_id", "来源为成员单位时须选择成员单位"});
    else if (!departments_.find(c, *d.department_id))
      errors.push_back({"department_id", "编号为 " + std::to_string(*d.department_id) + " 的成员单位不存在"});
  }
  if (d.proposed_by_expert_id && !experts_.brief(c, *d.proposed_by_expert_id))
    errors.push_back({"proposed_by_expert_id", "编号为 " + std::to_string(*d.proposed_by_expert_id) + " 的专家不存在"});
  Error::throw_if_any(errors);
}

Topic TopicService::create(Actor const& actor, int year, TopicDetails const& input) {
  TopicDetails d = normalized(input);
  Error::throw_if_any(validate_details(d));
  return db_.write([&](storage::Connection& c) {
    check_details(c, d);
    auto g = guide_for_year(c, year);
    std::string code = format_topic_code(year, store_.next_code_seq(c, year));
    std::optional<Id> by;
    if (actor.signed_in()) by = actor.user_id();
    Id id = store_.insert(c, g.id, code, d, by, clock_.now_iso());
    Json diff = audit_view(d);
    diff["code"] = code;
    audit_.record(c, actor, "topic.create", "topic", id, audit_diff(Json::object(), diff));
    TopicEvent e;
    e.at = clock_.now_iso();
    e.actor_id = by;
    e.actor_name = actor.signed_in() ? actor.who().label() : "系统";
    e.action = "create";
    e.to_status = "draft";
    store_.add_event(c, id, e);
    return load(c, id);
  });
}

Topic TopicService::update(Actor const& actor, Id id, std::int64_t version, TopicPatch const& patch) {
  return db_.write([&](storage::Connection& c) {
    auto before = load(c, id);
    if (!is_open(before.status))
      throw Error::conflict(std::string("课题已「") + topic_workflow::label_of(before.status) + "」，不能再修改");
    TopicDetails d = before.details;
    patch.apply_to(d);
    d = normalized(d);
    check_details(c, d);
    if (before.status != TopicStatus::draft && patch.present.contains("application_deadline") &&
        before.status == TopicStatus::published)
      Error::throw_if_any(publish_problems(d, clock_.now()));
    if (!store_.update_details(c, id, version, d, clock_.now_iso())) throw Error::precondition_failed(kStale);
    audit_.record(c, actor, "topic.update", "topic", id, audit_diff(audit_view(before.details), audit_view(d)));
    return load(c, id);
  });
}

void TopicService::record_step(storage::Connection& c, Actor const& actor, Topic const& before, TopicAction action,
                               TopicStatus to, std::string const& note) {
  if (to != before.status) store_.set_status(c, before.id, to, note.empty() ? std::nullopt : std::optional(note),
                                             clock_.now_iso());
  Json diff = Json::object();
  diff["status"] = {{"from", to_string(before.status)}, {"to", to_string(to)}};
  if (!note.empty()) diff["note"] = note;
  audit_.record(c, actor, "topic." + std::string(to_string(action)), "topic", before.id, diff);
  TopicEvent e;
  e.at = clock_.now_iso();
  if (actor.signed_in()) e.actor_id = actor.user_id();
  e.actor_name = actor.signed_in() ? actor.who().label() : "系统";
  e.action = std::string(to_string(action));
  e.from_status = std::string(to_string(before.status));
  e.to_status = std::string(to_string(to));
  e.note = note;
  store_.add_event(c, before.id, e);
}

void TopicService::tell_expert(storage::Connection& c, Id expert_id, std::string const& kind,
                               std::string const& title, std::string const& body, std::string const& link) const {
  if (auto b = experts_.brief(c, expert_id); b && b->user_id)
    notifier_.notify(c, *b->user_id, kind, title, body, link);
}

void TopicService::tell_team(storage::Connection& c, Id topic_id, std::string const& kind, std::string const& title,
                             std::string const& body) const {
  for (auto const& row : store_.team(c, topic_id, false)) tell_expert(c, row.expert_id, kind, title, body, link_of(topic_id));
}

TopicView TopicService::transition(Actor const& actor, Id id, TopicStep const& step) {
  std::string note = trim_text(step.note);
  return db_.write([&](storage::Connection& c) {
    auto before = load_visible(c, actor, id);
    auto pending = applications_.pending_commission(c, id);
    auto who = standings(c, actor, before, pending);
    auto t = topic_workflow::check(before.status, step.action, who, note);
    std::string const now = clock_.now_iso();
    std::string const heading = before.code + " " + before.details.title;
    auto allowed_now = [&] {
      std::vector<std::string> out;
      for (TopicAction a : view_of(c, actor, before).allowed_actions) out.emplace_back(to_string(a));
      return out;
    };
    switch (step.action) {
      case TopicAction::publish: {
        Error::throw_if_any(publish_problems(before.details, clock_.now()));
        record_step(c, actor, before, step.action, t.to, note);
        notifier_.notify_roles(c, RoleSet{Role::expert}, "topic.published", "课题指南新增课题：" + heading,
                               "申报截止 " + beijing_time(*before.details.application_deadline), link_of(id));
        break;
      }
      case TopicAction::commission: {
        if (pending) throw Error::conflict("该课题已有待答复的委托", allowed_now());
        if (!step.expert_id) throw Error::invalid_field("expert_id", "请选择受委托的专家");
        auto lead = experts_.brief(c, *step.expert_id);
        if (!lead || lead->status != ExpertStatus::active)
          throw Error::invalid_field("expert_id", "只能委托在库专家");
        for (size_t i = 0; i < step.member_ids.size(); ++i) {
          auto m = experts_.brief(c, step.member_ids[i]);
          if (!m || m->status != ExpertStatus::active || step.member_ids[i] == *step.expert_id)
            throw Error::invalid_field("member_ids[" + std::to_string(i) + "]", "课题组成员须为在库专家，且不能是负责人本人");
        }
        std::optional<Id> by;
        if (actor.signed_in()) by = actor.user_id();
        applications_.insert_commission(c, id, *step.expert_id, step.member_ids, note, by, now);
        record_step(c, actor, before, step.action, t.to, note);
        tell_expert(c, *step.expert_id, "topic.commissioned", "课题委托：" + heading,
                    "协调员委托您牵头承担此课题，请接受或谢绝。", link_of(id));
        break;
      }
      case TopicAction::withdraw_commission:
      case TopicAction::decline_commission: {
        if (!pending) throw Error::conflict("该课题没有待答复的委托", allowed_now());
        bool declined = step.action == TopicAction::decline_commission;
        applications_.set_commission_status(c, pending->id,
                                            declined ? CommissionStatus::declined : CommissionStatus::withdrawn, note,
                                            now);
        record_step(c, actor, before, step.action, t.to, note);
        if (declined)
          notifier_.notify_roles(c, RoleSet{Role::coordinator}, "topic.commission_declined",
                                 "委托被谢绝：" + heading, "理由：" + note, link_of(id));
        else
          tell_expert(c, pending->expert_id, "topic.commission_withdrawn", "委托已撤回：" + heading, "理由：" + note,
                      link_of(id));
        break;
      }
      case TopicAction::accept_commission: {
        if (!pending) throw Error::conflict("该课题没有待答复的委托", allowed_now());
        applications_.set_commission_status(c, pending->id, CommissionStatus::accepted, std::nullopt, now);
        store_.set_lead(c, id, pending->expert_id, std::nullopt);
        store_.add_member(c, id, pending->expert_id, "lead", 0, now);
        std::int64_t pos = 1;
        for (auto const& m : pending->members) store_.add_member(c, id, m.id, "member", pos++, now);
        record_step(c, actor, before, step.action, t.to, note);
        notifier_.notify_roles(c, RoleSet{Role::coordinator}, "topic.commission_accepted", "委托已接受：" + heading,
                               "课题已立项。", link_of(id));
        tell_team(c, id, "topic.assigned", "课题已立项：" + heading, "您已加入课题组。");
        break;
      }
      case TopicAction::assign: {
        if (!step.application_id) throw Error::invalid_field("application_id", "请选择立项的申报");
        auto chosen = applications_.find(c, *step.application_id);
        if (!chosen || chosen->topic_id != id) throw Error::invalid_field("application_id", "该申报不属于此课题");
        if (!chosen->counts())
          throw Error::invalid_field("application_id", "该申报尚未生效（课题组成员须全部确认）");
        applications_.set_status(c, chosen->id, TopicApplicationStatus::selected, std::nullopt, now);
        store_.set_lead(c, id, chosen->lead_expert_id, chosen->id);
        store_.add_member(c, id, chosen->lead_expert_id, "lead", 0, now);
        std::int64_t pos = 1;
        for (auto const& m : chosen->members) store_.add_member(c, id, m.expert_id, "member", pos++, now);
        std::string why = note.empty() ? "已选定其他申报立项" : note;
        for (auto const& other : applications_.for_topic(c, id)) {
          if (other.id == chosen->id || other.status != TopicApplicationStatus::submitted) continue;
          applications_.set_status(c, other.id, TopicApplicationStatus::not_selected, why, now);
          tell_expert(c, other.lead_expert_id, "topic.not_selected", "申报未获立项：" + heading, "理由：" + why,
                      link_of(id));
        }
        record_step(c, actor, before, step.action, t.to, note);
        tell_team(c, id, "topic.assigned", "课题已立项：" + heading, "您的申报已获立项。");
        break;
      }
      case TopicAction::begin_midterm: {
        std::optional<Id> by;
        if (actor.signed_in()) by = actor.user_id();
        work_.launch_midterm(c, id, by, now);
        store_.set_rectify_by(c, id, std::nullopt);
        record_step(c, actor, before, step.action, t.to, note);
        tell_team(c, id, "topic.midterm", "中期检查：" + heading, "请提交中期报告。");
        break;
      }
      case TopicAction::pass_midterm:
      case TopicAction::rectify_midterm: {
        auto m = work_.latest_midterm(c, id);
        if (!m) throw Error::conflict("尚未启动中期检查", allowed_now());
        bool rectify = step.action == TopicAction::rectify_midterm;
        std::optional<std::string> by_date;
        if (rectify) {
          if (!step.rectify_by) throw Error::invalid_field("rectify_by", "需整改时须给出整改期限");
          by_date = normalized_instant(*step.rectify_by);
          if (!by_date || *by_date <= now) throw Error::invalid_field("rectify_by", "整改期限须为将来的时间");
        }
        std::optional<Id> by;
        if (actor.signed_in()) by = actor.user_id();
        work_.decide_midterm(c, m->id, rectify ? "rectify" : "passed", note, by_date, by, now);
        store_.set_rectify_by(c, id, by_date);
        record_step(c, actor, before, step.action, t.to, note);
        tell_team(c, id, "topic.midterm_verdict", (rectify ? "中期检查需整改：" : "中期检查通过：") + heading,
                  rectify ? "整改期限 " + beijing_time(*by_date) + "。" + note : note);
        break;
      }
      case TopicAction::deliver: {
        if (step.proposal_id) store_.set_deliverable(c, id, step.proposal_id);
        record_step(c, actor, before, step.action, t.to, note);
        tell_team(c, id, "topic.delivered", "已提交结题：" + heading, "等待结题验收。");
        break;
      }
      case TopicAction::pass_acceptance:
      case TopicAction::request_rework:
      case TopicAction::fail_acceptance: {
        Acceptance a;
        a.topic_id = id;
        a.verdict = step.action == TopicAction::pass_acceptance ? "passed"
                    : step.action == TopicAction::request_rework ? "revise"
                                                                 : "failed";
        a.comments = note;
        a.proposal_id = before.deliverable_proposal_id;
        if (actor.signed_in()) a.decided_by = actor.user_id();
        a.decided_at = now;
        work_.insert_acceptance(c, a);
        record_step(c, actor, before, step.action, t.to, note);
        tell_team(c, id, "topic.acceptance", std::string("结题验收") + topic_workflow::label_of(step.action) + "：" + heading,
                  note);
        break;
      }
      case TopicAction::start:
        record_step(c, actor, before, step.action, t.to, note);
        tell_team(c, id, "topic.started", "课题开始研究：" + heading, note);
        break;
      case TopicAction::cancel:
        if (pending) applications_.set_commission_status(c, pending->id, CommissionStatus::withdrawn, note, now);
        record_step(c, actor, before, step.action, t.to, note);
        tell_team(c, id, "topic.cancelled", "课题已撤销：" + heading, "理由：" + note);
        if (pending)
          tell_expert(c, pending->expert_id, "topic.cancelled", "课题已撤销：" + heading, "理由：" + note, link_of(id));
        break;
    }
    return view_of(c, actor, load(c, id));
  });
}

// ---- suggestions

TopicSuggestion TopicService::named(storage::Connection& c, TopicSuggestion s) const {
  if (auto b = experts_.brief(c, s.expert_id)) s.expert_name = b->name;
  return s;
}

std::vector<TopicSuggestion> TopicService::suggestions(Actor const& actor,
                                                       std::optional<SuggestionStatus> status) const {
  auto c = db_.read();
  std::optional<Id> only;
  if (!actor.has_any(kTopicDraftReaders)) {
    only = expert_of(*c, actor);
    if (!only) return {};
  }
  std::vector<TopicSuggestion> out;
  for (auto& s : suggestions_.list(*c, status, only)) out.push_back(named(*c, std::move(s)));
  return out;
}

TopicSuggestion TopicService::suggest(Actor const& actor, std::string const& title, std::string const& description) {
  std::vector<FieldError> errors;
  auto t = trim_text(title);
  auto d = trim_text(description);
  if (t.empty()) errors.push_back({"title", "请填写选题名称"});
  if (d.empty()) errors.push_back({"description", "请说明选题的背景和研究内容"});
  Error::throw_if_any(errors);
  return db_.write([&](storage::Connection& c) {
    auto me = expert_of(c, actor);
    if (!me) throw Error::forbidden("您的账号未关联专家档案，不能提出选题建议");
    Id id = suggestions_.insert(c, *me, t, d, clock_.now_iso());
    Json after = Json::object();
    after["title"] = t;
    after["description"] = d;
    audit_.record(c, actor, "topic_suggestion.create", "topic_suggestion", id, audit_diff(Json::object(), after));
    notifier_.notify_roles(c, RoleSet{Role::coordinator}, "topic.suggested", "新的选题建议：" + t, d.substr(0, 300),
                           "/topics/suggestions");
    return named(c, *suggestions_.find(c, id));
  });
}

TopicSuggestion TopicService::decide_suggestion(Actor const& actor, Id id, SuggestionDecision const& decision) {
  std::string note = trim_text(decision.note);
  if (decision.action != SuggestionAction::adopt && note.empty())
    throw Error::invalid_field("note", decision.action == SuggestionAction::merge ? "合并须说明理由" : "不采纳须说明理由");
  return db_.write([&](storage::Connection& c) {
    auto s = suggestions_.find(c, id);
    if (!s) throw Error::not_found("选题建议不存在");
    if (s->status != SuggestionStatus::pending)
      throw Error::conflict("该选题建议已处理（" + std::string(to_string(s->status)) + "）");
    std::optional<Id> topic_id;
    SuggestionStatus status = SuggestionStatus::declined;
    std::string const now = clock_.now_iso();
    if (decision.action == SuggestionAction::adopt) {
      TopicDetails d;
      d.title = s->title;
      d.description = s->description;
      d.source = TopicSource::expert;
      d.proposed_by_expert_id = s->expert_id;
      int year = decision.year.value_or(year_of(clock_.now()));
      auto g = guide_for_year(c, year);
      std::string code = format_topic_code(year, store_.next_code_seq(c, year));
      std::optional<Id> by;
      if (actor.signed_in()) by = actor.user_id();
      topic_id = store_.insert(c, g.id, code, d, by, now);
      Json diff = audit_view(d);
      diff["code"] = code;
      audit_.record(c, actor, "topic.create", "topic", *topic_id, audit_diff(Json::object(), diff));
      status = SuggestionStatus::adopted;
    } else if (decision.action == SuggestionAction::merge) {
      if (!decision.topic_id) throw Error::invalid_field("topic_id", "请选择合并到的课题");
      auto target = store_.find(c, *decision.topic_id);
      if (!target) throw Error::invalid_field("topic_id", "编号为 " + std::to_string(*decision.topic_id) + " 的课题不存在");
      if (!is_open(target->status)) throw Error::invalid_field("topic_id", "只能合并到未结束的课题");
      topic_id = target->id;
      status = SuggestionStatus::merged;
    }
    std::optional<Id> by;
    if (actor.signed_in()) by = actor.user_id();
    if (!suggestions_.decide(c, id, decision.version, status, note.empty() ? std::nullopt : std::optional(note),
                             topic_id, by, now))
      throw Error::precondition_failed("该选题建议已被他人修改，请刷新后重试");
    Json diff = Json::object();
    diff["status"] = {{"from", to_string(s->status)}, {"to", to_string(status)}};
    if (!note.empty()) diff["reason"] = note;
    if (topic_id) diff["topic_id"] = *topic_id;
    char const* action = status == SuggestionStatus::adopted  ? "topic_suggestion.adopt"
                         : status == SuggestionStatus::merged ? "topic_suggestion.merge"
                                                              : "topic_suggestion.decline";
    audit_.record(c, actor, action, "topic_suggestion", id, diff);
    std::string body = status == SuggestionStatus::adopted  ? "已采纳，列为课题草稿。"
                       : status == SuggestionStatus::merged ? "已并入现有课题。理由：" + note
                                                            : "未采纳。理由：" + note;
    tell_expert(c, s->expert_id, "topic.suggestion_decided", "您的选题建议「" + s->title + "」已处理", body,
                topic_id ? link_of(*topic_id) : "/topics/suggestions");
    return named(c, *suggestions_.find(c, id));
  });
}

}  // namespace zhiku
