// Use cases of applications (申报) and the module's files: experts apply while a topic is published
// and before its deadline by the server's clock, their team members confirm, the guide's
// eligibility rules are checked and a refusal names the rule.
#include <algorithm>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "topics/topic_service.hpp"

namespace zhiku {

namespace {
constexpr char kApplicationNotFound[] = "申报不存在";
constexpr char kFileNotFound[] = "文件不存在";

bool is_live(TopicApplicationStatus s) {
  return s == TopicApplicationStatus::submitted || s == TopicApplicationStatus::selected;
}

Json audit_view(ApplicationForm const& f) {
  Json j = Json::object();
  j["plan"] = f.plan;
  j["recommending_unit"] = f.recommending_unit;
  j["member_ids"] = f.member_ids;
  j["opinion_file_id"] = f.opinion_file_id ? Json(*f.opinion_file_id) : Json();
  j["attachment_ids"] = f.attachment_ids;
  return j;
}
}  // namespace

std::optional<ApplicationAction> application_action_from_string(std::string_view s) {
  if (s == "withdraw") return ApplicationAction::withdraw;
  if (s == "confirm") return ApplicationAction::confirm;
  if (s == "decline") return ApplicationAction::decline;
  return std::nullopt;
}

void TopicService::record_answer(storage::Connection& c, Actor const& actor, Id application_id,
                                 ApplicationAction action, std::string const& note) const {
  char const* name = action == ApplicationAction::withdraw  ? "topic_application.withdraw"
                     : action == ApplicationAction::confirm ? "topic_application.confirm"
                                                            : "topic_application.decline";
  Json diff = Json::object();
  if (!note.empty()) diff["note"] = note;
  audit_.record(c, actor, name, "topic_application", application_id, diff);
}

// ---- files

TopicFile TopicService::upload_file(Actor const& actor, Id topic_id, std::string const& kind,
                                    std::string const& filename, std::string_view bytes) {
  bool for_application = kind == "opinion_letter" || kind == "application";
  if (!for_application && kind != "midterm_report" && kind != "workspace")
    throw Error::invalid_field("kind", "须为 opinion_letter、application、midterm_report 或 workspace");
  TopicFile meta;
  if (auto problem = file_problem(filename, bytes, meta.content_type)) throw Error::invalid_field("file", *problem);
  meta.topic_id = topic_id;
  meta.kind = kind;
  meta.filename = trim_text(filename);
  meta.size = static_cast<std::int64_t>(bytes.size());
  meta.sha256 = sha256_hex(bytes);
  if (actor.signed_in()) meta.uploaded_by = actor.user_id();
  meta.created_at = clock_.now_iso();
  return db_.write([&](storage::Connection& c) {
    auto t = load_visible(c, actor, topic_id);
    if (for_application) {
      if (!expert_of(c, actor)) throw Error::forbidden("您的账号未关联专家档案，不能上传申报材料");
      if (auto why = why_no_applications(t.status, t.details.application_deadline, clock_.now()))
        throw Error::conflict(*why);
    } else {
      auto who = standings(c, actor, t, std::nullopt);
      using topic_workflow::Standing;
      if (!who.has(Standing::coordinator) && !who.has(Standing::lead) && !who.has(Standing::member))
        throw Error::forbidden("只有课题组成员和协调员可以上传此类文件");
      if (t.status == TopicStatus::draft || t.status == TopicStatus::published || !is_open(t.status))
        throw Error::conflict(std::string("课题当前状态为「") + topic_workflow::label_of(t.status) + "」，不能上传此类文件");
    }
    meta.id = files_.insert(c, meta, bytes);
    return meta;
  });
}

std::pair<TopicFile, std::string> TopicService::download_file(Actor const& actor, Id topic_id, Id file_id) const {
  auto c = db_.read();
  auto t = load_visible(*c, actor, topic_id);
  auto f = files_.find(*c, file_id);
  if (!f || f->topic_id != topic_id) throw Error::not_found(kFileNotFound);
  bool may = actor.has_any(kTopicDraftReaders) || (f->uploaded_by && *f->uploaded_by == actor.user_id());
  if (!may) {
    auto me = expert_of(*c, actor);
    if (me && store_.is_member(*c, topic_id, *me)) may = true;
    if (me && !may)
      for (auto const& a : applications_.for_topic(*c, topic_id)) {
        bool uses = (a.opinion_letter && a.opinion_letter->id == file_id) ||
                    std::any_of(a.attachments.begin(), a.attachments.end(),
                                [&](TopicFile const& x) { return x.id == file_id; });
        bool on_team = a.lead_expert_id == *me || std::any_of(a.members.begin(), a.members.end(),
                                                              [&](ApplicationMember const& m) { return m.expert_id == *me; });
        if (uses && on_team) may = true;
      }
  }
  if (!may) throw Error::not_found(kFileNotFound);
  auto bytes = files_.content(*c, file_id);
  if (!bytes) throw Error::not_found(kFileNotFound);
  return {*f, std::move(*bytes)};
}

// ---- applications

TopicApplication TopicService::named(storage::Connection& c, TopicApplication a) const {
  if (auto b = experts_.brief(c, a.lead_expert_id)) {
    a.lead_name = b->name;
    a.lead_organization = b->organization;
    a.lead_title = b->title;
  }
  for (auto& m : a.members)
    if (auto b = experts_.brief(c, m.expert_id)) {
      m.name = b->name;
      m.organization = b->organization;
      m.title = b->title;
    }
  return a;
}

bool TopicService::sees_application(storage::Connection& c, Actor const& actor, TopicApplication const& a) const {
  if (actor.has_any(kTopicDraftReaders)) return true;
  auto me = expert_of(c, actor);
  if (!me) return false;
  return a.lead_expert_id == *me || std::any_of(a.members.begin(), a.members.end(),
                                                [&](ApplicationMember const& m) { return m.expert_id == *me; });
}

TopicApplication TopicService::load_application(storage::Connection& c, Actor const& actor, Topic const& t,
                                                Id id) const {
  auto a = applications_.find(c, id);
  if (!a || a->topic_id != t.id || !sees_application(c, actor, *a)) throw Error::not_found(kApplicationNotFound);
  return named(c, std::move(*a));
}

std::optional<TopicApplication> TopicService::my_application(storage::Connection& c, Actor const& actor,
                                                             Id topic_id) const {
  auto me = expert_of(c, actor);
  if (!me) return std::nullopt;
  std::optional<TopicApplication> found;
  for (auto& a : applications_.for_topic(c, topic_id)) {
    bool mine = a.lead_expert_id == *me || std::any_of(a.members.begin(), a.members.end(), [&](ApplicationMember const& m) {
                  return m.expert_id == *me && m.answer != MemberAnswer::declined;
                });
    if (mine && (!found || is_live(a.status) || !is_live(found->status))) found = std::move(a);
  }
  if (found) return named(c, std::move(*found));
  return std::nullopt;
}

std::vector<TopicApplication> TopicService::applications(Actor const& actor, Id topic_id) const {
  auto c = db_.read();
  storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
  load_visible(*c, actor, topic_id);
  std::vector<TopicApplication> out;
  for (auto& a : applications_.for_topic(*c, topic_id))
    if (sees_application(*c, actor, a)) out.push_back(named(*c, std::move(a)));
  return out;
}

TopicApplication TopicService::application(Actor const& actor, Id topic_id, Id application_id) const {
  auto c = db_.read();
  storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
  auto t = load_visible(*c, actor, topic_id);
  return load_application(*c, actor, t, application_id);
}

void TopicService::check_form(storage::Connection& c, Actor const& actor, Topic const& t, Id lead,
                              ApplicationForm const& form, std::optional<Id> except) const {
  std::vector<FieldError> errors;
  if (trim_text(form.plan).empty()) errors.push_back({"plan", "请填写研究方案"});
  if (trim_text(form.recommending_unit).empty()) errors.push_back({"recommending_unit", "请填写推荐单位"});
  auto own_file = [&](Id id, char const* kind) {
    auto f = files_.find(c, id);
    return f && f->topic_id == t.id && f->kind == kind && f->uploaded_by && *f->uploaded_by == actor.user_id();
  };
  if (!form.opinion_file_id) errors.push_back({"opinion_file_id", "请上传推荐单位意见（盖章扫描件）"});
  else if (!own_file(*form.opinion_file_id, "opinion_letter"))
    errors.push_back({"opinion_file_id", "推荐单位意见须为您为本课题上传的文件"});
  for (size_t i = 0; i < form.attachment_ids.size(); ++i)
    if (!own_file(form.attachment_ids[i], "application"))
      errors.push_back({"attachment_ids[" + std::to_string(i) + "]", "附件须为您为本课题上传的申报材料"});
  Error::throw_if_any(errors);

  auto g = store_.find_guide(c, t.guide_id);
  EligibilityRules rules = g ? g->rules : EligibilityRules{};
  auto candidate = [&](Id expert_id) {
    Candidate k;
    k.expert_id = expert_id;
    if (auto b = experts_.brief(c, expert_id)) {
      k.name = b->name;
      k.active = b->status == ExpertStatus::active;
      k.title = b->title;
      k.academician = b->academician.has_value();
      k.birth_year = b->birth_year;
    } else {
      k.name = "编号 " + std::to_string(expert_id);
    }
    k.leads_in_year = static_cast<int>(applications_.leads_in_year(c, expert_id, t.year, except) +
                                       store_.commissioned_leads_in_year(c, expert_id, t.year));
    k.member_applications = static_cast<int>(applications_.memberships_in_year(c, expert_id, t.year, except));
    return k;
  };
  std::vector<Candidate> members;
  for (Id m : form.member_ids) members.push_back(candidate(m));
  throw_if_refused(eligibility_refusals(rules, t.year, candidate(lead), members));
}

TopicApplication TopicService::apply(Actor const& actor, Id topic_id, ApplicationForm const& form) {
  return db_.write([&](storage::Connection& c) {
    auto t = load_visible(c, actor, topic_id);
    if (auto why = why_no_applications(t.status, t.details.application_deadline, clock_.now()))
      throw Error::conflict(*why);
    auto me = expert_of(c, actor);
    if (!me) throw Error::forbidden("您的账号未关联专家档案，不能申报课题");
    check_form(c, actor, t, *me, form, std::nullopt);
    Id id = applications_.insert(c, topic_id, *me, form, clock_.now_iso());
    audit_.record(c, actor, "topic_application.create", "topic_application", id,
                  audit_diff(Json::object(), audit_view(form)));
    std::string heading = t.code + " " + t.details.title;
    auto lead = experts_.brief(c, *me);
    std::string lead_name = lead ? lead->name : "";
    for (Id m : form.member_ids)
      tell_expert(c, m, "topic.team_invitation", "课题组邀请：" + heading,
                  lead_name + " 邀请您加入其申报的课题组，请在申报截止前确认。", "/topics/" + std::to_string(topic_id));
    if (form.member_ids.empty())
      notifier_.notify_roles(c, RoleSet{Role::coordinator}, "topic.application", "新的课题申报：" + heading,
                             lead_name + " 提交了申报。", "/topics/" + std::to_string(topic_id));
    return named(c, *applications_.find(c, id));
  });
}

TopicApplication TopicService::update_application(Actor const& actor, Id topic_id, Id application_id,
                                                  std::int64_t version, ApplicationForm const& form) {
  return db_.write([&](storage::Connection& c) {
    auto t = load_visible(c, actor, topic_id);
    auto before = load_application(c, actor, t, application_id);
    auto me = expert_of(c, actor);
    if (!me || before.lead_expert_id != *me) throw Error::forbidden("只有申报负责人可以修改申报");
    if (before.status != TopicApplicationStatus::submitted) throw Error::conflict("该申报已不能修改");
    if (auto why = why_no_applications(t.status, t.details.application_deadline, clock_.now()))
      throw Error::conflict(*why);
    check_form(c, actor, t, *me, form, application_id);
    if (!applications_.update(c, application_id, version, form, clock_.now_iso()))
      throw Error::precondition_failed("该申报已被修改，请刷新后重试");
    ApplicationForm old;
    old.plan = before.plan;
    old.recommending_unit = before.recommending_unit;
    for (auto const& m : before.members) old.member_ids.push_back(m.expert_id);
    if (before.opinion_letter) old.opinion_file_id = before.opinion_letter->id;
    for (auto const& f : before.attachments) old.attachment_ids.push_back(f.id);
    audit_.record(c, actor, "topic_application.update", "topic_application", application_id,
                  audit_diff(audit_view(old), audit_view(form)));
    return named(c, *applications_.find(c, application_id));
  });
}

TopicApplication TopicService::application_step(Actor const& actor, Id topic_id, Id application_id,
                                                ApplicationAction action, std::string const& input_note) {
  std::string note = trim_text(input_note);
  if (action == ApplicationAction::decline && note.empty()) throw Error::invalid_field("note", "谢绝加入须填写理由");
  return db_.write([&](storage::Connection& c) {
    auto t = load_visible(c, actor, topic_id);
    auto before = load_application(c, actor, t, application_id);
    auto me = expert_of(c, actor);
    std::string heading = t.code + " " + t.details.title;
    std::string link = "/topics/" + std::to_string(topic_id);
    if (before.status != TopicApplicationStatus::submitted)
      throw Error::conflict("该申报已" + std::string(before.status == TopicApplicationStatus::withdrawn ? "撤回"
                                                     : before.status == TopicApplicationStatus::selected ? "立项"
                                                                                                          : "结束"));
    if (action == ApplicationAction::withdraw) {
      if (!me || before.lead_expert_id != *me) throw Error::forbidden("只有申报负责人可以撤回申报");
      if (t.status != TopicStatus::published) throw Error::conflict("课题已不在申报阶段");
      applications_.set_status(c, application_id, TopicApplicationStatus::withdrawn, note.empty() ? std::nullopt : std::optional(note),
                               clock_.now_iso());
      for (auto const& m : before.members)
        tell_expert(c, m.expert_id, "topic.application_withdrawn", "申报已撤回：" + heading, note, link);
    } else {
      auto it = std::find_if(before.members.begin(), before.members.end(),
                             [&](ApplicationMember const& m) { return me && m.expert_id == *me; });
      if (it == before.members.end()) throw Error::forbidden("只有受邀的课题组成员可以确认或谢绝");
      if (it->answer != MemberAnswer::invited) throw Error::conflict("您已答复过此邀请");
      if (auto why = why_no_applications(t.status, t.details.application_deadline, clock_.now()))
        throw Error::conflict(*why);
      bool confirm = action == ApplicationAction::confirm;
      applications_.set_answer(c, application_id, *me, confirm ? MemberAnswer::confirmed : MemberAnswer::declined,
                               confirm ? std::nullopt : std::optional(note), clock_.now_iso());
      std::string who = it->name;
      tell_expert(c, before.lead_expert_id, "topic.team_answer",
                  (confirm ? "成员已确认：" : "成员谢绝加入：") + heading,
                  who + (confirm ? " 确认加入课题组。" : " 谢绝加入课题组。理由：" + note), link);
      auto after = applications_.find(c, application_id);
      if (confirm && after && after->counts())
        notifier_.notify_roles(c, RoleSet{Role::coordinator}, "topic.application", "新的课题申报：" + heading,
                               before.lead_name + " 的申报课题组成员已全部确认。", link);
    }
    record_answer(c, actor, application_id, action, note);
    return named(c, *applications_.find(c, application_id));
  });
}

}  // namespace zhiku
