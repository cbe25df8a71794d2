// Routes of proposals: /api/v1/proposals (list, create), /queue (screening), /preview (the
// editor's rendering and count), /{id} (read, edit), /{id}/transitions, /{id}/versions.
#include "proposals/proposal_routes.hpp"

#include "core/char_count.hpp"
#include "proposals/markdown.hpp"
#include "storage/cjk_tokenizer.hpp"

namespace zhiku {

namespace {

Json opt_id(std::optional<Id> v) { return v ? Json(*v) : Json(); }
Json opt_text(std::optional<std::string> const& v) { return v ? Json(*v) : Json(); }

Json field_refs_json(std::vector<ProposalField> const& fields) {
  Json out = Json::array();
  for (auto const& f : fields) {
    Json r = Json::object();
    r["id"] = f.id;
    r["name"] = f.name;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::string> action_names(std::vector<ProposalAction> const& actions) {
  std::vector<std::string> out;
  for (auto a : actions) out.emplace_back(to_string(a));
  return out;
}

std::optional<Id> id_query(http::Request const& req, char const* name) {
  if (auto v = req.query_int(name, 1, 1LL << 53)) return static_cast<Id>(*v);
  return std::nullopt;
}

// The filters every list shares (?kind=&status=a,b&call_id=&topic_id=&sensitivity=&field_id=
// &year=&q=), with the page.
ProposalListFilter filter_of(http::Request const& req) {
  ProposalListFilter f;
  auto page = http::page_of(req);
  f.offset = page.offset();
  f.limit = page.page_size;
  if (auto v = req.query_param("kind"); v && !v->empty()) {
    f.kind = proposal_kind_from_string(*v);
    if (!f.kind) throw Error::invalid_field("kind", "须为 suggestion、report 或 deliverable");
  }
  if (auto v = req.query_param("status"); v && !v->empty()) {
    std::string_view rest = *v;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      auto name = rest.substr(0, comma);
      auto s = proposal_status_from_string(name);
      if (!s) throw Error::invalid_field("status", "没有名为「" + std::string(name) + "」的状态");
      f.statuses.push_back(*s);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  if (auto v = req.query_param("sensitivity"); v && !v->empty()) {
    f.sensitivity = sensitivity_from_string(*v);
    if (!f.sensitivity) throw Error::invalid_field("sensitivity", "须为 public、internal 或 restricted");
  }
  f.call_id = id_query(req, "call_id");
  f.topic_id = id_query(req, "topic_id");
  if (auto v = id_query(req, "field_id")) f.field_ids = {*v};
  if (auto v = req.query_int("year", 2000, 2100)) f.year = static_cast<int>(*v);
  if (auto v = req.query_param("q"); v && !v->empty()) {
    // "" when nothing is searchable (punctuation only): the service then finds nothing.
    f.match = storage::fts_query_for(*v);
  }
  if (auto v = req.query_param("facets")) f.facets = *v == "true" || *v == "1";
  return f;
}

Json list_json(http::Request const& req, ProposalList const& list) {
  Json out = http::page_json(http::page_of(req), Json(list.items), list.total);
  if (list.facets) {
    Json years = Json::object();
    for (auto const& [y, n] : list.facets->year) years[std::to_string(y)] = n;
    Json f = Json::object();
    f["status"] = list.facets->status;
    f["kind"] = list.facets->kind;
    f["sensitivity"] = list.facets->sensitivity;
    f["year"] = std::move(years);
    out["facets"] = std::move(f);
  }
  return out;
}

}  // namespace

void to_json(Json& j, Attachment const& a) {
  j = Json::object();
  if (a.id != 0) j["id"] = a.id;
  j["filename"] = a.filename;
  j["content_type"] = a.content_type;
  j["size"] = a.size;
  j["sha256"] = a.sha256;
  if (!a.created_at.empty()) j["created_at"] = a.created_at;
}

void to_json(Json& j, ProposalAuthor const& a) {
  j = Json::object();
  j["expert_id"] = a.expert_id;
  j["name"] = a.name;
  j["organization"] = a.organization;
}

void to_json(Json& j, ProposalEvent const& e) {
  j = Json::object();
  j["id"] = e.id;
  j["at"] = e.at;
  j["actor_name"] = e.actor_name;
  j["action"] = to_string(e.action);
  j["from"] = to_string(e.from);
  j["to"] = to_string(e.to);
  j["note"] = e.note;
  j["version_number"] = e.version_number ? Json(*e.version_number) : Json();
}

void to_json(Json& j, ProposalVersion const& v) {
  j = Json::object();
  j["number"] = v.number;
  j["created_at"] = v.created_at;
  j["sha256"] = v.sha256;
  j["body_chars"] = v.body_chars;
  if (!v.content.empty()) {
    // The canonical text as stored (anyone can check sha256 against it) and the same read as JSON.
    j["canonical"] = v.content;
    j["content"] = Json::parse(v.content);
  }
}

void to_json(Json& j, ProposalView const& v) {
  auto const& p = v.proposal;
  j = Json::object();
  j["id"] = p.id;
  j["version"] = p.version;
  j["status"] = to_string(p.status);
  j["status_note"] = opt_text(p.status_note);
  j["kind"] = to_string(p.content.kind);
  j["title"] = p.content.title;
  j["summary"] = p.content.summary;
  j["body"] = p.content.body;
  j["body_html"] = render_markdown(p.content.body);
  j["body_chars"] = p.body_chars;
  j["keywords"] = p.content.keywords;
  j["field_ids"] = p.content.field_ids;
  j["fields"] = field_refs_json(p.fields);
  j["author_ids"] = p.content.author_ids;
  j["authors"] = p.authors;
  j["call_id"] = opt_id(p.content.call_id);
  j["topic_id"] = opt_id(p.content.topic_id);
  j["sensitivity"] = to_string(p.content.sensitivity);
  j["current_version"] = p.current_version;
  j["attachments"] = p.attachments;
  j["first_submitted_at"] = opt_text(p.first_submitted_at);
  j["submitted_at"] = opt_text(p.submitted_at);
  j["created_at"] = p.created_at;
  j["updated_at"] = p.updated_at;
  j["is_author"] = v.is_author;
  j["allowed"] = action_names(v.allowed);
  j["events"] = v.events;
}

void to_json(Json& j, ProposalListItem const& i) {
  auto const& r = i.row;
  j = Json::object();
  j["id"] = r.id;
  j["kind"] = to_string(r.kind);
  j["status"] = to_string(r.status);
  j["sensitivity"] = to_string(r.sensitivity);
  j["title"] = r.title;
  j["call_id"] = opt_id(r.call_id);
  j["topic_id"] = opt_id(r.topic_id);
  j["body_chars"] = r.body_chars;
  j["current_version"] = r.current_version;
  j["attachment_count"] = r.attachment_count;
  j["submitted_at"] = opt_text(r.submitted_at);
  j["created_at"] = r.created_at;
  j["updated_at"] = r.updated_at;
  j["authors"] = i.authors;
  Json dups = Json::array();
  for (auto const& d : r.duplicates) {
    Json x = Json::object();
    x["id"] = d.id;
    x["title"] = d.title;
    x["similarity"] = d.similarity;
    dups.push_back(std::move(x));
  }
  j["duplicates"] = std::move(dups);
}

ProposalContent proposal_content_from_json(Json const& body, ProposalContent const& base) {
  JsonFields f(body);
  ProposalContent d = base;
  if (f.has("kind")) {
    auto name = f.req_string("kind", 32);
    if (auto k = proposal_kind_from_string(name))
      d.kind = *k;
    else if (!name.empty())
      f.fail("kind", "须为 suggestion（对策建议）、report（调研报告）或 deliverable（课题成果）");
  }
  if (f.has("title")) d.title = f.opt_string("title", 200).value_or("");
  if (f.has("summary")) d.summary = f.opt_string("summary", 2000).value_or("");
  if (f.has("body")) d.body = f.opt_string("body", 200000).value_or("");
  if (f.has("keywords")) d.keywords = f.opt_string_array("keywords", 10, 30).value_or(std::vector<std::string>{});
  if (f.has("field_ids")) d.field_ids = f.opt_int_array("field_ids", 10).value_or(std::vector<Id>{});
  if (f.has("author_ids")) d.author_ids = f.opt_int_array("author_ids", 20).value_or(std::vector<Id>{});
  if (f.has("call_id")) d.call_id = f.opt_int("call_id", 1, 1LL << 53);
  if (f.has("topic_id")) d.topic_id = f.opt_int("topic_id", 1, 1LL << 53);
  if (f.has("sensitivity")) {
    auto name = f.req_string("sensitivity", 32);
    if (auto s = sensitivity_from_string(name))
      d.sensitivity = *s;
    else if (!name.empty())
      f.fail("sensitivity", "须为 public（公开）、internal（内部）或 restricted（限制）");
  }
  f.finish();
  return d;
}

void add_proposal_routes(http::Router& router, ProposalService& proposals) {
  using http::Policy;
  using http::Request;
  using http::Response;
  Policy const writers = Policy::any_of(kProposalWriters, "author");
  Policy const screeners = Policy::any_of(kScreeners);

  router.get("/api/v1/proposals", Policy::signed_in(), [&proposals](Request& req) {
    ProposalListFilter f = filter_of(req);
    if (auto scope = req.query_param("scope"); scope && !scope->empty()) {
      if (*scope != "mine" && *scope != "all") throw Error::invalid_field("scope", "须为 mine 或 all");
      f.mine = *scope == "mine";
    }
    return Response::json(list_json(req, proposals.list(req.actor(), f)));
  }, "Proposals the caller may see (scope=mine: their own, drafts included), newest first");
  router.post("/api/v1/proposals", writers, [&proposals](Request& req) {
    Json body = req.json();
    auto v = proposals.create(req.actor(), proposal_content_from_json(body, ProposalContent{}));
    return Response::created(v, "/api/v1/proposals/" + std::to_string(v.proposal.id)).etag(v.proposal.version);
  }, "Start a draft (the caller is an author)");
  router.get("/api/v1/proposals/queue", screeners, [&proposals](Request& req) {
    return Response::json(list_json(req, proposals.queue(req.actor(), filter_of(req))));
  }, "The screening queue: proposals sent in and not yet accepted or returned, oldest first");
  router.post("/api/v1/proposals/preview", writers, [](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto text = f.opt_string("body", 200000).value_or("");
    f.finish();
    Json out = Json::object();
    out["html"] = render_markdown(text);
    out["chars"] = count_markdown_chars(text);
    return Response::json(out);
  }, "The editor's preview: the body rendered as readers see it, and its character count");
  router.get("/api/v1/proposals/{id}", Policy::signed_in(), [&proposals](Request& req) {
    auto v = proposals.get(req.actor(), req.id_param());
    return Response::json(v).etag(v.proposal.version);
  }, "A proposal (drafts to their authors alone)");
  router.patch("/api/v1/proposals/{id}", writers, [&proposals](Request& req) {
    Json body = req.json();
    Id id = req.id_param();
    auto current = proposals.get(req.actor(), id);
    auto version = req.expected_version(body);
    try {
      auto v = proposals.update(req.actor(), id, version,
                                proposal_content_from_json(body, current.proposal.content));
      return Response::json(v).etag(v.proposal.version);
    } catch (Error const& e) {
      if (e.code() != Errc::precondition_failed) throw;
      // The other author's text goes back with the refusal, for the editor to show beside the
      // caller's own (nothing is lost silently, nothing is merged silently either).
      Json members = Json::object();
      members["current"] = proposals.get(req.actor(), id);
      return Response::problem_with(412, e.detail(), members);
    }
  }, "Edit the working copy (authors; draft or returned; version or If-Match, a stale one answers 412 with the current text)");
  router.post("/api/v1/proposals/{id}/transitions", Policy::signed_in(), [&proposals](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto name = f.req_string("action", 32);
    auto note = f.opt_string("note", 2000).value_or("");
    auto action = proposal_action_from_string(name);
    if (!action && !name.empty()) f.fail("action", "没有名为「" + name + "」的操作");
    f.finish();
    return Response::json(proposals.transition(req.actor(), req.id_param(), *action, note));
  }, "submit, withdraw, reopen (authors); start_screening, accept, return with a note (coordinators)");
  router.get("/api/v1/proposals/{id}/versions", Policy::signed_in(), [&proposals](Request& req) {
    Json items = proposals.versions(req.actor(), req.id_param());
    Json out = Json::object();
    out["items"] = std::move(items);
    return Response::json(out);
  }, "The frozen versions, oldest first");
  router.get("/api/v1/proposals/{id}/versions/{number}", Policy::signed_in(), [&proposals](Request& req) {
    return Response::json(proposals.version(req.actor(), req.id_param(), req.id_param("number")));
  }, "One frozen version with its canonical content and SHA-256");
}

}  // namespace zhiku
