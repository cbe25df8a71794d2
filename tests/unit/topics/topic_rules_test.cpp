// The pure rules of topics: codes, 职称 levels, the deadline and overdue rules at their edges
// (the clock is an argument), eligibility rule by rule, topic details, and accepted files.
#include "topics/topic_rules.hpp"

#include <catch2/catch.hpp>

#include "support/chinese_text.hpp"

using namespace zhiku;
using namespace std::chrono_literals;
using test::has_cjk;

namespace {

SysTime at(char const* iso) { return *parse_iso(iso); }

Candidate person(Id id, std::string name, std::optional<std::string> title = "教授") {
  Candidate c;
  c.expert_id = id;
  c.name = std::move(name);
  c.active = true;
  c.title = std::move(title);
  c.birth_year = 1970;
  return c;
}

std::vector<std::string> rules_of(std::vector<Refusal> const& refusals) {
  std::vector<std::string> out;
  for (auto const& r : refusals) out.push_back(r.rule);
  return out;
}

}  // namespace

TEST_CASE("topic codes are the year, ZK and a sequence of at least three digits", "[topics][rules]") {
  CHECK(format_topic_code(2026, 7) == "2026-ZK-007");
  CHECK(format_topic_code(2026, 1) == "2026-ZK-001");
  CHECK(format_topic_code(2027, 999) == "2027-ZK-999");
  CHECK(format_topic_code(2027, 1000) == "2027-ZK-1000");
}

TEST_CASE("instants are stored in one form so that they compare as text", "[topics][rules]") {
  CHECK(normalized_instant("2026-03-31T16:00:00Z") == "2026-03-31T16:00:00Z");
  CHECK(normalized_instant("2026-03-31T16:00:00.250Z") == "2026-03-31T16:00:00Z");
  CHECK(normalized_instant("2026-03-31") == "2026-03-31T00:00:00Z");
  CHECK_FALSE(normalized_instant("2026-02-30T00:00:00Z"));
  CHECK_FALSE(normalized_instant("2026-03-31T16:00:00+08:00"));
  CHECK_FALSE(normalized_instant(""));
}

TEST_CASE("a 职称 is read as its level; academicians count as senior", "[topics][rules]") {
  struct Case {
    std::optional<std::string> title;
    bool academician;
    TitleLevel level;
  };
  using L = TitleLevel;
  std::vector<Case> const cases = {
      {"教授", false, L::senior},
      {"研究员", false, L::senior},
      {"正高级工程师", false, L::senior},
      {"教授级高级工程师", false, L::senior},
      {"主任医师", false, L::senior},
      {"编审", false, L::senior},
      {"副教授", false, L::associate_senior},
      {"副研究员", false, L::associate_senior},
      {"副主任医师", false, L::associate_senior},
      {"高级工程师", false, L::associate_senior},
      {"高级经济师", false, L::associate_senior},
      {"副高级", false, L::associate_senior},
      {"讲师", false, L::intermediate},
      {"助理研究员", false, L::intermediate},
      {"工程师", false, L::intermediate},
      {"主治医师", false, L::intermediate},
      {"助教", false, L::junior},
      {"助理工程师", false, L::junior},
      {"教授、博士生导师", false, L::senior},
      {"讲师；工程师", false, L::intermediate},
      {" 副教授 ", false, L::associate_senior},
      {"Professor", false, L::senior},
      {"Associate Professor", false, L::associate_senior},
      {"assistant professor", false, L::intermediate},
      {"董事长", false, L::unknown},
      {"", false, L::unknown},
      {std::nullopt, false, L::unknown},
      {"讲师", true, L::senior},
      {std::nullopt, true, L::senior},
  };
  for (auto const& c : cases) {
    INFO((c.title ? *c.title : "(none)") << (c.academician ? " 院士" : ""));
    CHECK(title_level(c.title, c.academician) == c.level);
  }
}

TEST_CASE("applications are accepted until the deadline, by the clock passed in", "[topics][rules][deadline]") {
  std::optional<std::string> deadline = "2026-03-31T16:00:00Z";  // 2026-04-01 00:00 in Beijing
  auto deadline_at = at("2026-03-31T16:00:00Z");
  SECTION("one second before the deadline it accepts") {
    CHECK(accepts_applications(TopicStatus::published, deadline, deadline_at - 1s));
  }
  SECTION("at the deadline itself and after it, it refuses and says when it closed in Beijing time") {
    for (auto now : {deadline_at, deadline_at + 1s, deadline_at + 24h}) {
      CHECK_FALSE(accepts_applications(TopicStatus::published, deadline, now));
      auto why = why_no_applications(TopicStatus::published, deadline, now);
      REQUIRE(why);
      CHECK(*why == "申报已于 2026-04-01 00:00（北京时间） 截止");
    }
  }
  SECTION("only published topics take applications") {
    for (TopicStatus s : kAllTopicStatuses) {
      if (s == TopicStatus::published) continue;
      CHECK_FALSE(accepts_applications(s, deadline, deadline_at - 24h));
    }
  }
  SECTION("a published topic without a deadline takes none") {
    CHECK_FALSE(accepts_applications(TopicStatus::published, std::nullopt, deadline_at));
  }
}

TEST_CASE("publishing needs a deadline still ahead", "[topics][rules][deadline]") {
  TopicDetails d;
  d.title = "城市更新中的公众参与机制研究";
  auto now = at("2026-03-01T00:00:00Z");
  CHECK(publish_problems(d, now).size() == 1);
  d.application_deadline = "2026-03-01T00:00:00Z";
  REQUIRE(publish_problems(d, now).size() == 1);
  CHECK(publish_problems(d, now)[0].field == "application_deadline");
  d.application_deadline = "2026-03-01T00:00:01Z";
  CHECK(publish_problems(d, now).empty());
}

TEST_CASE("topic details are checked field by field", "[topics][rules]") {
  TopicDetails d;
  d.title = std::string(200, 'a');
  d.source = TopicSource::association;
  d.application_deadline = "2026-03-31T16:00:00Z";
  d.midterm_due = "2026-07-31T15:59:59Z";
  d.due_date = "2026-12-31T15:59:59Z";
  CHECK(validate_details(d).empty());

  auto fields_of = [](std::vector<FieldError> const& errors) {
    std::vector<std::string> out;
    for (auto const& e : errors) {
      CHECK(has_cjk(e.message));
      out.push_back(e.field);
    }
    return out;
  };
  SECTION("a title of 201 characters or none") {
    d.title = std::string(201, 'a');
    CHECK(fields_of(validate_details(d)) == std::vector<std::string>{"title"});
    d.title = "";
    CHECK(fields_of(validate_details(d)) == std::vector<std::string>{"title"});
  }
  SECTION("dates out of order") {
    d.midterm_due = "2026-03-31T16:00:00Z";  // the same instant as the deadline
    CHECK(fields_of(validate_details(d)) == std::vector<std::string>{"midterm_due"});
    d.midterm_due = "2027-01-01T00:00:00Z";
    CHECK(fields_of(validate_details(d)) == std::vector<std::string>{"due_date"});
  }
  SECTION("a department source names a department, and only it") {
    d.source = TopicSource::department;
    CHECK(fields_of(validate_details(d)) == std::vector<std::string>{"department_id"});
    d.department_id = 3;
    CHECK(validate_details(d).empty());
    d.source = TopicSource::leadership;
    CHECK(fields_of(validate_details(d)) == std::vector<std::string>{"department_id"});
  }
  SECTION("budget bounds and duplicate fields") {
    d.budget_yuan = -1;
    d.field_ids = {3, 3};
    CHECK(fields_of(validate_details(d)) == std::vector<std::string>{"field_ids", "budget_yuan"});
    d.budget_yuan = 0;
    d.field_ids = {3, 4};
    CHECK(validate_details(d).empty());
  }
}

TEST_CASE("eligibility: each rule of a guide at its edge, and the refusal names the rule",
          "[topics][rules][eligibility]") {
  EligibilityRules rules;
  rules.lead_min_title = TitleLevel::associate_senior;
  rules.lead_max_per_year = 1;
  rules.member_max_applications = 2;
  rules.lead_max_age = 60;
  rules.team_max_size = 3;
  Candidate lead = person(1, "李娜", "副教授");
  std::vector<Candidate> members = {person(2, "张伟"), person(3, "王芳")};
  REQUIRE(eligibility_refusals(rules, 2026, lead, members).empty());

  SECTION("the lead's title: 副高 passes, 中级 and unknown and missing titles do not") {
    lead.title = "讲师";
    auto r = eligibility_refusals(rules, 2026, lead, members);
    REQUIRE(r.size() == 1);
    CHECK(r[0].rule == "lead_min_title");
    CHECK(r[0].field == "lead");
    CHECK(r[0].message == "申报条件「负责人须具有副高级及以上职称」：「李娜」的职称「讲师」为中级");
    lead.title = "总经理";
    CHECK(rules_of(eligibility_refusals(rules, 2026, lead, members)) == std::vector<std::string>{"lead_min_title"});
    lead.title = std::nullopt;
    CHECK(rules_of(eligibility_refusals(rules, 2026, lead, members)) == std::vector<std::string>{"lead_min_title"});
    lead.academician = true;
    CHECK(eligibility_refusals(rules, 2026, lead, members).empty());
  }
  SECTION("the lead leads at most one topic a year: with none it passes, with one it does not") {
    lead.leads_in_year = 1;
    auto r = eligibility_refusals(rules, 2026, lead, members);
    REQUIRE(r.size() == 1);
    CHECK(r[0].rule == "lead_max_per_year");
    CHECK(r[0].message == "申报条件「负责人每年度限主持或申报 1 项课题」：「李娜」2026 年度已主持或申报 1 项");
  }
  SECTION("a member joins at most two applications: with one other it passes, with two it does not") {
    members[1].member_applications = 1;
    CHECK(eligibility_refusals(rules, 2026, lead, members).empty());
    members[1].member_applications = 2;
    auto r = eligibility_refusals(rules, 2026, lead, members);
    REQUIRE(r.size() == 1);
    CHECK(r[0].rule == "member_max_applications");
    CHECK(r[0].field == "member_ids[1]");
    CHECK(r[0].message == "申报条件「每位成员每年度至多参与 2 项申报」：「王芳」2026 年度已参与 2 项");
  }
  SECTION("the lead's age in the guide's year: 60 passes, 61 does not, unknown does not") {
    lead.birth_year = 1966;
    CHECK(eligibility_refusals(rules, 2026, lead, members).empty());
    lead.birth_year = 1965;
    CHECK(rules_of(eligibility_refusals(rules, 2026, lead, members)) == std::vector<std::string>{"lead_max_age"});
    lead.birth_year = std::nullopt;
    CHECK(rules_of(eligibility_refusals(rules, 2026, lead, members)) == std::vector<std::string>{"lead_max_age"});
  }
  SECTION("the team: three members pass, four do not") {
    members.push_back(person(4, "刘洋"));
    CHECK(eligibility_refusals(rules, 2026, lead, members).empty());
    members.push_back(person(5, "陈静"));
    CHECK(rules_of(eligibility_refusals(rules, 2026, lead, members)) == std::vector<std::string>{"team_max_size"});
  }
  SECTION("without rules only the fixed ones apply") {
    EligibilityRules none;
    lead.title = "助教";
    lead.leads_in_year = 5;
    lead.birth_year = 1930;
    members[0].member_applications = 9;
    CHECK(eligibility_refusals(none, 2026, lead, members).empty());
  }
  SECTION("fixed rules: active experts, distinct members, not the lead again") {
    EligibilityRules none;
    lead.active = false;
    members[0].active = false;
    members.push_back(members[1]);
    members.push_back(person(1, "李娜"));
    auto r = eligibility_refusals(none, 2026, lead, members);
    CHECK(rules_of(r) ==
          std::vector<std::string>{"lead_active", "member_active", "member_distinct", "member_distinct"});
    CHECK(r[2].field == "member_ids[2]");
    CHECK(r[3].field == "member_ids[3]");
  }
  SECTION("every refusal is thrown at once, each on its field, the detail naming every rule") {
    lead.title = "讲师";
    members[0].member_applications = 2;
    try {
      throw_if_refused(eligibility_refusals(rules, 2026, lead, members));
      FAIL("no error");
    } catch (Error const& e) {
      CHECK(e.code() == Errc::invalid_argument);
      REQUIRE(e.errors().size() == 2);
      CHECK(e.errors()[0].field == "lead");
      CHECK(e.errors()[1].field == "member_ids[0]");
      CHECK(e.detail().find("负责人须具有副高级及以上职称") != std::string::npos);
      CHECK(e.detail().find("每位成员每年度至多参与 2 项申报") != std::string::npos);
    }
    CHECK_NOTHROW(throw_if_refused({}));
  }
}

TEST_CASE("the rules of a guide read as sentences", "[topics][rules][eligibility]") {
  EligibilityRules rules;
  CHECK(describe_rules(rules).empty());
  rules.lead_min_title = TitleLevel::senior;
  rules.member_max_applications = 2;
  auto texts = describe_rules(rules);
  REQUIRE(texts.size() == 2);
  CHECK(texts[0].rule == "lead_min_title");
  CHECK(texts[0].text == "负责人须具有正高级及以上职称");
  CHECK(texts[1].text == "每位成员每年度至多参与 2 项申报");
}

TEST_CASE("overdue topics: past a date without the step expected by then, counted in days begun",
          "[topics][rules][overdue]") {
  Topic t;
  t.status = TopicStatus::in_progress;
  t.details.midterm_due = "2026-06-30T15:59:59Z";
  t.details.due_date = "2026-12-31T15:59:59Z";
  t.midterm_count = 1;
  auto due = at("2026-12-31T15:59:59Z");

  SECTION("the due date: not at it, one day from the next second, two days after 24 hours") {
    CHECK(overdue_of(t, due).empty());
    auto o = overdue_of(t, due + 1s);
    REQUIRE(o.size() == 1);
    CHECK(o[0].kind == OverdueKind::due);
    CHECK(o[0].days == 1);
    CHECK(o[0].since == "2026-12-31T15:59:59Z");
    CHECK(overdue_of(t, due + 24h)[0].days == 1);
    CHECK(overdue_of(t, due + 24h + 1s)[0].days == 2);
  }
  SECTION("delivered, concluded and cancelled topics are never overdue") {
    for (TopicStatus s : {TopicStatus::delivered, TopicStatus::concluded, TopicStatus::cancelled, TopicStatus::draft,
                          TopicStatus::published}) {
      t.status = s;
      CHECK(overdue_of(t, due + 100 * 24h).empty());
    }
  }
  SECTION("a midterm not launched by its date, and a report not submitted by it") {
    auto mid = at("2026-06-30T15:59:59Z");
    t.midterm_count = 0;
    CHECK(overdue_of(t, mid).empty());
    REQUIRE(overdue_of(t, mid + 1s).size() == 1);
    CHECK(overdue_of(t, mid + 1s)[0].kind == OverdueKind::midterm);
    t.midterm_count = 1;
    CHECK(overdue_of(t, mid + 1s).empty());
    t.status = TopicStatus::midterm_review;
    t.midterm_report_pending = true;
    REQUIRE(overdue_of(t, mid + 1s).size() == 1);
    CHECK(overdue_of(t, mid + 1s)[0].kind == OverdueKind::midterm_report);
    t.midterm_report_pending = false;
    CHECK(overdue_of(t, mid + 1s).empty());
  }
  SECTION("a rectification not checked again by its date; the due date comes first") {
    t.last_midterm_verdict = "rectify";
    t.rectify_by = "2026-09-30T15:59:59Z";
    CHECK(overdue_of(t, at("2026-09-30T15:59:59Z")).empty());
    auto o = overdue_of(t, due + 1s);
    REQUIRE(o.size() == 2);
    CHECK(o[0].kind == OverdueKind::due);
    CHECK(o[1].kind == OverdueKind::rectification);
    CHECK(o[1].days == 93);
  }
}

TEST_CASE("files are recognised by their first bytes, within the size limit", "[topics][rules][files]") {
  std::string type;
  CHECK_FALSE(file_problem("推荐意见.pdf", "%PDF-1.7\n...", type));
  CHECK(type == "application/pdf");
  CHECK_FALSE(file_problem("scan.png", std::string("\x89PNG\r\n\x1a\n", 8) + "data", type));
  CHECK(type == "image/png");
  CHECK_FALSE(file_problem("photo.jpg", "\xFF\xD8\xFF\xE0rest", type));
  CHECK(type == "image/jpeg");
  CHECK_FALSE(file_problem("计划书.docx", std::string("PK\x03\x04", 4) + "....word/document.xml", type));
  CHECK(type.find("wordprocessingml") != std::string::npos);
  CHECK_FALSE(file_problem("预算.xlsx", std::string("PK\x03\x04", 4) + "....xl/workbook.xml", type));
  CHECK(type.find("spreadsheetml") != std::string::npos);

  for (auto [name, bytes] :
       std::vector<std::pair<std::string, std::string>>{{"a.exe", "MZ\x90\x00"},
                                                        {"empty.pdf", ""},
                                                        {"../up.pdf", "%PDF-1.4"},
                                                        {"", "%PDF-1.4"},
                                                        {"a.zip", std::string("PK\x03\x04", 4) + "other"}}) {
    INFO(name);
    auto why = file_problem(name, bytes, type);
    REQUIRE(why);
    CHECK(has_cjk(*why));
  }
  std::string big = "%PDF-" + std::string(static_cast<size_t>(kMaxFileBytes) - 5, 'x');
  CHECK_FALSE(file_problem("big.pdf", big, type));
  big += 'x';
  CHECK(file_problem("big.pdf", big, type));
}
