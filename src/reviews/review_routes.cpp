// Routes of reviewing: each reads its request, makes one service call and renders.
#include "reviews/review_routes.hpp"

#include <algorithm>

#include "reviews/assignment_json.hpp"
#include "reviews/review_json.hpp"

namespace zhiku {

void to_json(Json& j, ReviewerProposal const& p) {
  j = Json::object();
  j["proposal_id"] = p.proposal_id;
  j["kind"] = p.kind;
  j["title"] = p.title;
  j["summary"] = p.summary;
  j["body"] = p.body;
  j["body_html"] = p.body_html;
  j["keywords"] = p.keywords;
  j["fields"] = p.fields;
  j["blind"] = p.blind;
  Json authors = Json::array();
  for (auto const& a : p.authors) {
    Json x = Json::object();
    x["name"] = a.name;
    x["organization"] = a.organization;
    authors.push_back(std::move(x));
  }
  j["authors"] = std::move(authors);
}

void to_json(Json& j, Review const& r) {
  j = Json::object();
  Json scores = Json::array();
  for (auto const& s : r.content.scores) scores.push_back(s ? Json(*s) : Json());
  j["scores"] = std::move(scores);
  j["recommendation"] = r.content.recommendation ? Json(to_string(*r.content.recommendation)) : Json();
  j["confidence"] = r.content.confidence ? Json(*r.content.confidence) : Json();
  j["comment_office"] = r.content.comment_office;
  j["comment_authors"] = r.content.comment_authors;
  j["status"] = to_string(r.status);
  j["submitted_at"] = r.submitted_at ? Json(*r.submitted_at) : Json();
  j["updated_at"] = r.updated_at;
  j["version"] = r.version;
}

void to_json(Json& j, ReviewForm const& f) {
  j = Json::object();
  j["assignment"] = f.assignment;
  j["rubric"] = f.rubric;
  j["review"] = f.review ? Json(*f.review) : Json();
  j["total"] = f.total ? Json(*f.total) : Json();
  j["editable"] = f.editable;
  j["why_not"] = f.why_not;
}

ReviewContent review_content_from_json(Json const& body) {
  ReviewContent c;
  std::vector<FieldError> errors;
  if (!body.is_object()) throw Error::invalid_field("body", "请求体须为 JSON 对象");
  if (body.contains("scores") && !body["scores"].is_null()) {
    auto const& s = body["scores"];
    if (!s.is_array() || s.size() > kMaxCriteria) {
      errors.push_back({"scores", "评分须为分数列表（每项评分标准一个，未打分的为 null）"});
    } else {
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i].is_null()) c.scores.emplace_back();
        else if (s[i].is_number()) c.scores.emplace_back(s[i].get<double>());
        else {
          errors.push_back({"scores[" + std::to_string(i) + "]", "须为数字或 null"});
          c.scores.emplace_back();
        }
      }
    }
  }
  if (body.contains("recommendation") && !body["recommendation"].is_null()) {
    auto const& r = body["recommendation"];
    auto v = r.is_string() ? recommendation_from_string(r.get<std::string>()) : std::nullopt;
    if (!v) errors.push_back({"recommendation", "推荐意见须为 strongly_recommend、recommend、neutral 或 not_recommend"});
    c.recommendation = v;
  }
  if (body.contains("confidence") && !body["confidence"].is_null()) {
    auto const& v = body["confidence"];
    if (!v.is_number_integer()) errors.push_back({"confidence", "熟悉程度须为 1 至 5 之间的整数"});
    else c.confidence = static_cast<int>(std::clamp<std::int64_t>(v.get<std::int64_t>(), -1, 1000));
  }
  for (auto key : {"comment_office", "comment_authors"}) {
    if (!body.contains(key) || body[key].is_null()) continue;
    if (!body[key].is_string()) {
      errors.push_back({key, "须为文本"});
      continue;
    }
    (std::string_view(key) == "comment_office" ? c.comment_office : c.comment_authors) = body[key].get<std::string>();
  }
  Error::throw_if_any(std::move(errors));
  return c;
}

namespace {

// The version a save names: the body's, else If-Match; none for a first draft.
std::optional<std::int64_t> named_version(http::Request const& req, Json const& body) {
  if (body.is_object() && body.contains("version") && !body["version"].is_null()) return req.expected_version(body);
  return req.if_match_version();
}

std::int64_t etag_of(ReviewForm const& f) { return f.review ? f.review->version : 0; }

}  // namespace

void add_review_routes(http::Router& router, ReviewService& reviews) {
  using http::Policy;
  using http::Request;
  using http::Response;
  Policy const reviewer = Policy::any_of(RoleSet{Role::expert}, "the assigned reviewer");
  Policy const runners = Policy::any_of(kRoundRunners);

  router.get("/api/v1/assignments/{id}/proposal", reviewer, [&reviews](Request& req) {
    return Response::json(reviews.proposal(req.actor(), req.id_param()));
  }, "The proposal as the reviewer reads it (no author in a blind round)");
  router.get("/api/v1/assignments/{id}/review", reviewer, [&reviews](Request& req) {
    auto f = reviews.form(req.actor(), req.id_param());
    return Response::json(f).etag(etag_of(f));
  }, "The reviewer's form: rubric, the review so far, whether it may still change");
  router.put("/api/v1/assignments/{id}/review", reviewer, [&reviews](Request& req) {
    Json body = req.json();
    auto version = named_version(req, body);
    auto f = reviews.save(req.actor(), req.id_param(), version, review_content_from_json(body));
    return Response::json(f).etag(etag_of(f));
  }, "Save a draft of the review (version or If-Match once a draft exists)");
  router.post("/api/v1/assignments/{id}/review/submit", reviewer, [&reviews](Request& req) {
    Json body = req.json();
    auto version = named_version(req, body);
    std::optional<ReviewContent> content;
    if (body.is_object() && (body.contains("scores") || body.contains("recommendation") ||
                             body.contains("confidence") || body.contains("comment_office")))
      content = review_content_from_json(body);
    auto f = reviews.submit(req.actor(), req.id_param(), version, content);
    return Response::json(f).etag(etag_of(f));
  }, "Submit the review (with its content, or the saved draft); refused after the deadline");
  router.post("/api/v1/rounds/{id}/assignments/{assignment_id}/extension", runners, [&reviews](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto until = f.req_string("until", 40);
    f.finish();
    return Response::json(reviews.extend(req.actor(), req.id_param(), req.id_param("assignment_id"), until));
  }, "Extend one reviewer's deadline (audited; the reviewer is told)");
}

}  // namespace zhiku
