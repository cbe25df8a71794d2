// Reviewing: each use case loads the caller's own assignment (404 for anyone else's), checks
// what the round and the deadline allow, changes and audits in one write.
#include "reviews/review_service.hpp"

#include "core/text.hpp"
#include "proposals/markdown.hpp"
#include "topics/topic_rules.hpp"

namespace zhiku {

namespace {

constexpr char kNotFound[] = "评审任务不存在";

// The same office read as the assignment's (assignment_service.cpp): what the reviewer then
// sees is chosen here.
Actor office_reader(Actor const& actor) {
  Principal p;
  p.username = "reviews";
  p.roles = RoleSet{Role::coordinator};
  return Actor::of(p, actor.meta);
}

Json content_json(ReviewContent const& c) {
  Json j = Json::object();
  Json scores = Json::array();
  for (auto const& s : c.scores) scores.push_back(s ? Json(*s) : Json());
  j["scores"] = std::move(scores);
  j["recommendation"] = c.recommendation ? Json(to_string(*c.recommendation)) : Json();
  j["confidence"] = c.confidence ? Json(*c.confidence) : Json();
  j["comment_office"] = c.comment_office;
  j["comment_authors"] = c.comment_authors;
  return j;
}

// Every problem of a draft: scores that are given must be in range; confidence 1..5; comments
// within their length.
std::vector<FieldError> draft_errors(Rubric const& rubric, ReviewContent const& c) {
  std::vector<FieldError> errors;
  if (!c.scores.empty()) {
    auto given = c.scores;
    for (auto& s : given)
      if (!s) s = 0.0;  // a missing score is not an error in a draft
    errors = score_errors(rubric, given, "scores");
  }
  if (c.confidence && (*c.confidence < kMinConfidence || *c.confidence > kMaxConfidence))
    errors.push_back({"confidence", "熟悉程度须为 " + std::to_string(kMinConfidence) + " 至 " +
                                        std::to_string(kMaxConfidence) + " 之间的整数"});
  if (utf8_length(c.comment_office) > kMaxReviewCommentChars)
    errors.push_back({"comment_office", "给评审办公室的意见最多 " + std::to_string(kMaxReviewCommentChars) + " 个字符"});
  if (utf8_length(c.comment_authors) > kMaxReviewCommentChars)
    errors.push_back({"comment_authors", "给作者的意见最多 " + std::to_string(kMaxReviewCommentChars) + " 个字符"});
  return errors;
}

// What a submitted review needs beyond a valid draft.
std::vector<FieldError> submit_errors(Rubric const& rubric, ReviewContent const& c) {
  std::vector<FieldError> errors = score_errors(rubric, c.scores.empty() ? std::vector<std::optional<double>>(
                                                                               rubric.criteria.size())
                                                                         : c.scores,
                                                "scores");
  if (!c.recommendation) errors.push_back({"recommendation", "请选择推荐意见"});
  if (!c.confidence) errors.push_back({"confidence", "请选择对该领域的熟悉程度"});
  return errors;
}

}  // namespace

struct ReviewService::Mine {
  Assignment assignment;
  Round round;
};

ReviewService::ReviewService(storage::Database& db, AuditLog const& audit, Notifier const& notifier,
                             ExpertService const& experts, ProposalService const& proposals,
                             AssignmentService const& assignments, Clock const& clock)
    : db_(db),
      audit_(audit),
      notifier_(notifier),
      experts_(experts),
      proposals_(proposals),
      assignments_(assignments),
      clock_(clock) {}

ReviewService::Mine ReviewService::load_mine(storage::Connection& c, Actor const& actor, Id assignment_id) const {
  std::optional<Id> me;
  if (actor.signed_in()) me = experts_.expert_of_user(c, actor.user_id());
  auto a = assignment_store_.find(c, assignment_id);
  // Someone else's, a tentative or a declined assignment does not exist for the caller.
  if (!a || !me || a->expert_id != *me || a->status == AssignmentStatus::tentative ||
      a->status == AssignmentStatus::declined)
    throw Error::not_found(kNotFound);
  auto r = round_store_.find(c, a->round_id);
  if (!r) throw Error::not_found(kNotFound);
  return Mine{std::move(*a), std::move(*r)};
}

std::optional<std::string> ReviewService::why_not_edit(Mine const& m, std::optional<Review> const& review) const {
  if (review && review->status == ReviewStatus::submitted) return "评审意见已提交，不能再修改";
  if (m.round.status != RoundStatus::reviewing) {
    if (m.round.status == RoundStatus::assigning) return "评审尚未开始，请等待评审协调员开始评审";
    return "评审批次已「" + std::string(label_of(m.round.status)) + "」，评审意见不能再修改";
  }
  if (m.assignment.status == AssignmentStatus::released) return "请先接受这项评审任务";
  auto deadline = m.assignment.extended_until ? m.assignment.extended_until : m.round.settings.deadline;
  if (deadline) {
    auto due = parse_iso(*deadline);
    if (due && clock_.now() >= *due)
      return "评审截止时间 " + beijing_time(*deadline) + " 已过；如需延期，请联系评审协调员";
  }
  return std::nullopt;
}

ReviewerProposal ReviewService::proposal(Actor const& actor, Id assignment_id) const {
  Mine m = [&] {
    auto c = db_.read();
    return load_mine(*c, actor, assignment_id);
  }();
  auto v = proposals_.get(office_reader(actor), m.assignment.proposal_id);
  auto const& content = v.proposal.content;
  ReviewerProposal out;
  out.proposal_id = v.proposal.id;
  out.kind = std::string(to_string(content.kind));
  out.title = content.title;
  out.summary = content.summary;
  out.body = content.body;
  out.body_html = render_markdown(content.body);
  out.keywords = content.keywords;
  for (auto const& f : v.proposal.fields) out.fields.push_back(f.name);
  out.blind = m.round.settings.blind;
  if (!out.blind) out.authors = v.proposal.authors;
  for (auto& a : out.authors) a.user_id.reset();
  return out;
}

ReviewForm ReviewService::form_of(storage::Connection& c, Actor const& actor, Id assignment_id) const {
  Mine m = load_mine(c, actor, assignment_id);
  ReviewForm f;
  f.assignment = assignments_.my_assignment(actor, assignment_id);
  f.rubric = m.round.settings.rubric;
  f.review = store_.find(c, assignment_id);
  if (f.review && f.review->content.scores.size() == f.rubric.criteria.size() &&
      score_errors(f.rubric, f.review->content.scores).empty())
    f.total = weighted_total(f.rubric, f.review->content.scores);
  auto why = why_not_edit(m, f.review);
  f.editable = !why;
  f.why_not = why.value_or("");
  return f;
}

ReviewForm ReviewService::form(Actor const& actor, Id assignment_id) const {
  auto c = db_.read();
  return form_of(*c, actor, assignment_id);
}

void ReviewService::write_content(storage::Connection& c, Actor const& actor, Mine const& m,
                                  std::optional<std::int64_t> version, ReviewContent const& content,
                                  std::string const& now) const {
  Id const id = m.assignment.id;
  auto before = store_.find(c, id);
  if (auto why = why_not_edit(m, before)) throw Error::conflict(*why);
  ReviewContent stored = content;
  if (stored.scores.empty()) stored.scores.assign(m.round.settings.rubric.criteria.size(), std::nullopt);
  if (before) {
    if (!version) throw Error::invalid_field("version", "请给出所修改评审意见的版本号");
    if (!store_.update(c, id, *version, stored, now))
      throw Error::precondition_failed("评审意见已在别处修改，请刷新后再改");
  } else {
    store_.insert(c, id, stored, now);
  }
  audit_.record(c, actor, "review.save", "assignment", id,
                audit_diff(before ? content_json(before->content) : Json::object(), content_json(stored)));
}

ReviewForm ReviewService::save(Actor const& actor, Id assignment_id, std::optional<std::int64_t> version,
                               ReviewContent const& content) {
  std::string now = clock_.now_iso();
  db_.write([&](storage::Connection& c) {
    Mine m = load_mine(c, actor, assignment_id);
    Error::throw_if_any(draft_errors(m.round.settings.rubric, content));
    write_content(c, actor, m, version, content, now);
    return 0;
  });
  return form(actor, assignment_id);
}

ReviewForm ReviewService::submit(Actor const& actor, Id assignment_id, std::optional<std::int64_t> version,
                                 std::optional<ReviewContent> const& content) {
  std::string now = clock_.now_iso();
  db_.write([&](storage::Connection& c) {
    Mine m = load_mine(c, actor, assignment_id);
    auto const& rubric = m.round.settings.rubric;
    if (content) {
      Error::throw_if_any(draft_errors(rubric, *content));
      write_content(c, actor, m, version, *content, now);
    }
    auto review = store_.find(c, assignment_id);
    if (auto why = why_not_edit(m, review)) throw Error::conflict(*why);
    if (!review) throw Error::conflict("还没有评审意见：请先打分再提交");
    if (!content && version && *version != review->version)
      throw Error::precondition_failed("评审意见已在别处修改，请刷新后再提交");
    Error::throw_if_any(submit_errors(rubric, review->content));
    store_.submit(c, assignment_id, now);
    Json diff = Json::object();
    diff["round_id"] = m.round.id;
    diff["proposal_id"] = m.assignment.proposal_id;
    diff["total"] = weighted_total(rubric, review->content.scores);
    diff["status"] = Json::object({{"from", "draft"}, {"to", "submitted"}});
    audit_.record(c, actor, "review.submit", "assignment", assignment_id, diff);
    return 0;
  });
  return form(actor, assignment_id);
}

Assignment ReviewService::extend(Actor const& actor, Id round_id, Id assignment_id, std::string const& until) {
  auto due = parse_iso(until);
  if (!due) throw Error::invalid_field("until", "延期截止时间须为 ISO 8601 时间（如 2026-12-31T16:00:00Z）");
  if (*due <= clock_.now()) throw Error::invalid_field("until", "延期截止时间须晚于现在");
  std::string const at = to_iso(*due);
  std::string now = clock_.now_iso();
  db_.write([&](storage::Connection& c) {
    auto r = round_store_.find(c, round_id);
    if (!r) throw Error::not_found("评审批次不存在");
    auto a = assignment_store_.find(c, assignment_id);
    if (!a || a->round_id != round_id) throw Error::not_found(kNotFound);
    if (r->status != RoundStatus::reviewing && r->status != RoundStatus::assigning)
      throw Error::conflict("评审批次已「" + std::string(label_of(r->status)) + "」，不能再延期");
    if (a->status == AssignmentStatus::submitted || a->status == AssignmentStatus::declined)
      throw Error::conflict("这项评审任务「" + std::string(label_of(a->status)) + "」，无需延期");
    assignment_store_.set_extension(c, assignment_id, at, now);
    Json diff = Json::object();
    diff["expert_id"] = a->expert_id;
    diff["proposal_id"] = a->proposal_id;
    diff["extended_until"] = Json::object({{"from", a->extended_until ? Json(*a->extended_until) : Json()},
                                           {"to", at}});
    audit_.record(c, actor, "round.extend_deadline", "round", round_id, diff);
    if (auto b = experts_.brief(c, a->expert_id); b && b->user_id)
      notifier_.notify(c, *b->user_id, "review.extended", "评审截止时间已延至 " + beijing_time(at) + "：" + r->settings.name,
                       "评审协调员延长了您的评审截止时间。", "/reviews");
    return 0;
  });
  for (auto const& a : assignments_.assignments(actor, round_id))
    if (a.id == assignment_id) return a;
  throw Error::not_found(kNotFound);
}

}  // namespace zhiku
