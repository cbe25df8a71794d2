// Routes of research topics. Roles are checked by each route's policy; the service owns the
// relations (lead, member, commissioned expert) and the rules.
#include "topics/topic_routes.hpp"

#include "topics/topic_workflow.hpp"

namespace zhiku {

namespace {

template <class T>
Json opt(std::optional<T> const& v) {
  return v ? Json(*v) : Json();
}

Json refs_json(std::vector<NamedRef> const& refs) {
  Json out = Json::array();
  for (auto const& r : refs) {
    Json x = Json::object();
    x["id"] = r.id;
    x["name"] = r.name;
    out.push_back(std::move(x));
  }
  return out;
}

Json rules_json(std::vector<RuleText> const& rules) {
  Json out = Json::array();
  for (auto const& r : rules) {
    Json x = Json::object();
    x["rule"] = r.rule;
    x["text"] = r.text;
    out.push_back(std::move(x));
  }
  return out;
}

Json overdue_json(std::vector<Overdue> const& list) {
  Json out = Json::array();
  for (auto const& o : list) {
    Json x = Json::object();
    x["kind"] = to_string(o.kind);
    x["since"] = o.since;
    x["days"] = o.days;
    out.push_back(std::move(x));
  }
  return out;
}

int year_param(http::Request const& req) {
  auto text = req.param("year");
  int year = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9' || year > 100000) throw Error::not_found("课题指南不存在");
    year = year * 10 + (ch - '0');
  }
  if (year < 2000 || year > 2200) throw Error::not_found("课题指南不存在");
  return year;
}

// An instant field that may be null: nullopt stays nullopt, the text is checked by the rules.
std::optional<std::string> opt_instant(JsonFields& f, char const* key) { return f.opt_string(key, 40); }

EligibilityRules rules_from_json(JsonFields& f, EligibilityRules rules) {
  Json const* raw = f.raw("rules");
  if (!raw) return rules;
  if (!raw->is_object()) {
    f.fail("rules", "须为对象");
    return rules;
  }
  JsonFields r(*raw);
  auto has_key = [&](char const* k) { return raw->contains(k); };
  if (has_key("lead_min_title")) {
    rules.lead_min_title.reset();
    if (auto v = r.opt_string("lead_min_title", 40)) {
      auto level = title_level_from_string(*v);
      if (!level || *level == TitleLevel::unknown || *level == TitleLevel::junior)
        f.fail("rules.lead_min_title", "须为 intermediate、associate_senior 或 senior");
      else
        rules.lead_min_title = level;
    }
  }
  auto int_rule = [&](char const* key, std::optional<int>& slot, int min, int max) {
    if (!has_key(key)) return;
    auto v = r.opt_int(key, min, max);
    slot = v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
  };
  int_rule("lead_max_per_year", rules.lead_max_per_year, 1, 100);
  int_rule("member_max_applications", rules.member_max_applications, 1, 100);
  int_rule("lead_max_age", rules.lead_max_age, 18, 120);
  int_rule("team_max_size", rules.team_max_size, 0, 30);
  try {
    r.finish();
  } catch (Error const& e) {
    for (auto const& x : e.errors()) f.fail("rules." + x.field, x.message);
  }
  return rules;
}

}  // namespace

void to_json(Json& j, MemberDepartment const& d) {
  j = Json::object();
  j["id"] = d.id;
  j["name"] = d.name;
  j["short_name"] = d.short_name;
  j["sort"] = d.sort;
  j["active"] = d.active;
  j["version"] = d.version;
}

void to_json(Json& j, TopicGuide const& g) {
  j = Json::object();
  j["id"] = g.id;
  j["year"] = g.year;
  j["title"] = g.title;
  j["description"] = g.description;
  Json r = Json::object();
  r["lead_min_title"] = g.rules.lead_min_title ? Json(std::string(to_string(*g.rules.lead_min_title))) : Json();
  r["lead_max_per_year"] = opt(g.rules.lead_max_per_year);
  r["member_max_applications"] = opt(g.rules.member_max_applications);
  r["lead_max_age"] = opt(g.rules.lead_max_age);
  r["team_max_size"] = opt(g.rules.team_max_size);
  j["rules"] = std::move(r);
  j["rule_texts"] = rules_json(describe_rules(g.rules));
  j["topic_count"] = g.topic_count;
  j["published_count"] = g.published_count;
  j["version"] = g.version;
  j["created_at"] = g.created_at;
  j["updated_at"] = g.updated_at;
}

void to_json(Json& j, Topic const& t) {
  j = Json::object();
  auto const& d = t.details;
  j["id"] = t.id;
  j["code"] = t.code;
  j["year"] = t.year;
  j["guide_id"] = t.guide_id;
  j["title"] = d.title;
  j["description"] = d.description;
  j["field_ids"] = d.field_ids;
  j["fields"] = refs_json(t.fields);
  j["source"] = to_string(d.source);
  j["department_id"] = opt(d.department_id);
  if (t.department) {
    Json x = Json::object();
    x["id"] = t.department->id;
    x["name"] = t.department->name;
    j["department"] = std::move(x);
  } else {
    j["department"] = nullptr;
  }
  j["proposed_by_expert_id"] = opt(d.proposed_by_expert_id);
  j["proposed_by_name"] = opt(t.proposed_by_name);
  j["priority"] = to_string(d.priority);
  j["budget_yuan"] = opt(d.budget_yuan);
  j["application_deadline"] = opt(d.application_deadline);
  j["midterm_due"] = opt(d.midterm_due);
  j["due_date"] = opt(d.due_date);
  j["status"] = to_string(t.status);
  j["status_label"] = topic_workflow::label_of(t.status);
  j["status_reason"] = opt(t.status_reason);
  j["lead_expert_id"] = opt(t.lead_expert_id);
  j["lead_name"] = opt(t.lead_name);
  j["selected_application_id"] = opt(t.selected_application_id);
  j["selection_round_id"] = opt(t.selection_round_id);
  j["deliverable_proposal_id"] = opt(t.deliverable_proposal_id);
  j["rectify_by"] = opt(t.rectify_by);
  j["published_at"] = opt(t.published_at);
  j["assigned_at"] = opt(t.assigned_at);
  j["concluded_at"] = opt(t.concluded_at);
  j["application_count"] = t.application_count;
  j["midterm_count"] = t.midterm_count;
  j["midterm_report_pending"] = t.midterm_report_pending;
  j["last_midterm_verdict"] = opt(t.last_midterm_verdict);
  j["acceptance_verdict"] = opt(t.acceptance_verdict);
  j["commission_pending"] = t.commission_pending;
  j["version"] = t.version;
  j["created_at"] = t.created_at;
  j["updated_at"] = t.updated_at;
}

void to_json(Json& j, TopicListItem const& t) {
  to_json(j, t.topic);
  j["overdue"] = overdue_json(t.overdue);
}

void to_json(Json& j, TopicMember const& m) {
  j = Json::object();
  j["expert_id"] = m.expert_id;
  j["name"] = m.name;
  j["organization"] = m.organization;
  j["title"] = opt(m.title);
  j["role"] = m.role;
  j["joined_at"] = m.joined_at;
  j["left_at"] = opt(m.left_at);
}

void to_json(Json& j, Commission const& k) {
  j = Json::object();
  j["id"] = k.id;
  j["topic_id"] = k.topic_id;
  j["expert_id"] = k.expert_id;
  j["expert_name"] = k.expert_name;
  j["note"] = k.note;
  j["status"] = to_string(k.status);
  j["reason"] = opt(k.reason);
  j["members"] = refs_json(k.members);
  j["created_at"] = k.created_at;
  j["answered_at"] = opt(k.answered_at);
}

void to_json(Json& j, TopicFile const& f) {
  j = Json::object();
  j["id"] = f.id;
  j["kind"] = f.kind;
  j["filename"] = f.filename;
  j["content_type"] = f.content_type;
  j["size"] = f.size;
  j["sha256"] = f.sha256;
  j["created_at"] = f.created_at;
  j["url"] = "/api/v1/topics/" + std::to_string(f.topic_id) + "/files/" + std::to_string(f.id);
}

void to_json(Json& j, ApplicationMember const& m) {
  j = Json::object();
  j["expert_id"] = m.expert_id;
  j["name"] = m.name;
  j["organization"] = m.organization;
  j["title"] = opt(m.title);
  j["answer"] = to_string(m.answer);
  j["reason"] = opt(m.reason);
  j["answered_at"] = opt(m.answered_at);
}

void to_json(Json& j, TopicApplication const& a) {
  j = Json::object();
  j["id"] = a.id;
  j["topic_id"] = a.topic_id;
  j["lead_expert_id"] = a.lead_expert_id;
  j["lead_name"] = a.lead_name;
  j["lead_organization"] = a.lead_organization;
  j["lead_title"] = opt(a.lead_title);
  j["plan"] = a.plan;
  j["recommending_unit"] = a.recommending_unit;
  j["opinion_letter"] = a.opinion_letter ? Json(*a.opinion_letter) : Json();
  j["attachments"] = Json(a.attachments);
  j["status"] = to_string(a.status);
  j["status_reason"] = opt(a.status_reason);
  j["members"] = Json(a.members);
  j["team_confirmed"] = a.team_confirmed();
  j["counts"] = a.counts();
  j["selection_rank"] = opt(a.selection_rank);
  j["selection_score"] = opt(a.selection_score);
  j["version"] = a.version;
  j["created_at"] = a.created_at;
  j["updated_at"] = a.updated_at;
}

void to_json(Json& j, TopicView const& v) {
  to_json(j, v.item);
  Json actions = Json::array();
  for (TopicAction a : v.allowed_actions) actions.push_back(to_string(a));
  j["allowed_actions"] = std::move(actions);
  j["team"] = Json(v.team);
  j["pending_commission"] = v.pending_commission ? Json(*v.pending_commission) : Json();
  j["my_application"] = v.my_application ? Json(*v.my_application) : Json();
  j["accepts_applications"] = v.accepts_applications;
  j["why_no_applications"] = opt(v.why_no_applications);
  j["sees_workspace"] = v.sees_workspace;
  j["rules"] = rules_json(v.rules);
}

void to_json(Json& j, TopicEvent const& e) {
  j = Json::object();
  j["id"] = e.id;
  j["at"] = e.at;
  j["actor_name"] = e.actor_name;
  j["action"] = e.action;
  j["from_status"] = opt(e.from_status);
  j["to_status"] = opt(e.to_status);
  j["note"] = e.note;
}

void to_json(Json& j, TopicSuggestion const& s) {
  j = Json::object();
  j["id"] = s.id;
  j["expert_id"] = s.expert_id;
  j["expert_name"] = s.expert_name;
  j["title"] = s.title;
  j["description"] = s.description;
  j["status"] = to_string(s.status);
  j["reason"] = opt(s.reason);
  j["topic_id"] = opt(s.topic_id);
  j["topic_code"] = opt(s.topic_code);
  j["decided_at"] = opt(s.decided_at);
  j["version"] = s.version;
  j["created_at"] = s.created_at;
}

TopicPatch topic_patch_from_json(Json const& body, bool create) {
  JsonFields f(body);
  TopicPatch p;
  auto& v = p.values;
  auto present = [&](char const* key) {
    bool here = body.is_object() && body.contains(key);
    if (here || create) p.present.insert(key);
    return here;
  };
  if (present("title") || create) v.title = f.req_string("title", kMaxTopicTitleChars);
  if (present("description")) v.description = f.opt_string("description", kMaxTopicDescriptionChars).value_or("");
  if (present("field_ids")) v.field_ids = f.opt_int_array("field_ids", kMaxTopicFields).value_or(std::vector<Id>{});
  if (present("source")) {
    if (auto s = f.opt_string("source", 40)) {
      if (auto src = topic_source_from_string(*s)) v.source = *src;
      else f.fail("source", "须为 leadership、department、association 或 expert");
    }
  }
  if (present("department_id")) v.department_id = f.opt_int("department_id", 1, INT64_MAX);
  if (present("proposed_by_expert_id")) v.proposed_by_expert_id = f.opt_int("proposed_by_expert_id", 1, INT64_MAX);
  if (present("priority")) {
    if (auto s = f.opt_string("priority", 40)) {
      if (auto pr = topic_priority_from_string(*s)) v.priority = *pr;
      else f.fail("priority", "须为 high、normal 或 low");
    }
  }
  if (present("budget_yuan")) v.budget_yuan = f.opt_int("budget_yuan", 0, kMaxBudgetYuan);
  if (present("application_deadline")) v.application_deadline = opt_instant(f, "application_deadline");
  if (present("midterm_due")) v.midterm_due = opt_instant(f, "midterm_due");
  if (present("due_date")) v.due_date = opt_instant(f, "due_date");
  f.finish();
  return p;
}

void add_topic_routes(http::Router& router, TopicService& topics) {
  using http::Policy;
  using http::Request;
  using http::Response;
  Policy const office = Policy::any_of(kTopicManagers);
  Policy const department_managers = Policy::any_of(kDepartmentManagers);

  // ---- member departments
  router.get("/api/v1/departments", Policy::signed_in(), [&topics](Request& req) {
    bool active_only = req.query_param("active") == std::optional<std::string_view>("true");
    Json out = Json::object();
    out["items"] = Json(topics.departments(active_only));
    return Response::json(out);
  }, "Member departments (成员单位)");
  auto department_from = [](Json const& body, MemberDepartment d, bool create) {
    JsonFields f(body);
    if (create || f.has("name")) d.name = f.req_string("name", 100);
    if (f.has("short_name")) d.short_name = f.opt_string("short_name", 50).value_or("");
    if (auto s = f.opt_int("sort", -1000000, 1000000)) d.sort = *s;
    if (auto a = f.opt_bool("active")) d.active = *a;
    f.finish();
    return d;
  };
  router.post("/api/v1/departments", department_managers, [&topics, department_from](Request& req) {
    Json body = req.json();
    auto d = topics.create_department(req.actor(), department_from(body, MemberDepartment{}, true));
    return Response::created(d, "/api/v1/departments/" + std::to_string(d.id));
  }, "Add a member department");
  router.patch("/api/v1/departments/{id}", department_managers, [&topics, department_from](Request& req) {
    Json body = req.json();
    auto current = topics.find_department(req.id_param());
    if (!current) throw Error::not_found("成员单位不存在");
    auto d = department_from(body, *current, false);
    d.version = req.expected_version(body);
    auto after = topics.update_department(req.actor(), d);
    return Response::json(after).etag(after.version);
  }, "Rename, reorder or retire a member department");

  // ---- guides
  router.get("/api/v1/topic-guides", Policy::signed_in(), [&topics](Request&) {
    Json out = Json::object();
    out["items"] = Json(topics.guides());
    return Response::json(out);
  }, "Topic guides, newest year first");
  router.post("/api/v1/topic-guides", office, [&topics](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    TopicGuide g;
    g.year = static_cast<int>(f.req_int("year", 2000, 2200));
    g.title = f.req_string("title", 200);
    g.description = f.opt_string("description", 20000).value_or("");
    g.rules = rules_from_json(f, {});
    f.finish();
    auto out = topics.create_guide(req.actor(), g);
    return Response::created(out, "/api/v1/topic-guides/" + std::to_string(out.year));
  }, "Create the topic guide of a year");
  router.get("/api/v1/topic-guides/{year}", Policy::signed_in(), [&topics](Request& req) {
    auto g = topics.guide(year_param(req));
    return Response::json(g).etag(g.version);
  }, "The topic guide of a year");
  router.patch("/api/v1/topic-guides/{year}", office, [&topics](Request& req) {
    Json body = req.json();
    auto g = topics.guide(year_param(req));
    JsonFields f(body);
    if (f.has("title")) g.title = f.req_string("title", 200);
    if (body.contains("description")) g.description = f.opt_string("description", 20000).value_or("");
    g.rules = rules_from_json(f, g.rules);
    f.finish();
    g.version = req.expected_version(body);
    auto out = topics.update_guide(req.actor(), g);
    return Response::json(out).etag(out.version);
  }, "Change a guide's title, description or eligibility rules");

  // ---- topics
  router.get("/api/v1/topics", Policy::signed_in(), [&topics](Request& req) {
    auto page = http::page_of(req);
    TopicQuery q;
    q.offset = page.offset();
    q.limit = page.page_size;
    std::vector<FieldError> errors;
    if (auto y = req.query_param("year")) {
      auto v = req.query_int("year", 2000, 2200);
      if (v) q.year = static_cast<int>(*v);
    }
    if (req.query_param("field_id")) q.field_id = req.query_int("field_id", 1, INT64_MAX);
    if (auto s = req.query_param("source"); s && !s->empty()) {
      q.source = topic_source_from_string(*s);
      if (!q.source) errors.push_back({"source", "须为 leadership、department、association 或 expert"});
    }
    if (req.query_param("department_id")) q.department_id = req.query_int("department_id", 1, INT64_MAX);
    if (auto s = req.query_param("status"); s && !s->empty()) {
      std::string_view rest = *s;
      while (!rest.empty()) {
        auto comma = rest.find(',');
        auto name = rest.substr(0, comma);
        if (auto st = topic_status_from_string(name)) q.statuses.push_back(*st);
        else errors.push_back({"status", "未知的课题状态「" + std::string(name) + "」"});
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      }
    }
    if (auto s = req.query_param("q"); s && !s->empty()) q.q = std::string(*s);
    if (auto s = req.query_param("sort"); s && !s->empty()) {
      auto sort = topic_sort_from_string(*s);
      if (!sort) errors.push_back({"sort", "须为 code、-code、deadline 或 -updated_at"});
      else q.sort = *sort;
    }
    Error::throw_if_any(errors);
    bool overdue = req.query_param("overdue") == std::optional<std::string_view>("true");
    auto list = topics.list(req.actor(), q, overdue);
    return Response::json(http::page_json(page, Json(list.items), list.total));
  }, "The topic guide, filtered (drafts for coordinators and admins)");
  router.post("/api/v1/topics", office, [&topics](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    int year = static_cast<int>(f.req_int("year", 2000, 2200));
    std::vector<FieldError> errors;
    TopicPatch p;
    try {
      p = topic_patch_from_json(body, true);
    } catch (Error const& e) {
      errors = e.errors();
    }
    try {
      f.finish();
    } catch (Error const& e) {
      errors.insert(errors.begin(), e.errors().begin(), e.errors().end());
    }
    Error::throw_if_any(errors);
    auto t = topics.create(req.actor(), year, p.values);
    return Response::created(t, "/api/v1/topics/" + std::to_string(t.id));
  }, "Draft a topic in the guide of a year");
  router.get("/api/v1/topics/{id}", Policy::signed_in(), [&topics](Request& req) {
    auto v = topics.view(req.actor(), req.id_param());
    return Response::json(v).etag(v.item.topic.version);
  }, "A topic with what the caller may do now");
  router.patch("/api/v1/topics/{id}", office, [&topics](Request& req) {
    Json body = req.json();
    auto patch = topic_patch_from_json(body, false);
    auto t = topics.update(req.actor(), req.id_param(), req.expected_version(body), patch);
    return Response::json(t).etag(t.version);
  }, "Edit an open topic");
  router.post("/api/v1/topics/{id}/transitions", Policy::signed_in("lead, member or commissioned expert"),
              [&topics](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    TopicStep step;
    auto name = f.req_string("action", 40);
    auto action = topic_action_from_string(name);
    if (!action && !name.empty()) f.fail("action", "未知的操作「" + name + "」");
    step.note = f.opt_string("note", kMaxReasonChars).value_or("");
    step.application_id = f.opt_int("application_id", 1, INT64_MAX);
    step.expert_id = f.opt_int("expert_id", 1, INT64_MAX);
    step.member_ids = f.opt_int_array("member_ids", kMaxTeamSize).value_or(std::vector<Id>{});
    step.rectify_by = f.opt_string("rectify_by", 40);
    step.proposal_id = f.opt_int("proposal_id", 1, INT64_MAX);
    f.finish();
    step.action = *action;
    return Response::json(topics.transition(req.actor(), req.id_param(), step));
  }, "Move a topic through its life cycle");
  router.get("/api/v1/topics/{id}/history", Policy::signed_in(), [&topics](Request& req) {
    Json out = Json::object();
    out["items"] = Json(topics.history(req.actor(), req.id_param()));
    return Response::json(out);
  }, "Everything that happened to a topic, in order");
  router.get("/api/v1/topics/{id}/team", Policy::signed_in(), [&topics](Request& req) {
    bool former = req.query_param("former") == std::optional<std::string_view>("true");
    Json out = Json::object();
    out["items"] = Json(topics.team(req.actor(), req.id_param(), former));
    return Response::json(out);
  }, "The team of a topic");

  // ---- files and applications
  auto application_form = [](Json const& body) {
    JsonFields f(body);
    ApplicationForm form;
    form.plan = f.req_string("plan", kMaxPlanChars);
    form.recommending_unit = f.req_string("recommending_unit", 200);
    form.member_ids = f.opt_int_array("member_ids", kMaxTeamSize + 1).value_or(std::vector<Id>{});
    form.opinion_file_id = f.opt_int("opinion_file_id", 1, INT64_MAX);
    form.attachment_ids = f.opt_int_array("attachment_ids", 20).value_or(std::vector<Id>{});
    f.finish();
    return form;
  };
  router.post("/api/v1/topics/{id}/files", Policy::signed_in("applicant, team or coordinator"), [&topics](Request& req) {
    auto kind = req.query_param("kind");
    auto name = req.query_param("filename");
    std::vector<FieldError> errors;
    if (!kind || kind->empty()) errors.push_back({"kind", "请给出文件类别"});
    if (!name || name->empty()) errors.push_back({"filename", "请给出文件名"});
    Error::throw_if_any(errors);
    auto f = topics.upload_file(req.actor(), req.id_param(), std::string(*kind), std::string(*name), req.body);
    return Response::created(f, "/api/v1/topics/" + std::to_string(f.topic_id) + "/files/" + std::to_string(f.id));
  }, "Upload a file (the raw bytes as the body)");
  router.get("/api/v1/topics/{id}/files/{file_id}", Policy::signed_in(), [&topics](Request& req) {
    auto [meta, bytes] = topics.download_file(req.actor(), req.id_param(), req.id_param("file_id"));
    std::string ascii = "file-" + std::to_string(meta.id);
    if (auto dot = meta.filename.rfind('.'); dot != std::string::npos) ascii += meta.filename.substr(dot);
    return Response::text(std::move(bytes), meta.content_type).attachment(ascii, meta.filename);
  }, "Download a file");
  router.get("/api/v1/topics/{id}/applications", Policy::signed_in(), [&topics](Request& req) {
    Json out = Json::object();
    out["items"] = Json(topics.applications(req.actor(), req.id_param()));
    return Response::json(out);
  }, "The applications of a topic");
  router.post("/api/v1/topics/{id}/applications", Policy::any_of(RoleSet{Role::expert}),
              [&topics, application_form](Request& req) {
    Json body = req.json();
    auto a = topics.apply(req.actor(), req.id_param(), application_form(body));
    return Response::created(a, "/api/v1/topics/" + std::to_string(a.topic_id) + "/applications/" +
                                    std::to_string(a.id));
  }, "Apply for a topic before its deadline");
  router.get("/api/v1/topics/{id}/applications/{application_id}", Policy::signed_in(), [&topics](Request& req) {
    auto a = topics.application(req.actor(), req.id_param(), req.id_param("application_id"));
    return Response::json(a).etag(a.version);
  }, "One application");
  router.patch("/api/v1/topics/{id}/applications/{application_id}", Policy::any_of(RoleSet{Role::expert}),
               [&topics, application_form](Request& req) {
    Json body = req.json();
    auto form = application_form(body);
    auto a = topics.update_application(req.actor(), req.id_param(), req.id_param("application_id"),
                                       req.expected_version(body), form);
    return Response::json(a).etag(a.version);
  }, "Change an application before the deadline (the lead)");
  router.post("/api/v1/topics/{id}/applications/{application_id}/transitions", Policy::any_of(RoleSet{Role::expert}),
              [&topics](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto name = f.req_string("action", 20);
    auto action = application_action_from_string(name);
    if (!action && !name.empty()) f.fail("action", "须为 withdraw、confirm 或 decline");
    auto note = f.opt_string("note", kMaxReasonChars).value_or("");
    f.finish();
    return Response::json(topics.application_step(req.actor(), req.id_param(), req.id_param("application_id"),
                                                  *action, note));
  }, "Withdraw an application, or confirm or decline a place on its team");

  // ---- suggestions
  router.get("/api/v1/topic-suggestions", Policy::signed_in(), [&topics](Request& req) {
    std::optional<SuggestionStatus> status;
    if (auto s = req.query_param("status"); s && !s->empty()) {
      status = suggestion_status_from_string(*s);
      if (!status) throw Error::invalid_field("status", "须为 pending、adopted、merged 或 declined");
    }
    Json out = Json::object();
    out["items"] = Json(topics.suggestions(req.actor(), status));
    return Response::json(out);
  }, "Topic suggestions (coordinators all, experts their own)");
  router.post("/api/v1/topic-suggestions", Policy::any_of(RoleSet{Role::expert}), [&topics](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto title = f.req_string("title", kMaxTopicTitleChars);
    auto description = f.req_string("description", kMaxTopicDescriptionChars);
    f.finish();
    auto s = topics.suggest(req.actor(), title, description);
    return Response::created(s, "/api/v1/topic-suggestions/" + std::to_string(s.id));
  }, "Suggest a topic (选题建议)");
  router.post("/api/v1/topic-suggestions/{id}/transitions", office, [&topics](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    SuggestionDecision d;
    auto name = f.req_string("action", 20);
    auto action = suggestion_action_from_string(name);
    if (!action && !name.empty()) f.fail("action", "须为 adopt、merge 或 decline");
    d.version = f.req_int("version", 1, INT64_MAX);
    d.note = f.opt_string("note", kMaxReasonChars).value_or("");
    d.topic_id = f.opt_int("topic_id", 1, INT64_MAX);
    if (auto y = f.opt_int("year", 2000, 2200)) d.year = static_cast<int>(*y);
    f.finish();
    d.action = *action;
    return Response::json(topics.decide_suggestion(req.actor(), req.id_param(), d));
  }, "Adopt, merge or decline a topic suggestion");
}

}  // namespace zhiku
