// Use cases of proposals: load, check (visibility, then the workflow), change, audit, notify, in
// one write.
#include "proposals/proposal_service.hpp"

#include "core/char_count.hpp"
#include "core/crypto.hpp"
#include "core/text.hpp"
#include "proposals/proposal_content.hpp"
#include "proposals/proposal_similarity.hpp"
#include "proposals/proposal_workflow.hpp"
#include "topics/call_rules.hpp"

namespace zhiku {

namespace {

constexpr char kNotFound[] = "建议不存在";
constexpr size_t kMaxTitleChars = 200;
constexpr size_t kMaxSummaryChars = 2000;
constexpr size_t kMaxBodyChars = 200000;
constexpr size_t kMaxKeywords = 10;
constexpr size_t kMaxKeywordChars = 30;
constexpr size_t kMaxFields = 10;
constexpr size_t kMaxAuthors = 20;

bool blank(std::string const& s) { return trim_text(s).empty(); }

std::string link_of(Id id) { return "/proposals/" + std::to_string(id); }

}  // namespace

Json audit_view(ProposalContent const& c) {
  Json j = Json::object();
  j["kind"] = to_string(c.kind);
  j["title"] = c.title;
  j["summary"] = c.summary;
  j["body"] = c.body;
  j["keywords"] = c.keywords;
  j["field_ids"] = c.field_ids;
  j["author_ids"] = c.author_ids;
  j["call_id"] = c.call_id ? Json(*c.call_id) : Json();
  j["topic_id"] = c.topic_id ? Json(*c.topic_id) : Json();
  j["sensitivity"] = to_string(c.sensitivity);
  return j;
}

// The caller as the rules see them: their roles and their own expert profile.
struct ProposalService::Caller {
  Actor const* actor = nullptr;
  std::optional<Id> expert_id;
  bool author = false;  // of the proposal in question
  bool coordinator() const { return actor->is(Role::coordinator); }
  bool leader() const { return actor->is(Role::leader); }
  bool admin() const { return actor->is(Role::admin); }
  proposal_workflow::Standing standing() const { return {author, coordinator(), leader(), false}; }
  ProposalViewer viewer() const { return {expert_id, coordinator(), leader(), admin()}; }
};

ProposalService::ProposalService(storage::Database& db, AuditLog const& audit, Notifier const& notifier,
                                 ExpertService const& experts, TaxonomyService const& taxonomy, CallService const& calls,
                                 Clock const& clock)
    : db_(db), audit_(audit), notifier_(notifier), experts_(experts), taxonomy_(taxonomy), calls_(calls), clock_(clock) {}

ProposalService::Caller ProposalService::caller_of(storage::Connection& c, Actor const& actor,
                                                   std::optional<Id> proposal_id) const {
  Caller who;
  who.actor = &actor;
  if (actor.signed_in()) who.expert_id = experts_.expert_of_user(c, actor.user_id());
  if (proposal_id && who.expert_id) who.author = store_.is_author(c, *proposal_id, *who.expert_id);
  return who;
}

// SPEC "Confidentiality", the same rule as the list's SQL (proposal_store.cpp).
bool ProposalService::may_read(Caller const& who, Proposal const& p) const {
  if (who.author) return true;
  if (p.status == ProposalStatus::draft) return false;
  if (who.coordinator()) return true;
  bool const finished = p.status == ProposalStatus::reviewed || p.status == ProposalStatus::decided;
  if (who.leader() && finished) return true;
  if (who.admin() && p.content.sensitivity != Sensitivity::restricted) return true;
  return p.content.sensitivity == Sensitivity::open && p.status == ProposalStatus::decided;
}

Proposal ProposalService::load_visible(storage::Connection& c, Caller const& who, Id id) const {
  auto p = store_.find(c, id);
  if (!p || !may_read(who, *p)) throw Error::not_found(kNotFound);
  return std::move(*p);
}

std::vector<ProposalAuthor> ProposalService::authors_of(storage::Connection& c, std::vector<Id> const& ids) const {
  std::vector<ProposalAuthor> out;
  for (Id id : ids) {
    ProposalAuthor a;
    a.expert_id = id;
    if (auto b = experts_.brief(c, id)) {
      a.name = b->name;
      a.organization = b->organization;
      a.user_id = b->user_id;
    }
    out.push_back(std::move(a));
  }
  return out;
}

void ProposalService::fill_names(storage::Connection& c, Proposal& p) const {
  p.authors = authors_of(c, p.content.author_ids);
  p.fields.clear();
  for (auto const& f : taxonomy_.field_refs(c, p.content.field_ids)) p.fields.push_back({f.id, f.name});
}

ProposalView ProposalService::view_of(storage::Connection& c, Caller const& who, Proposal p) const {
  ProposalView v;
  if (!who.author && p.current_version > 0) {
    // Readers who are not authors see what was sent in, never the authors' revision in progress.
    if (auto frozen = store_.version(c, p.id, p.current_version)) {
      FrozenContent f = parse_canonical_content(frozen->content);
      p.content = f.content;
      p.body_chars = frozen->body_chars;
      p.authors = f.authors;
      p.fields = f.fields;
      p.attachments = f.attachments;
      for (auto& a : p.authors)
        if (auto b = experts_.brief(c, a.expert_id)) a.user_id = b->user_id;
    }
  } else {
    fill_names(c, p);
  }
  v.is_author = who.author;
  v.allowed = proposal_workflow::allowed_actions(p.status, who.standing());
  v.events = store_.events(c, p.id);
  v.proposal = std::move(p);
  return v;
}

std::vector<FieldError> ProposalService::check_content(storage::Connection& c, ProposalContent const& d,
                                                       std::optional<Id> author) const {
  std::vector<FieldError> errors;
  auto fail = [&](std::string field, std::string message) { errors.push_back({std::move(field), std::move(message)}); };
  if (utf8_length(d.title) > kMaxTitleChars) fail("title", "标题最多 " + std::to_string(kMaxTitleChars) + " 个字符");
  if (utf8_length(d.summary) > kMaxSummaryChars)
    fail("summary", "摘要最多 " + std::to_string(kMaxSummaryChars) + " 个字符");
  if (utf8_length(d.body) > kMaxBodyChars) fail("body", "正文最多 " + with_thousands(kMaxBodyChars) + " 个字符");
  if (d.keywords.size() > kMaxKeywords) fail("keywords", "关键词最多 " + std::to_string(kMaxKeywords) + " 个");
  for (size_t i = 0; i < d.keywords.size(); ++i) {
    auto const& k = d.keywords[i];
    std::string field = "keywords[" + std::to_string(i) + "]";
    if (blank(k))
      fail(field, "关键词不能为空");
    else if (utf8_length(k) > kMaxKeywordChars)
      fail(field, "每个关键词最多 " + std::to_string(kMaxKeywordChars) + " 个字符");
    else if (k.find("、") != std::string::npos)
      fail(field, "一个关键词中不能含有顿号「、」，请分成几个关键词");
  }
  if (d.field_ids.size() > kMaxFields) fail("field_ids", "学科领域最多 " + std::to_string(kMaxFields) + " 个");
  for (Id f : d.field_ids)
    if (!taxonomy_.field_exists(c, f)) fail("field_ids", "编号为 " + std::to_string(f) + " 的学科领域不存在");
  if (d.author_ids.empty()) fail("author_ids", "至少须有一位作者");
  if (d.author_ids.size() > kMaxAuthors) fail("author_ids", "作者最多 " + std::to_string(kMaxAuthors) + " 位");
  for (size_t i = 0; i < d.author_ids.size(); ++i) {
    Id e = d.author_ids[i];
    std::string field = "author_ids[" + std::to_string(i) + "]";
    for (size_t j = 0; j < i; ++j)
      if (d.author_ids[j] == e) fail(field, "同一位作者只能出现一次");
    auto b = experts_.brief(c, e);
    if (!b)
      fail(field, "编号为 " + std::to_string(e) + " 的专家不存在");
    else if (b->status != ExpertStatus::active)
      fail(field, "「" + b->name + "」不是已入库的专家，不能署名");
  }
  if (author && std::find(d.author_ids.begin(), d.author_ids.end(), *author) == d.author_ids.end())
    fail("author_ids", "作者中须有您本人");
  if (d.call_id && d.topic_id) fail("topic_id", "一份建议只能回应一个征集或一个课题，不能同时回应两者");
  if (d.topic_id && d.kind != ProposalKind::deliverable) fail("topic_id", "只有课题成果才能关联课题");
  if (d.call_id) {
    auto call = calls_.find(c, *d.call_id);
    if (!call || call->stage == CallStage::draft) fail("call_id", "征集不存在");
  }
  return errors;
}

ProposalView ProposalService::create(Actor const& actor, ProposalContent const& input) {
  ProposalContent d = input;
  d.body = normalize_text(d.body);
  d.summary = normalize_text(d.summary);
  return db_.write([&](storage::Connection& c) {
    Caller who = caller_of(c, actor, std::nullopt);
    if (!who.expert_id) throw Error::forbidden("您的账户未关联专家档案，不能撰写建议");
    auto me = experts_.brief(c, *who.expert_id);
    if (!me || me->status != ExpertStatus::active) throw Error::forbidden("只有已入库的专家可以撰写建议");
    if (std::find(d.author_ids.begin(), d.author_ids.end(), *who.expert_id) == d.author_ids.end())
      d.author_ids.insert(d.author_ids.begin(), *who.expert_id);
    Error::throw_if_any(check_content(c, d, who.expert_id));
    Id id = store_.insert(c, d, static_cast<std::int64_t>(count_markdown_chars(d.body)), actor.user_id(),
                          clock_.now_iso());
    audit_.record(c, actor, "proposal.create", "proposal", id, audit_diff(Json::object(), audit_view(d)));
    who.author = true;
    return view_of(c, who, *store_.find(c, id));
  });
}

ProposalView ProposalService::update(Actor const& actor, Id id, std::int64_t version, ProposalContent const& input) {
  ProposalContent d = input;
  d.body = normalize_text(d.body);
  d.summary = normalize_text(d.summary);
  return db_.write([&](storage::Connection& c) {
    Caller who = caller_of(c, actor, id);
    Proposal before = load_visible(c, who, id);
    if (!who.author) throw Error::forbidden("只有作者可以修改建议");
    if (!is_editable(before.status))
      throw Error::conflict("当前状态为「" + std::string(label_of(before.status)) + "」，不能修改；退回修改后才能再改",
                            {});
    Error::throw_if_any(check_content(c, d, who.expert_id));
    if (!store_.update(c, id, version, d, static_cast<std::int64_t>(count_markdown_chars(d.body)), clock_.now_iso()))
      throw Error::precondition_failed("这份建议已被其他作者修改，请对照最新内容合并后再保存");
    audit_.record(c, actor, "proposal.update", "proposal", id,
                  audit_diff(audit_view(before.content), audit_view(d)));
    return view_of(c, who, *store_.find(c, id));
  });
}

void ProposalService::check_submission(storage::Connection& c, Proposal const& p,
                                       std::vector<std::string> const& allowed) const {
  std::vector<FieldError> errors = check_content(c, p.content, std::nullopt);
  if (blank(p.content.title)) errors.push_back({"title", "提交前须填写标题"});
  if (blank(p.content.body)) errors.push_back({"body", "提交前须填写正文"});
  if (p.content.kind == ProposalKind::deliverable && !p.content.topic_id)
    errors.push_back({"topic_id", "课题成果须关联所交付的课题"});
  if (p.content.call_id) {
    if (auto call = calls_.find(c, *p.content.call_id)) {
      // The call's limits, saying by how much a text is over (call_rules.hpp counts as the editor).
      for (auto& e : text_problems(call->details.limits, p.content.body, p.content.summary)) errors.push_back(e);
    }
  }
  Error::throw_if_any(std::move(errors));
  if (p.content.call_id)
    if (auto why = calls_.why_closed(c, *p.content.call_id)) throw Error::conflict(*why + "，不能再提交", allowed);
  if (p.content.topic_id && topics_.why_not_deliver && p.content.author_ids.size() > 0)
    if (auto why = topics_.why_not_deliver(c, *p.content.topic_id, p.content.author_ids.front()))
      throw Error::conflict(*why, allowed);
}

void ProposalService::freeze(storage::Connection& c, Actor const& actor, Proposal const& p) const {
  FrozenContent f;
  f.content = p.content;
  f.authors = authors_of(c, p.content.author_ids);
  for (auto const& r : taxonomy_.field_refs(c, p.content.field_ids)) f.fields.push_back({r.id, r.name});
  f.attachments = p.attachments;
  ProposalVersion v;
  v.proposal_id = p.id;
  v.number = p.current_version + 1;
  v.created_at = clock_.now_iso();
  if (actor.signed_in()) v.created_by = actor.user_id();
  v.content = canonical_content(f);
  v.sha256 = sha256_hex(v.content);
  v.body_chars = static_cast<std::int64_t>(count_markdown_chars(p.content.body));
  store_.freeze(c, v, p.attachments, v.created_at);
}

// Possible duplicates for the screening queue: the index finds the proposals sharing the most of
// a sample of this text's bigrams; the similarity of the whole texts decides.
void ProposalService::find_duplicates(storage::Connection& c, Proposal const& p) const {
  constexpr int kCandidates = 30;
  std::string const query = candidate_query(p.content.body);
  if (query.empty()) return;
  TextShingles const mine = shingles_of(p.content.body);
  std::string const now = clock_.now_iso();
  for (Id other : store_.search_ids(c, query, kCandidates)) {
    if (other == p.id) continue;
    auto body = store_.sent_body(c, other);
    if (!body) continue;
    double s = similarity(mine, shingles_of(*body));
    if (s >= kDuplicateSimilarity) store_.add_duplicate(c, p.id, other, s, now);
  }
}

void ProposalService::notify_authors(storage::Connection& c, Proposal const& p, std::string_view kind,
                                     std::string const& title, std::string const& body) const {
  for (auto const& a : authors_of(c, p.content.author_ids))
    if (a.user_id) notifier_.notify(c, *a.user_id, kind, title, body, link_of(p.id));
}

ProposalView ProposalService::transition(Actor const& actor, Id id, ProposalAction action, std::string const& note) {
  return db_.write([&](storage::Connection& c) {
    Caller who = caller_of(c, actor, id);
    Proposal before = load_visible(c, who, id);
    auto t = proposal_workflow::check(before.status, action, who.standing(), note);
    std::string const now = clock_.now_iso();
    std::string const trimmed = trim_text(note);
    std::optional<std::int64_t> version_number;
    if (action == ProposalAction::submit) {
      std::vector<std::string> allowed;
      for (auto a : proposal_workflow::allowed_actions(before.status, who.standing()))
        allowed.emplace_back(to_string(a));
      check_submission(c, before, allowed);
      freeze(c, actor, before);
      find_duplicates(c, before);
      version_number = before.current_version + 1;
    } else {
      std::optional<std::string> status_note;
      if (!trimmed.empty() && (action == ProposalAction::send_back || action == ProposalAction::withdraw))
        status_note = trimmed;
      store_.set_status(c, id, t.to, status_note, now);
    }
    ProposalEvent e;
    e.at = now;
    if (actor.signed_in()) {
      e.actor_id = actor.user_id();
      e.actor_name = actor.who().display_name.empty() ? actor.who().username : actor.who().display_name;
    }
    e.action = action;
    e.from = before.status;
    e.to = t.to;
    e.note = trimmed;
    e.version_number = version_number ? version_number : std::optional<std::int64_t>(before.current_version);
    store_.add_event(c, id, e);
    Json diff = Json::object();
    diff["status"] = {{"from", to_string(before.status)}, {"to", to_string(t.to)}};
    if (version_number) diff["version"] = *version_number;
    if (!trimmed.empty()) diff["note"] = trimmed;
    audit_.record(c, actor, "proposal." + std::string(to_string(action)), "proposal", id, diff);

    std::string const title = before.content.title.empty() ? "（无标题）" : before.content.title;
    switch (action) {
      case ProposalAction::submit:
        notifier_.notify_roles(c, kScreeners, "proposal.submitted", "新的建议待形式审查：" + title,
                               "第 " + std::to_string(*version_number) + " 版，正文 " +
                                   with_thousands(static_cast<std::int64_t>(count_markdown_chars(before.content.body))) +
                                   " 字",
                               link_of(id));
        break;
      case ProposalAction::send_back:
        notify_authors(c, before, "proposal.returned", "建议被退回修改：" + title, "退回原因：" + trimmed);
        break;
      case ProposalAction::accept:
        notify_authors(c, before, "proposal.accepted", "建议已受理，进入评审：" + title, "");
        if (before.content.kind == ProposalKind::deliverable && before.content.topic_id && topics_.deliverable_accepted)
          topics_.deliverable_accepted(c, actor, *before.content.topic_id, id);
        break;
      default:
        break;
    }
    who.author = store_.is_author(c, id, who.expert_id.value_or(0));
    return view_of(c, who, *store_.find(c, id));
  });
}

ProposalView ProposalService::get(Actor const& actor, Id id) const {
  auto c = db_.read();
  storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
  Caller who = caller_of(*c, actor, id);
  return view_of(*c, who, load_visible(*c, who, id));
}

std::vector<ProposalVersion> ProposalService::versions(Actor const& actor, Id id) const {
  auto c = db_.read();
  storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
  Caller who = caller_of(*c, actor, id);
  load_visible(*c, who, id);
  return store_.versions(*c, id);
}

ProposalVersion ProposalService::version(Actor const& actor, Id id, std::int64_t number) const {
  auto c = db_.read();
  storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
  Caller who = caller_of(*c, actor, id);
  load_visible(*c, who, id);
  auto v = store_.version(*c, id, number);
  if (!v) throw Error::not_found("该建议没有第 " + std::to_string(number) + " 版");
  return std::move(*v);
}

ProposalList ProposalService::listed(storage::Connection& c, ProposalViewer const& viewer,
                                     ProposalListFilter const& f) const {
  auto [rows, total] = store_.list(c, viewer, f);
  ProposalList out;
  out.total = total;
  if (f.facets) out.facets = store_.facets(c, viewer, f);
  for (auto& r : rows) {
    ProposalListItem item;
    item.authors = authors_of(c, r.author_ids);
    item.row = std::move(r);
    out.items.push_back(std::move(item));
  }
  return out;
}

ProposalList ProposalService::list(Actor const& actor, ProposalListFilter f) const {
  if (f.match && f.match->empty()) return {};
  auto c = db_.read();
  storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
  Caller who = caller_of(*c, actor, std::nullopt);
  if (f.mine && !who.expert_id) return {};
  if (f.field_ids.size() == 1) f.field_ids = taxonomy_.field_and_descendants(*c, f.field_ids.front());
  return listed(*c, who.viewer(), f);
}

ProposalList ProposalService::queue(Actor const& actor, ProposalListFilter f) const {
  if (f.match && f.match->empty()) return {};
  auto c = db_.read();
  storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
  Caller who = caller_of(*c, actor, std::nullopt);
  f.mine = false;
  f.statuses = {ProposalStatus::submitted, ProposalStatus::screening};
  f.oldest_first = true;
  ProposalList out = listed(*c, who.viewer(), f);
  for (auto& item : out.items) item.row.duplicates = store_.duplicates(*c, item.row.id);
  return out;
}

}  // namespace zhiku
