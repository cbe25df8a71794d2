// Use cases of the expert pool. Every mutation: authorise, validate, then one db.write that
// loads, checks, changes, audits and notifies.
#include "experts/expert_service.hpp"

#include <algorithm>
#include <chrono>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "experts/application_receipt.hpp"
#include "experts/expert_access.hpp"
#include "experts/expert_json.hpp"
#include "experts/expert_rules.hpp"
#include "experts/expert_workflow.hpp"
#include "sheets/sheets.hpp"
#include "storage/error.hpp"
#include "storage/cjk_tokenizer.hpp"
#include "users/user.hpp"
#include "users/user_service.hpp"

namespace zhiku {

namespace {

int year_of(std::string const& iso) { return std::stoi(iso.substr(0, 4)); }

// What the audit log keeps of a profile (contact data included: the audit log is for admins).
Json profile_audit_view(ExpertProfile const& p) { return profile_json(p, /*with_contact=*/true); }

constexpr char kExpertNotFound[] = "专家不存在";
constexpr char kNoOwnRecord[] = "您的账号尚未关联专家档案，请联系协调员";
constexpr char kExpertChanged[] = "该专家档案已被他人修改，请刷新后重试";
constexpr char kHasAccount[] = "该专家已有登录账号";
// The audit action of an expert's edit of their own record (update_mine), whose contact data
// duplicates are flagged rather than refused.
constexpr std::string_view kSelfServiceEdit = "expert.update_own";

struct TransitionText {
  char const* kind;
  char const* title;
};

TransitionText text_of(ExpertAction a) {
  switch (a) {
    case ExpertAction::approve:
      return {"expert.approved", "您已通过专家入库审核"};
    case ExpertAction::reject:
      return {"expert.rejected", "您的专家入库申请未通过"};
    case ExpertAction::suspend:
      return {"expert.suspended", "您的专家资格已暂停"};
    case ExpertAction::reinstate:
      return {"expert.reinstated", "您的专家资格已恢复"};
    case ExpertAction::retire:
      return {"expert.retired", "您已出库"};
  }
  return {"expert.changed", "专家状态已变更"};
}

}  // namespace

void ExpertPatch::apply_to(ExpertProfile& p) const {
  auto has = [&](char const* key) { return present.count(key) > 0; };
  auto const& v = values;
  if (has("name")) p.name = v.name;
  if (has("gender")) p.gender = v.gender;
  if (has("birth_year")) p.birth_year = v.birth_year;
  if (has("title")) p.title = v.title;
  if (has("position")) p.position = v.position;
  if (has("organization")) p.organization = v.organization;
  if (has("department")) p.department = v.department;
  if (has("employment")) p.employment = v.employment;
  if (has("field_ids")) p.field_ids = v.field_ids;
  if (has("keywords")) p.keywords = v.keywords;
  if (has("category")) p.category = v.category;
  if (has("country")) p.country = v.country;
  if (has("academician")) p.academician = v.academician;
  if (has("pool_ids")) p.pool_ids = v.pool_ids;
  if (has("phone")) p.phone = v.phone;
  if (has("email")) p.email = v.email;
  if (has("bio")) p.bio = v.bio;
}

ExpertService::ExpertService(storage::Database& db, AuditLog const& audit, Notifier const& notifier, UserService& users,
                             Clock const& clock, ExpertServiceConfig config)
    : db_(db),
      audit_(audit),
      notifier_(notifier),
      users_(users),
      clock_(clock),
      config_(config),
      work_(config.application_work, std::chrono::minutes(20)),
      receipt_throttle_(ThrottleRule{config.receipt_lookup_max_failures, 60, 60, 3600}) {}

Expert ExpertService::load(storage::Connection& c, Id id) const {
  auto e = store_.find(c, id);
  if (!e) throw Error::not_found(kExpertNotFound);
  e->stale = is_stale(e->confirmed_at.value_or(e->created_at), clock_.now_iso());
  return std::move(*e);
}

std::optional<Id> ExpertService::own_expert_id(storage::Connection& c, Actor const& actor) const {
  return store_.find_id_by_user(c, actor.who().user_id);
}

std::optional<Id> ExpertService::expert_of_user(storage::Connection& c, Id user_id) const {
  return store_.find_id_by_user(c, user_id);
}

std::optional<ExpertBrief> ExpertService::brief(storage::Connection& c, Id id) const {
  return store_.find_brief(c, id);
}

void ExpertService::check_conflicts_access(storage::Connection& c, Actor const& actor, Id expert_id) const {
  if (auto d = why_not_manage_conflicts(actor.who(), expert_id, own_expert_id(c, actor))) throw Error::denied(*d);
  if (!store_.exists(c, expert_id)) throw Error::not_found(kExpertNotFound);
}

bool ExpertService::may_name(storage::Connection& c, Actor const& actor, Id other) const {
  auto b = store_.find_brief(c, other);
  if (!b) return false;
  // Curators see the whole pool; anyone else knows only the experts the lookup offers (active
  // ones): a pending applicant or a retired expert must answer like a missing id.
  return actor.has_any(kCurators) || b->status == ExpertStatus::active;
}

void ExpertService::check_references(storage::Connection& c, ExpertProfile const& p) const {
  std::vector<FieldError> errors;
  for (Id f : p.field_ids)
    if (!taxonomy_.field_exists(c, f))
      errors.push_back({"field_ids", "编号为 " + std::to_string(f) + " 的学科领域不存在"});
  for (Id pool : p.pool_ids)
    if (!taxonomy_.pool_exists(c, pool))
      errors.push_back({"pool_ids", "编号为 " + std::to_string(pool) + " 的专家库不存在"});
  Error::throw_if_any(std::move(errors));
}

namespace {
// Another expert with the same e-mail or phone: two records of one person would split their
// reviews and conflicts.
struct ContactDuplicate {
  char const* field;  // "email" or "phone"
  Id other = 0;
};

std::vector<ContactDuplicate> contact_duplicates(storage::Connection& c, ExpertStore const& store,
                                                 ExpertProfile const& p, std::optional<Id> self) {
  std::vector<ContactDuplicate> out;
  Id const me = self.value_or(0);
  if (p.email)
    if (auto norm = normalize_email(*p.email))
      if (auto other = store.find_other_by_email_norm(c, *norm, me)) out.push_back({"email", *other});
  if (p.phone)
    if (auto norm = normalize_phone(*p.phone))
      if (auto other = store.find_other_by_phone_norm(c, *norm, me)) out.push_back({"phone", *other});
  return out;
}

// Staff (who see every record and its contact data) are told which record they would duplicate.
void check_unique_contact(storage::Connection& c, ExpertStore const& store, ExpertProfile const& p,
                          std::optional<Id> self) {
  for (auto const& d : contact_duplicates(c, store, p, self))
    throw Error::conflict("已有其他专家（#" + std::to_string(d.other) + "）使用该" +
                          (std::string_view(d.field) == "email" ? "邮箱" : "手机号码"));
}
}  // namespace

// An expert editing their own record, or a stranger applying, must not learn whether another
// record uses an e-mail or phone (issue 9: 100 phone numbers were mapped to expert ids in 0.9 s
// through the 409 this used to answer). Their change is accepted, and each new pair is flagged for
// the coordinators, who see both records, to resolve.
void ExpertService::flag_contact_duplicates(storage::Connection& c, Actor const& actor, Id id,
                                            ExpertProfile const& p) const {
  std::string const now = clock_.now_iso();
  for (auto const& d : contact_duplicates(c, store_, p, id)) {
    if (!store_.flag_duplicate(c, id, d.other, d.field, now)) continue;
    Json after = Json::object();
    after["other_expert_id"] = d.other;
    after["field"] = d.field;
    audit_.record(c, actor, "expert.flag_duplicate", "expert", id, audit_diff(Json::object(), after));
    std::string const what = std::string_view(d.field) == "email" ? "邮箱" : "手机号码";
    notifier_.notify_roles(c, RoleSet{Role::coordinator}, "expert.possible_duplicate", "可能重复的专家档案",
                           "专家档案 #" + std::to_string(id) + "（" + p.name + "）的" + what + "与专家档案 #" +
                               std::to_string(d.other) + " 相同，可能是同一人，请核对后处理。",
                           "/experts/" + std::to_string(id));
  }
}

Expert ExpertService::get(Actor const& actor, Id id) const {
  auto c = db_.read();
  // Someone who does not read the pool reads their own record alone. Every other id is answered
  // before its row is touched, so a missing and an existing-but-invisible id take the same path and
  // the same time (issue 9: 26 µs apart told 23 of 24 ids apart).
  if (!actor.has_any(kPoolReaders) && own_expert_id(*c, actor) != id) throw Error::not_found(kExpertNotFound);
  Expert e = load(*c, id);
  if (auto d = why_not_read(actor.who(), e)) throw Error::denied(*d);
  return e;
}

Expert ExpertService::get_mine(Actor const& actor) const {
  auto c = db_.read();
  auto id = own_expert_id(*c, actor);
  if (!id) throw Error::not_found(kNoOwnRecord);
  return load(*c, *id);
}

ExpertList ExpertService::list(Actor const&, ExpertQuery const& q) const {
  Error::throw_if_any(validate_query(q));
  std::string match;
  if (q.q) {
    match = storage::fts_query_for(*q.q);
    if (match.empty()) return {};  // nothing searchable in the query (punctuation only)
  }
  auto c = db_.read();
  // One read transaction so the count and the page agree.
  storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
  std::string const cutoff = stale_cutoff(clock_.now_iso());
  ExpertList out;
  std::vector<Id> match_fields;
  if (q.q) {
    // 人工智能 also finds the experts filed under the field 人工智能 and the fields below it.
    SearchScope scope{trim_text(*q.q), taxonomy_.fields_named(*c, trim_text(*q.q)), 0};
    for (auto const& f : scope.fields)
      for (Id id : taxonomy_.field_and_descendants(*c, f.id))
        if (std::find(match_fields.begin(), match_fields.end(), id) == match_fields.end()) match_fields.push_back(id);
    scope.field_count = match_fields.size();
    out.searched = std::move(scope);
  }
  auto page = store_.list(*c, q, match, cutoff, match_fields);
  out.total = page.total;
  out.facets = std::move(page.facets);
  out.items.reserve(page.rows.size());
  for (auto const& [id, highlight] : page.rows) {
    auto e = store_.find(*c, id);
    if (!e) continue;
    e->stale = e->confirmed_at.value_or(e->created_at) < cutoff;
    e->highlight = highlight;
    out.items.push_back(std::move(*e));
  }
  return out;
}

void ExpertService::warm() const {
  auto c = db_.read();
  storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
  store_.warm(*c);
}

std::vector<Conflict> ExpertService::conflicts(Actor const& actor, Id expert_id) const {
  auto c = db_.read();
  check_conflicts_access(*c, actor, expert_id);
  return store_.conflicts(*c, expert_id);
}

Expert ExpertService::create(Actor const& actor, ExpertProfile const& profile) {
  std::string now = clock_.now_iso();
  Error::throw_if_any(validate_profile(profile, year_of(now)));
  return db_.write([&](storage::Connection& c) {
    check_references(c, profile);
    check_unique_contact(c, store_, profile, std::nullopt);
    Id id = store_.insert(c, profile, ExpertStatus::pending, std::nullopt, ExpertSource::created, now);
    Json after = profile_audit_view(profile);
    after["status"] = "pending";
    audit_.record(c, actor, "expert.create", "expert", id, audit_diff(Json::object(), after));
    return load(c, id);
  });
}

Expert ExpertService::edit(storage::Connection& c, Actor const& actor, Id id, std::int64_t version,
                           ExpertPatch const& patch, std::string_view action) {
  Expert before = load(c, id);
  if (before.version != version) throw Error::precondition_failed(kExpertChanged);
  ExpertProfile profile = before.profile;
  patch.apply_to(profile);
  std::string now = clock_.now_iso();
  Error::throw_if_any(validate_profile(profile, year_of(now)));
  check_references(c, profile);
  bool const self_service = action == kSelfServiceEdit;
  if (!self_service) check_unique_contact(c, store_, profile, id);
  if (!store_.update_profile(c, id, version, profile, now)) throw Error::precondition_failed(kExpertChanged);
  audit_.record(c, actor, action, "expert", id,
                audit_diff(profile_audit_view(before.profile), profile_audit_view(profile)));
  if (self_service) flag_contact_duplicates(c, actor, id, profile);
  return load(c, id);
}

Expert ExpertService::update(Actor const& actor, Id id, std::int64_t version, ExpertPatch const& patch) {
  return db_.write([&](storage::Connection& c) { return edit(c, actor, id, version, patch, "expert.update"); });
}

Expert ExpertService::transition(Actor const& actor, Id id, ExpertAction action, std::string const& note) {
  return db_.write([&](storage::Connection& c) {
    Expert before = load(c, id);
    auto t = expert_workflow::check(before.status, action, actor.who(), note);
    std::optional<std::string> reason;
    if (!note.empty()) reason = note;
    std::string now = clock_.now_iso();
    store_.update_status(c, id, t.to, reason, now);
    Json from = Json::object(), to = Json::object();
    from["status"] = to_string(before.status);
    to["status"] = to_string(t.to);
    from["status_reason"] = before.status_reason ? Json(*before.status_reason) : Json();
    to["status_reason"] = reason ? Json(*reason) : Json();
    audit_.record(c, actor, "expert." + std::string(to_string(action)), "expert", id, audit_diff(from, to));
    if (before.user_id) {
      auto text = text_of(action);
      std::string body = reason ? "说明：" + *reason : std::string("请登录查看您的专家信息。");
      notifier_.notify(c, *before.user_id, text.kind, text.title, body, "/me/profile");
    }
    return load(c, id);
  });
}

std::pair<User, std::string> ExpertService::invite(Actor const& actor, Id id) {
  return db_.write([&](storage::Connection& c) {
    Expert e = load(c, id);
    if (e.user_id) throw Error::conflict(kHasAccount);
    NewUser nu;
    std::string base = "expert" + std::to_string(id);
    if (e.profile.email) base = e.profile.email->substr(0, e.profile.email->find('@'));
    nu.username = users_.available_username(c, base);
    nu.display_name = e.profile.name;
    nu.email = e.profile.email.value_or("");
    nu.roles = RoleSet{Role::expert};
    auto [user, password] = users_.create_in(c, actor, nu);
    if (!store_.set_user(c, id, user.id, clock_.now_iso())) throw Error::conflict(kHasAccount);
    Json from = Json::object(), to = Json::object();
    from["user_id"] = nullptr;
    to["user_id"] = user.id;
    audit_.record(c, actor, "expert.invite", "expert", id, audit_diff(from, to));
    user.expert_id = id;
    return std::make_pair(user, password);
  });
}

Expert ExpertService::link_user(Actor const& actor, Id id, Id user_id) {
  return db_.write([&](storage::Connection& c) {
    Expert e = load(c, id);
    if (e.user_id) throw Error::conflict(kHasAccount);
    if (!users_.find_by_id(c, user_id)) throw Error::not_found("用户不存在");
    if (store_.find_id_by_user(c, user_id)) throw Error::conflict("该账号已关联其他专家");
    store_.set_user(c, id, user_id, clock_.now_iso());
    Json from = Json::object(), to = Json::object();
    from["user_id"] = nullptr;
    to["user_id"] = user_id;
    audit_.record(c, actor, "expert.link_user", "expert", id, audit_diff(from, to));
    return load(c, id);
  });
}

void ExpertService::remind(Actor const& actor, Id id) {
  db_.write([&](storage::Connection& c) {
    Expert e = load(c, id);
    if (!e.user_id) throw Error::conflict("该专家还没有登录账号，无法提醒；请先为其创建登录账户");
    notifier_.notify(
        c, *e.user_id, "expert.remind_confirm", "请确认您的专家信息",
        "专家库要求专家至少每两年确认一次个人信息。请核对您的资料，如有变化请更新，然后点击“确认信息无误”。",
        "/me/profile");
    audit_.record(c, actor, "expert.remind", "expert", id, Json::object());
  });
}

Expert ExpertService::update_mine(Actor const& actor, std::int64_t version, ExpertPatch const& patch) {
  ExpertPatch own = patch;
  own.present.erase("pool_ids");  // pool membership is the office's decision
  return db_.write([&](storage::Connection& c) {
    auto id = own_expert_id(c, actor);
    if (!id) throw Error::not_found(kNoOwnRecord);
    return edit(c, actor, *id, version, own, "expert.update_own");
  });
}

Expert ExpertService::confirm_mine(Actor const& actor) {
  return db_.write([&](storage::Connection& c) {
    auto id = own_expert_id(c, actor);
    if (!id) throw Error::not_found(kNoOwnRecord);
    Expert before = load(c, *id);
    std::string now = clock_.now_iso();
    store_.confirm(c, *id, now);
    Json from = Json::object(), to = Json::object();
    from["confirmed_at"] = before.confirmed_at ? Json(*before.confirmed_at) : Json();
    to["confirmed_at"] = now;
    audit_.record(c, actor, "expert.confirm", "expert", *id, audit_diff(from, to));
    return load(c, *id);
  });
}

Conflict ExpertService::add_conflict(Actor const& actor, Id expert_id, Conflict const& conflict) {
  std::vector<FieldError> errors;
  if (conflict.kind != "person" && conflict.kind != "organization")
    errors.push_back({"kind", "类型须为 person（人员）或 organization（单位）"});
  if (trim_text(conflict.name).empty())
    errors.push_back({"name", "请填写回避对象的姓名或单位名称"});
  else if (utf8_length(conflict.name) > 200)
    errors.push_back({"name", "回避对象不能超过 200 个字符"});
  if (conflict.other_expert_id && conflict.kind == "organization")
    errors.push_back({"other_expert_id", "只有人员类型的回避声明可以关联库内专家"});
  if (conflict.until && !is_iso_date(*conflict.until)) errors.push_back({"until", "截止日期须为 YYYY-MM-DD 格式"});
  if (utf8_length(conflict.note) > 1000) errors.push_back({"note", "说明不能超过 1000 个字符"});
  if (conflict.other_expert_id && *conflict.other_expert_id == expert_id)
    errors.push_back({"other_expert_id", "不能对自己声明回避"});
  Error::throw_if_any(std::move(errors));
  return db_.write([&](storage::Connection& c) {
    check_conflicts_access(c, actor, expert_id);
    if (conflict.other_expert_id && !may_name(c, actor, *conflict.other_expert_id))
      throw Error::invalid_field("other_expert_id", "所选专家不存在");
    Conflict k = conflict;
    k.expert_id = expert_id;
    k.name = trim_text(k.name);
    k.created_at = clock_.now_iso();
    k.id = store_.insert_conflict(c, k);
    Json after = Json::object();
    after["conflict_id"] = k.id;
    after["kind"] = k.kind;
    after["name"] = k.name;
    after["other_expert_id"] = k.other_expert_id ? Json(*k.other_expert_id) : Json();
    after["until"] = k.until ? Json(*k.until) : Json();
    audit_.record(c, actor, "expert.conflict_add", "expert", expert_id, audit_diff(Json::object(), after));
    return k;
  });
}

void ExpertService::delete_conflict(Actor const& actor, Id expert_id, Id conflict_id) {
  db_.write([&](storage::Connection& c) {
    if (auto d = why_not_manage_conflicts(actor.who(), expert_id, own_expert_id(c, actor))) throw Error::denied(*d);
    auto k = store_.find_conflict(c, expert_id, conflict_id);
    if (!k) throw Error::not_found("回避声明不存在");
    store_.delete_conflict(c, conflict_id);
    Json before = Json::object();
    before["conflict_id"] = k->id;
    before["kind"] = k->kind;
    before["name"] = k->name;
    audit_.record(c, actor, "expert.conflict_delete", "expert", expert_id, audit_diff(before, Json::object()));
  });
}

WorkChallenge ExpertService::application_challenge() const { return work_.issue(clock_.now()); }

ApplicationReceipt ExpertService::apply(Actor const& actor, ExpertApplication const& application) {
  ExpertProfile p = application.profile;
  p.pool_ids.clear();
  std::string now = clock_.now_iso();
  auto errors = validate_profile(p, year_of(now));
  if (!p.email) errors.push_back({"email", "请填写邮箱"});
  if (!application.consent) errors.push_back({"consent", "请阅读并勾选同意《个人信息处理说明》后再提交"});
  if (!application.work)
    errors.push_back({"challenge", "缺少安全验证，请刷新页面后重新提交"});
  else if (auto why = work_.why_not(*application.work, clock_.now()))
    errors.push_back({"challenge", *why});
  Error::throw_if_any(std::move(errors));
  std::string receipt = new_receipt();
  return db_.write([&](storage::Connection& c) {
    auto now_tp = clock_.now();
    std::string since = to_iso(now_tp - std::chrono::hours(1));
    auto [count, oldest] = store_.applications_since(c, actor.meta.client_address, since);
    if (count >= config_.application_limit_per_hour) {
      int wait = 3600;
      if (oldest) {
        if (auto t = parse_iso(*oldest))
          wait = static_cast<int>(
              std::chrono::duration_cast<std::chrono::seconds>(*t + std::chrono::hours(1) - now_tp).count());
      }
      throw Error::too_many_requests("该网络地址提交的申请过多，请稍后再试", wait);
    }
    check_references(c, p);
    Id id = store_.insert(c, p, ExpertStatus::pending, std::nullopt, ExpertSource::application, now);
    storage::unique_or(Error::invalid_field("challenge", "该安全验证已使用过，请重新提交"), [&] {
      store_.record_application(c, id, actor.meta.client_address, receipt_hash(receipt), now, application.work->salt);
    });
    Json after = profile_audit_view(p);
    after["status"] = "pending";
    after["consented_at"] = now;
    audit_.record(c, actor, "expert.apply", "expert", id, audit_diff(Json::object(), after));
    flag_contact_duplicates(c, actor, id, p);
    notifier_.notify_roles(c, RoleSet{Role::coordinator}, "expert.application", "新的专家入库申请",
                           p.name + "（" + p.organization + "）申请加入专家库，请审核。",
                           "/experts/" + std::to_string(id));
    return ApplicationReceipt{id, ExpertStatus::pending, receipt};
  });
}

ApplicationStatus ExpertService::application_status(Actor const& actor, std::string_view receipt) {
  if (trim_view(receipt).empty()) throw Error::invalid_field("receipt", "请输入申请回执号");
  if (receipt.size() > 64) throw Error::not_found("找不到该申请，请核对申请回执号");
  std::string const key = "receipt:" + actor.meta.client_address;
  // Counted before the lookup, in one step with the check: parallel guesses cannot pass the limit.
  std::optional<FailureState> before;
  int wait = db_.write([&](storage::Connection& c) { return receipt_throttle_.reserve(c, key, clock_.now(), before); });
  if (wait > 0) throw Error::too_many_requests("查询次数过多，请稍后再试", wait);
  std::optional<ApplicationStatus> found;
  {
    auto c = db_.read();
    if (auto app = store_.find_application(*c, receipt_hash(receipt))) {
      Expert e = load(*c, app->first);
      found = ApplicationStatus{e.profile.name, e.status, e.status_reason, app->second};
    }
  }
  if (!found) throw Error::not_found("找不到该申请，请核对申请回执号");
  db_.write([&](storage::Connection& c) { receipt_throttle_.refund(c, key, before); });
  return *found;
}

ImportOutcome ExpertService::import(Actor const& actor, std::string const& bytes,
                                    std::string const& filename_or_content_type, bool dry_run, ExpertStatus initial) {
  if (initial != ExpertStatus::pending && initial != ExpertStatus::active)
    throw Error::invalid_field("status", "导入专家的初始状态须为 pending（待审核）或 active（在库）");
  SheetLimits limits;
  limits.max_rows = kMaxImportRows;
  Table table = read_table(bytes, filename_or_content_type, limits);
  std::string now = clock_.now_iso();
  ImportOutcome out;
  out.dry_run = dry_run;
  {
    auto c = db_.read();
    ImportVocabulary vocab{taxonomy_.fields(*c), taxonomy_.pools(*c)};
    out.plan = parse_import(table, vocab, year_of(now));
    for (size_t i = 0; i < out.plan.rows.size(); ++i) {
      auto const& p = out.plan.rows[i].profile;
      if (p.email)
        if (auto norm = normalize_email(*p.email))
          if (auto other = store_.find_by_email_norm(*c, *norm))
            add_existing_duplicate(out.plan, i, "email", *p.email, *other);
      if (p.phone)
        if (auto norm = normalize_phone(*p.phone))
          if (auto other = store_.find_by_phone_norm(*c, *norm))
            add_existing_duplicate(out.plan, i, "phone", *p.phone, *other);
    }
  }
  std::stable_sort(out.plan.errors.begin(), out.plan.errors.end(),
                   [](ImportError const& a, ImportError const& b) { return a.row < b.row; });
  std::stable_sort(out.plan.duplicates.begin(), out.plan.duplicates.end(),
                   [](ImportDuplicate const& a, ImportDuplicate const& b) { return a.row < b.row; });
  if (dry_run || !out.plan.ok()) return out;

  out.expert_ids = db_.write([&](storage::Connection& c) {
    std::vector<Id> ids;
    ids.reserve(out.plan.rows.size());
    for (auto const& row : out.plan.rows) {
      try {
        check_unique_contact(c, store_, row.profile, std::nullopt);
      } catch (Error const& e) {
        throw Error::conflict("第 " + std::to_string(row.row) + " 行：" + e.detail() +
                              "（该专家是在检查文件之后加入的，请重新检查文件）");
      }
      check_references(c, row.profile);
      Id id = store_.insert(c, row.profile, initial, std::nullopt, ExpertSource::import, now);
      Json after = profile_audit_view(row.profile);
      after["status"] = to_string(initial);
      audit_.record(c, actor, "expert.import", "expert", id, audit_diff(Json::object(), after));
      ids.push_back(id);
    }
    Json summary = Json::object(), none = Json::object();
    summary["rows"] = ids.size();
    summary["status"] = to_string(initial);
    summary["first_id"] = ids.empty() ? Json() : Json(ids.front());
    summary["last_id"] = ids.empty() ? Json() : Json(ids.back());
    audit_.record(c, actor, "expert.import_batch", "expert", std::nullopt, audit_diff(none, summary));
    return ids;
  });
  out.imported = static_cast<int>(out.expert_ids.size());
  return out;
}

ExpertExport ExpertService::export_rows(Actor const& actor, ExpertQuery q) const {
  ExpertExport out;
  q.offset = 0;
  q.limit = config_.export_max_rows + 1;
  q.facets = false;  // a spreadsheet has no use for them
  auto list = this->list(actor, q);
  out.truncated = static_cast<int>(list.items.size()) > config_.export_max_rows;
  if (out.truncated) list.items.resize(static_cast<size_t>(config_.export_max_rows));
  out.rows = std::move(list.items);
  out.with_contact = actor.has_any(kCurators);
  return out;
}

ExportFile ExpertService::export_file(Actor const& actor, ExpertQuery q, SheetFormat format) const {
  auto data = export_rows(actor, std::move(q));
  std::string const now = clock_.now_iso();
  std::string const date = now.substr(0, 10);
  Table table;
  auto& header = table.header;
  header = {"姓名", "性别", "出生年份", "职称", "职务", "工作单位", "部门"};
  if (data.with_contact) {
    header.emplace_back("邮箱");
    header.emplace_back("手机");
  }
  for (char const* h : {"学科领域", "研究方向/关键词", "类别", "国家或地区", "院士", "专家库", "状态", "简介"})
    header.emplace_back(h);
  auto& rows = table.rows;
  rows.reserve(data.rows.size() + 2);
  auto join_names = [](std::vector<NamedRef> const& refs) {
    std::string s;
    for (auto const& r : refs) s += (s.empty() ? "" : "；") + r.name;
    return s;
  };
  for (auto const& e : data.rows) {
    auto const& p = e.profile;
    std::vector<std::string> row = {p.name,
                                    p.gender ? (*p.gender == "male" ? "男" : "女") : "",
                                    p.birth_year ? std::to_string(*p.birth_year) : "",
                                    p.title.value_or(""),
                                    p.position.value_or(""),
                                    p.organization,
                                    p.department.value_or("")};
    if (data.with_contact) {
      row.push_back(p.email.value_or(""));
      row.push_back(p.phone.value_or(""));
    }
    row.push_back(join_names(e.fields));
    std::string kw;
    for (auto const& k : p.keywords) kw += (kw.empty() ? "" : "；") + k;
    row.push_back(kw);
    row.emplace_back(p.category == "overseas" ? "海外" : "国内");
    row.push_back(p.country.value_or(""));
    row.emplace_back(p.academician ? (*p.academician == "CAS" ? "中国科学院院士" : "中国工程院院士") : "否");
    row.push_back(join_names(e.pools));
    row.emplace_back(label_of(e.status));
    row.push_back(p.bio);
    rows.push_back(std::move(row));
  }
  std::string note = "导出人: " + actor.who().label() + "；导出时间: " + now + "；共 " +
                     std::to_string(data.rows.size()) + " 条" + (data.truncated ? "（已截断）" : "") +
                     "；内部资料，请勿外传";
  ExportFile out;
  std::string const ext = format == SheetFormat::csv ? "csv" : "xlsx";
  out.ascii_name = "experts-" + date + "." + ext;
  out.utf8_name = "专家库-" + date + "." + ext;
  if (format == SheetFormat::csv) {
    // SPEC: exported copies name their reader; CSV has no footer, so the last row does.
    rows.emplace_back();
    rows.push_back({note});
    out.bytes = write_csv(table);
    out.content_type = "text/csv; charset=utf-8";
  } else {
    out.bytes = write_xlsx(table, "专家库", note);
    out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  return out;
}

std::vector<ExpertLookupItem> ExpertService::lookup(Actor const& actor, std::string_view q, int limit) const {
  std::string const text = trim_text(q);
  if (text.empty()) throw Error::invalid_field("q", "请输入要查找的姓名或单位");
  if (utf8_length(text) > 200) throw Error::invalid_field("q", "查找内容不能超过 200 个字符");
  std::string const match = storage::fts_query_for(text, /*prefix_latin=*/true);
  if (match.empty()) throw Error::invalid_field("q", "查找内容须包含汉字、字母或数字");
  auto c = db_.read();
  return store_.lookup(*c, match, own_expert_id(*c, actor), std::clamp(limit, 1, kLookupMaxLimit));
}

}  // namespace zhiku
