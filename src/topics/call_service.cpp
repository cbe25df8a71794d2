// Use cases of calls for suggestions.
#include "topics/call_service.hpp"

#include "topics/call_rules.hpp"
#include "topics/topic_rules.hpp"

namespace zhiku {

namespace {
constexpr char kCallNotFound[] = "征集不存在";

// The instants as stored (one text form, so that SQL compares them).
CallDetails normalized(CallDetails d) {
  if (auto t = normalized_instant(d.opens_at)) d.opens_at = *t;
  if (auto t = normalized_instant(d.closes_at)) d.closes_at = *t;
  return d;
}
}  // namespace

Json audit_view(CallDetails const& d) {
  Json j = Json::object();
  j["theme"] = d.theme;
  j["description"] = d.description;
  j["field_ids"] = d.field_ids;
  j["opens_at"] = d.opens_at;
  j["closes_at"] = d.closes_at;
  j["body_max_chars"] = d.limits.body_max_chars;
  j["summary_threshold_chars"] = d.limits.summary_threshold_chars;
  j["summary_chars"] = d.limits.summary_chars;
  return j;
}

CallService::CallService(storage::Database& db, AuditLog const& audit, Notifier const& notifier,
                         TaxonomyService const& taxonomy, Clock const& clock)
    : db_(db), audit_(audit), notifier_(notifier), taxonomy_(taxonomy), clock_(clock) {}

Call CallService::with_status(storage::Connection& c, Call k) const {
  k.status = call_status_at(k.stage, k.details.opens_at, k.details.closes_at, clock_.now());
  k.fields = taxonomy_.field_refs(c, k.details.field_ids);
  return k;
}

void CallService::check_fields(storage::Connection& c, CallDetails const& d) const {
  for (Id f : d.field_ids)
    if (!taxonomy_.field_exists(c, f))
      throw Error::invalid_field("field_ids", "编号为 " + std::to_string(f) + " 的学科领域不存在");
}

CallList CallService::list(CallQuery const& q) const {
  if (!q.include_drafts && q.status == CallStatus::draft) return {};
  auto c = db_.read();
  storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
  auto [items, total] = store_.list(*c, q, clock_.now_iso());
  CallList out;
  out.total = total;
  for (auto& k : items) out.items.push_back(with_status(*c, std::move(k)));
  return out;
}

Call CallService::get(Id id, bool sees_drafts) const {
  auto c = db_.read();
  auto k = store_.find(*c, id);
  if (!k || (k->stage == CallStage::draft && !sees_drafts)) throw Error::not_found(kCallNotFound);
  return with_status(*c, std::move(*k));
}

Call CallService::create(Actor const& actor, CallDetails const& input) {
  CallDetails d = normalized(input);
  Error::throw_if_any(validate_call(d));
  return db_.write([&](storage::Connection& c) {
    check_fields(c, d);
    std::optional<Id> by;
    if (actor.signed_in()) by = actor.user_id();
    Id id = store_.insert(c, d, by, clock_.now_iso());
    audit_.record(c, actor, "call.create", "call", id, audit_diff(Json::object(), audit_view(d)));
    return with_status(c, *store_.find(c, id));
  });
}

Call CallService::update(Actor const& actor, Id id, std::int64_t version, CallDetails const& input) {
  CallDetails d = normalized(input);
  Error::throw_if_any(validate_call(d));
  return db_.write([&](storage::Connection& c) {
    auto before = store_.find(c, id);
    if (!before) throw Error::not_found(kCallNotFound);
    if (before->stage == CallStage::closed) throw Error::conflict("征集已结束，不能再修改");
    check_fields(c, d);
    if (!store_.update(c, id, version, d, clock_.now_iso()))
      throw Error::precondition_failed("该征集已被他人修改，请刷新后重试");
    audit_.record(c, actor, "call.update", "call", id, audit_diff(audit_view(before->details), audit_view(d)));
    return with_status(c, *store_.find(c, id));
  });
}

Call CallService::transition(Actor const& actor, Id id, CallAction action) {
  return db_.write([&](storage::Connection& c) {
    auto before = store_.find(c, id);
    if (!before) throw Error::not_found(kCallNotFound);
    CallStage next = next_stage(before->stage, action);
    store_.set_stage(c, id, next, clock_.now_iso());
    audit_.record(c, actor, "call." + std::string(to_string(action)), "call", id,
                  {{"status", {{"from", to_string(before->stage)}, {"to", to_string(next)}}}});
    Call after = with_status(c, *store_.find(c, id));
    // Experts hear of a new call when it is published (they find it on their home page too).
    if (action == CallAction::publish)
      notifier_.notify_roles(c, RoleSet{Role::expert}, "call.published", "新的建议征集：" + after.details.theme,
                             "征集时间 " + beijing_time(after.details.opens_at) + " 至 " +
                                 beijing_time(after.details.closes_at),
                             "/calls/" + std::to_string(id));
    return after;
  });
}

std::optional<Call> CallService::find(storage::Connection& c, Id id) const {
  auto k = store_.find(c, id);
  if (!k) return std::nullopt;
  return with_status(c, std::move(*k));
}

std::optional<std::string> CallService::why_closed(storage::Connection& c, Id id) const {
  auto k = find(c, id);
  if (!k) return std::string(kCallNotFound);
  return why_call_closed(*k, clock_.now());
}

}  // namespace zhiku
