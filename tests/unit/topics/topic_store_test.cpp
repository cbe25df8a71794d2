// The topic stores on a migrated database: guides and per-year codes, topics and their filters,
// teams and history, applications with their teams and the per-year counts the eligibility rules
// use, commissions, the working space, suggestions, departments and calls.
#include "topics/topic_store.hpp"

#include <catch2/catch.hpp>

#include "experts/expert_store.hpp"
#include "topics/application_store.hpp"
#include "topics/call_store.hpp"
#include "topics/department_store.hpp"
#include "topics/topic_file_store.hpp"
#include "topics/topic_rules.hpp"
#include "topics/work_store.hpp"
#include "support/test_database.hpp"

using namespace zhiku;
using zhiku::test::migrated_connection;

namespace {

constexpr char kNow[] = "2026-02-01T02:00:00Z";

Id add_expert(storage::Connection& c, std::string name) {
  ExpertProfile p;
  p.name = std::move(name);
  p.organization = "同济大学";
  p.title = "教授";
  return ExpertStore().insert(c, p, ExpertStatus::active, std::nullopt, ExpertSource::created, kNow);
}

Id add_guide(storage::Connection& c, TopicStore const& store, int year) {
  TopicGuide g;
  g.year = year;
  g.title = std::to_string(year) + " 年度决策咨询课题指南";
  g.rules.lead_min_title = TitleLevel::associate_senior;
  g.rules.member_max_applications = 2;
  return store.insert_guide(c, g, kNow);
}

TopicDetails details(std::string title) {
  TopicDetails d;
  d.title = std::move(title);
  d.description = "研究内容";
  d.application_deadline = "2026-03-31T16:00:00Z";
  d.midterm_due = "2026-07-31T15:59:59Z";
  d.due_date = "2026-12-31T15:59:59Z";
  return d;
}

Id add_topic(storage::Connection& c, TopicStore const& store, Id guide, int year, std::string title) {
  std::string code = format_topic_code(year, store.next_code_seq(c, year));
  return store.insert(c, guide, code, details(std::move(title)), std::nullopt, kNow);
}

}  // namespace

TEST_CASE("a guide per year, with its rules; a second guide for the same year is a conflict", "[topics][store]") {
  auto db = migrated_connection();
  TopicStore store;
  Id id = add_guide(*db, store, 2026);
  auto g = store.find_guide(*db, id);
  REQUIRE(g);
  CHECK(g->year == 2026);
  CHECK(g->rules.lead_min_title == TitleLevel::associate_senior);
  CHECK(g->rules.member_max_applications == 2);
  CHECK_FALSE(g->rules.lead_max_per_year);
  CHECK(store.find_guide_by_year(*db, 2026)->id == id);
  try {
    add_guide(*db, store, 2026);
    FAIL("no error");
  } catch (Error const& e) {
    CHECK(e.code() == Errc::conflict);
  }
  g->rules.lead_max_per_year = 1;
  CHECK(store.update_guide(*db, *g, kNow));
  CHECK_FALSE(store.update_guide(*db, *g, kNow));  // the version moved on
  CHECK(store.find_guide(*db, id)->rules.lead_max_per_year == 1);
}

TEST_CASE("codes count per year from 1 and are never given out twice", "[topics][store]") {
  auto db = migrated_connection();
  TopicStore store;
  CHECK(store.next_code_seq(*db, 2026) == 1);
  CHECK(store.next_code_seq(*db, 2026) == 2);
  CHECK(store.next_code_seq(*db, 2027) == 1);
  CHECK(store.next_code_seq(*db, 2026) == 3);
}

TEST_CASE("a topic round-trips with its fields and derived figures", "[topics][store]") {
  auto db = migrated_connection();
  TopicStore store;
  Id guide = add_guide(*db, store, 2026);
  auto d = details("城市更新中的公众参与机制研究");
  d.field_ids = {zhiku::test::field_id_named(*db, "城市规划"), zhiku::test::field_id_named(*db, "管理学")};
  d.budget_yuan = 200000;
  Id id = store.insert(*db, guide, "2026-ZK-001", d, std::nullopt, kNow);
  auto t = store.find(*db, id);
  REQUIRE(t);
  CHECK(t->code == "2026-ZK-001");
  CHECK(t->year == 2026);
  CHECK(t->status == TopicStatus::draft);
  CHECK(t->details.field_ids == d.field_ids);
  CHECK(t->details.budget_yuan == 200000);
  CHECK(t->details.due_date == "2026-12-31T15:59:59Z");
  CHECK(t->application_count == 0);
  CHECK_FALSE(t->commission_pending);
  CHECK(store.find_id_by_code(*db, "2026-ZK-001") == id);

  SECTION("an update with a stale version changes nothing") {
    d.title = "改名";
    CHECK(store.update_details(*db, id, t->version, d, kNow));
    CHECK_FALSE(store.update_details(*db, id, t->version, d, kNow));
    CHECK(store.find(*db, id)->details.title == "改名");
  }
  SECTION("statuses stamp the time they are first entered") {
    store.set_status(*db, id, TopicStatus::published, std::nullopt, "2026-02-02T00:00:00Z");
    store.set_status(*db, id, TopicStatus::assigned, std::nullopt, "2026-04-02T00:00:00Z");
    auto u = store.find(*db, id);
    CHECK(u->published_at == "2026-02-02T00:00:00Z");
    CHECK(u->assigned_at == "2026-04-02T00:00:00Z");
    CHECK_FALSE(u->concluded_at);
    CHECK(u->version == t->version + 2);
    store.set_status(*db, id, TopicStatus::cancelled, "经费调整", "2026-05-01T00:00:00Z");
    u = store.find(*db, id);
    CHECK(u->concluded_at == "2026-05-01T00:00:00Z");
    CHECK(u->status_reason == "经费调整");
  }
}

TEST_CASE("the topic list filters by year, status, field, text and team member, and sorts codes as numbers",
          "[topics][store]") {
  auto db = migrated_connection();
  TopicStore store;
  Id g26 = add_guide(*db, store, 2026);
  Id g27 = add_guide(*db, store, 2027);
  Id a = add_topic(*db, store, g26, 2026, "城市更新 100% 公众参与");
  Id b = add_topic(*db, store, g26, 2026, "长三角一体化");
  Id c = add_topic(*db, store, g27, 2027, "人工智能治理");
  store.set_status(*db, b, TopicStatus::published, std::nullopt, kNow);
  Id expert = add_expert(*db, "李娜");
  store.add_member(*db, c, expert, "lead", 0, kNow);
  Id field = zhiku::test::field_id_named(*db, "城市规划");
  auto d = store.find(*db, a)->details;
  d.field_ids = {field};
  store.update_details(*db, a, store.find(*db, a)->version, d, kNow);

  auto ids = [&](TopicQuery q) {
    TopicListFilter f{q, {}};
    if (q.field_id) f.field_ids = {*q.field_id};
    auto [items, total] = store.list(*db, f);
    std::vector<Id> out;
    for (auto const& t : items) out.push_back(t.id);
    CHECK(total >= static_cast<std::int64_t>(out.size()));
    return out;
  };
  using V = std::vector<Id>;
  CHECK(ids({}) == V{a, b, c});
  TopicQuery q;
  q.year = 2026;
  CHECK(ids(q) == V{a, b});
  q = {};
  q.statuses = {TopicStatus::published};
  CHECK(ids(q) == V{b});
  q.statuses = {TopicStatus::published, TopicStatus::draft};
  CHECK(ids(q) == V{a, b, c});
  q = {};
  q.q = "100%";
  CHECK(ids(q) == V{a});
  q.q = "%";
  CHECK(ids(q) == V{a});  // a literal percent sign, not a wildcard
  q.q = "2027-ZK";
  CHECK(ids(q) == V{c});
  q = {};
  q.member_expert_id = expert;
  CHECK(ids(q) == V{c});
  q = {};
  q.field_id = field;
  CHECK(ids(q) == V{a});
  q = {};
  q.sort = TopicSort::code_desc;
  CHECK(ids(q) == V{c, b, a});
  q = {};
  q.limit = 1;
  q.offset = 1;
  TopicListFilter f{q, {}};
  auto [items, total] = store.list(*db, f);
  CHECK(total == 3);
  REQUIRE(items.size() == 1);
  CHECK(items[0].id == b);

  SECTION("past 999 a year's codes still sort by number") {
    for (int i = 0; i < 998; ++i) store.next_code_seq(*db, 2027);
    Id late = add_topic(*db, store, g27, 2027, "第一千项");
    CHECK(store.find(*db, late)->code == "2027-ZK-1000");
    TopicQuery y;
    y.year = 2027;
    CHECK(ids(y) == V{c, late});
  }
}

TEST_CASE("a team keeps its history: who left stays, with the date", "[topics][store]") {
  auto db = migrated_connection();
  TopicStore store;
  Id guide = add_guide(*db, store, 2026);
  Id t = add_topic(*db, store, guide, 2026, "课题");
  Id lead = add_expert(*db, "李娜"), m1 = add_expert(*db, "张伟"), m2 = add_expert(*db, "王芳");
  store.add_member(*db, t, lead, "lead", 0, kNow);
  store.add_member(*db, t, m1, "member", 1, kNow);
  store.add_member(*db, t, m2, "member", 2, kNow);
  CHECK(store.remove_member(*db, t, m1, "2026-05-01T00:00:00Z"));
  CHECK_FALSE(store.remove_member(*db, t, m1, "2026-05-02T00:00:00Z"));
  CHECK(store.is_member(*db, t, m2));
  CHECK_FALSE(store.is_member(*db, t, m1));
  auto now = store.team(*db, t, false);
  REQUIRE(now.size() == 2);
  CHECK(now[0].expert_id == lead);
  CHECK(now[0].role == "lead");
  auto all = store.team(*db, t, true);
  REQUIRE(all.size() == 3);
  CHECK(all[2].expert_id == m1);
  CHECK(all[2].left_at == "2026-05-01T00:00:00Z");
  // Rejoining after leaving is a new membership.
  store.add_member(*db, t, m1, "member", 3, "2026-06-01T00:00:00Z");
  CHECK(store.team(*db, t, true).size() == 4);

  store.set_lead(*db, t, lead, std::nullopt);
  CHECK(store.commissioned_leads_in_year(*db, lead, 2026) == 1);
  CHECK(store.commissioned_leads_in_year(*db, lead, 2027) == 0);
  store.set_status(*db, t, TopicStatus::cancelled, "撤项", kNow);
  CHECK(store.commissioned_leads_in_year(*db, lead, 2026) == 0);
}

TEST_CASE("history events come back in order", "[topics][store]") {
  auto db = migrated_connection();
  TopicStore store;
  Id t = add_topic(*db, store, add_guide(*db, store, 2026), 2026, "课题");
  store.add_event(*db, t, {0, kNow, std::nullopt, "王协调", "publish", "draft", "published", ""});
  store.add_event(*db, t, {0, kNow, std::nullopt, "王协调", "message", std::nullopt, std::nullopt, "请注意"});
  auto events = store.events(*db, t);
  REQUIRE(events.size() == 2);
  CHECK(events[0].action == "publish");
  CHECK(events[0].to_status == "published");
  CHECK(events[1].note == "请注意");
}

TEST_CASE("applications: one live per lead and topic, answers kept across edits, per-year counts",
          "[topics][store][applications]") {
  auto db = migrated_connection();
  TopicStore topics;
  ApplicationStore store;
  Id g26 = add_guide(*db, topics, 2026);
  Id g27 = add_guide(*db, topics, 2027);
  Id t1 = add_topic(*db, topics, g26, 2026, "课题一");
  Id t2 = add_topic(*db, topics, g26, 2026, "课题二");
  Id t3 = add_topic(*db, topics, g27, 2027, "课题三");
  Id lead = add_expert(*db, "李娜"), m1 = add_expert(*db, "张伟"), m2 = add_expert(*db, "王芳");

  ApplicationForm form{"研究计划", "同济大学", {m1, m2}, std::nullopt, {}};
  Id a1 = store.insert(*db, t1, lead, form, kNow);
  auto a = store.find(*db, a1);
  REQUIRE(a);
  REQUIRE(a->members.size() == 2);
  CHECK(a->members[0].expert_id == m1);
  CHECK(a->members[0].answer == MemberAnswer::invited);
  CHECK_FALSE(a->counts());
  CHECK(topics.find(*db, t1)->application_count == 0);

  SECTION("a second live application of the lead for the topic is a conflict; after withdrawal it is not") {
    CHECK_THROWS_AS(store.insert(*db, t1, lead, form, kNow), Error);
    store.set_status(*db, a1, TopicApplicationStatus::withdrawn, std::nullopt, kNow);
    CHECK_NOTHROW(store.insert(*db, t1, lead, form, kNow));
  }
  SECTION("confirmed by every member it counts; an edit keeps the answers of members who stay") {
    CHECK(store.set_answer(*db, a1, m1, MemberAnswer::confirmed, std::nullopt, kNow));
    CHECK(store.set_answer(*db, a1, m2, MemberAnswer::confirmed, std::nullopt, kNow));
    CHECK_FALSE(store.set_answer(*db, a1, lead, MemberAnswer::confirmed, std::nullopt, kNow));
    CHECK(store.find(*db, a1)->counts());
    CHECK(topics.find(*db, t1)->application_count == 1);
    Id m3 = add_expert(*db, "刘洋");
    auto version = store.find(*db, a1)->version;
    CHECK(store.update(*db, a1, version, {"新计划", "同济大学", {m2, m3}, std::nullopt, {}}, kNow));
    CHECK_FALSE(store.update(*db, a1, version, form, kNow));
    a = store.find(*db, a1);
    REQUIRE(a->members.size() == 2);
    CHECK(a->members[0].expert_id == m2);
    CHECK(a->members[0].answer == MemberAnswer::confirmed);
    CHECK(a->members[1].answer == MemberAnswer::invited);
    CHECK(a->plan == "新计划");
  }
  SECTION("counts per year leave out withdrawn and declined, and the application being checked") {
    store.insert(*db, t2, lead, {"计划", "单位", {m1}, std::nullopt, {}}, kNow);
    Id a3 = store.insert(*db, t3, lead, {"计划", "单位", {m1}, std::nullopt, {}}, kNow);
    CHECK(store.leads_in_year(*db, lead, 2026, std::nullopt) == 2);
    CHECK(store.leads_in_year(*db, lead, 2026, a1) == 1);
    CHECK(store.leads_in_year(*db, lead, 2027, std::nullopt) == 1);
    CHECK(store.memberships_in_year(*db, m1, 2026, std::nullopt) == 2);
    store.set_answer(*db, a1, m1, MemberAnswer::declined, "没有时间", kNow);
    CHECK(store.memberships_in_year(*db, m1, 2026, std::nullopt) == 1);
    store.set_status(*db, a3, TopicApplicationStatus::withdrawn, std::nullopt, kNow);
    CHECK(store.leads_in_year(*db, lead, 2027, std::nullopt) == 0);
    CHECK(store.of_expert(*db, m1).size() == 3);
    CHECK(store.for_topic(*db, t1).size() == 1);
  }
  SECTION("incomplete applications of topics whose deadline falls in a window") {
    topics.set_status(*db, t1, TopicStatus::published, std::nullopt, kNow);
    auto rows = store.incomplete_with_deadline_in(*db, "2026-03-31T00:00:00Z", "2026-04-01T00:00:00Z");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == std::pair<Id, Id>{a1, t1});
    CHECK(store.incomplete_with_deadline_in(*db, "2026-04-01T00:00:00Z", "2026-04-02T00:00:00Z").empty());
  }
}

TEST_CASE("a topic has at most one pending commission", "[topics][store][applications]") {
  auto db = migrated_connection();
  TopicStore topics;
  ApplicationStore store;
  Id t = add_topic(*db, topics, add_guide(*db, topics, 2026), 2026, "课题");
  Id e1 = add_expert(*db, "李娜"), e2 = add_expert(*db, "张伟");
  Id k = store.insert_commission(*db, t, e1, {e2}, "请承担", std::nullopt, kNow);
  CHECK(topics.find(*db, t)->commission_pending);
  CHECK_THROWS_AS(store.insert_commission(*db, t, e2, {}, "", std::nullopt, kNow), Error);
  auto pending = store.pending_commission(*db, t);
  REQUIRE(pending);
  CHECK(pending->expert_id == e1);
  REQUIRE(pending->members.size() == 1);
  CHECK(pending->members[0].id == e2);
  CHECK(store.pending_commissions_before(*db, "2026-02-02T00:00:00Z").size() == 1);
  CHECK(store.pending_commissions_before(*db, kNow).empty());
  store.set_commission_status(*db, k, CommissionStatus::declined, "时间冲突", kNow);
  CHECK_FALSE(store.pending_commission(*db, t));
  CHECK(store.find_commission(*db, k)->reason == "时间冲突");
  CHECK_NOTHROW(store.insert_commission(*db, t, e2, {}, "", std::nullopt, kNow));
  CHECK(store.commissions_for_topic(*db, t).size() == 2);
  CHECK(store.commissions_of_expert(*db, e2).size() == 1);
}

TEST_CASE("files keep their bytes exactly, and the working space its records", "[topics][store][work]") {
  auto db = migrated_connection();
  TopicStore topics;
  WorkStore work;
  TopicFileStore files;
  Id t = add_topic(*db, topics, add_guide(*db, topics, 2026), 2026, "课题");
  std::string bytes = std::string("%PDF-1.7\0\xff\xfe binary", 18);
  Id f = files.insert(*db, {0, t, "midterm_report", "中期报告.pdf", "application/pdf", 0, "abc", std::nullopt, kNow},
                      bytes);
  CHECK(files.content(*db, f) == bytes);
  CHECK(files.find(*db, f)->size == static_cast<std::int64_t>(bytes.size()));
  CHECK(files.for_topic(*db, t, "midterm_report").size() == 1);
  CHECK(files.for_topic(*db, t, "workspace").empty());
  CHECK(files.for_topic(*db, t, "").size() == 1);

  Id m = work.launch_midterm(*db, t, std::nullopt, kNow);
  CHECK(topics.find(*db, t)->midterm_report_pending);
  work.submit_midterm_report(*db, m, "进展顺利", f, "2026-07-01T00:00:00Z");
  auto latest = work.latest_midterm(*db, t);
  REQUIRE(latest);
  CHECK(latest->report_file->filename == "中期报告.pdf");
  CHECK_FALSE(topics.find(*db, t)->midterm_report_pending);
  work.decide_midterm(*db, m, "rectify", "补充调研", "2026-09-30T15:59:59Z", std::nullopt, kNow);
  CHECK(topics.find(*db, t)->last_midterm_verdict == "rectify");
  CHECK(topics.find(*db, t)->midterm_count == 1);

  Id e = add_expert(*db, "李娜");
  ChangeRequest r;
  r.topic_id = t;
  r.kind = ChangeKind::team;
  r.reason = "成员调动";
  r.add = {{e, ""}};
  r.created_at = kNow;
  Id rid = work.insert_change(*db, r);
  CHECK(work.has_pending_change(*db, t));
  work.decide_change(*db, rid, ChangeStatus::approved, "同意", std::nullopt, kNow);
  auto change = work.find_change(*db, rid);
  CHECK(change->status == ChangeStatus::approved);
  REQUIRE(change->add.size() == 1);
  CHECK(change->add[0].id == e);
  CHECK_FALSE(work.has_pending_change(*db, t));

  Id ms = work.insert_milestone(*db, t, "完成调研", "2026-05-31T15:59:59Z", std::nullopt, kNow);
  CHECK(work.set_milestone_done(*db, ms, 1, kNow));
  CHECK_FALSE(work.set_milestone_done(*db, ms, 1, std::nullopt));
  CHECK(work.milestones(*db, t)[0].done_at == kNow);

  work.insert_message(*db, {0, t, std::nullopt, "王协调", "请按期提交", files.find(*db, f), kNow});
  auto messages = work.messages(*db, t);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].file->id == f);

  work.insert_acceptance(*db, {0, t, "revise", "请补充数据", std::nullopt, std::nullopt, kNow});
  CHECK(topics.find(*db, t)->acceptance_verdict == "revise");
}

TEST_CASE("member departments have unique names; suggestions record their decision once", "[topics][store]") {
  auto db = migrated_connection();
  DepartmentStore departments;
  Id d = departments.insert(*db, {0, "市科学技术委员会", "市科委", 1, true, 0}, kNow);
  CHECK_THROWS_AS(departments.insert(*db, {0, "市科学技术委员会", "", 2, true, 0}, kNow), Error);
  auto dep = departments.find(*db, d);
  dep->active = false;
  CHECK(departments.update(*db, *dep, kNow));
  CHECK(departments.list(*db, true).empty());
  CHECK(departments.list(*db, false).size() == 1);

  SuggestionStore suggestions;
  Id e = add_expert(*db, "李娜");
  Id s = suggestions.insert(*db, e, "关于设立城市更新基金的研究", "理由", kNow);
  CHECK(suggestions.list(*db, SuggestionStatus::pending, std::nullopt).size() == 1);
  CHECK(suggestions.decide(*db, s, 1, SuggestionStatus::declined, "已有类似课题", std::nullopt, std::nullopt, kNow));
  CHECK_FALSE(suggestions.decide(*db, s, 1, SuggestionStatus::adopted, std::nullopt, std::nullopt, std::nullopt, kNow));
  CHECK(suggestions.find(*db, s)->status == SuggestionStatus::declined);
  CHECK(suggestions.list(*db, std::nullopt, e).size() == 1);
}

TEST_CASE("the call list filters by the status at the time given", "[topics][store][calls]") {
  auto db = migrated_connection();
  CallStore store;
  CallDetails d;
  d.theme = "城市更新";
  d.opens_at = "2026-03-01T00:00:00Z";
  d.closes_at = "2026-03-31T16:00:00Z";
  Id open = store.insert(*db, d, std::nullopt, kNow);
  store.set_stage(*db, open, CallStage::published, kNow);
  d.theme = "草稿";
  Id draft = store.insert(*db, d, std::nullopt, kNow);
  d.theme = "已结束";
  d.opens_at = "2026-01-01T00:00:00Z";
  d.closes_at = "2026-02-01T00:00:00Z";
  Id past = store.insert(*db, d, std::nullopt, kNow);
  store.set_stage(*db, past, CallStage::published, kNow);

  auto ids = [&](CallQuery q, char const* now) {
    std::vector<Id> out;
    for (auto const& k : store.list(*db, q, now).first) out.push_back(k.id);
    return out;
  };
  using V = std::vector<Id>;
  CallQuery q;
  CHECK(ids(q, "2026-03-10T00:00:00Z") == V{open, past});
  q.include_drafts = true;
  CHECK(ids(q, "2026-03-10T00:00:00Z") == V{draft, open, past});
  q.status = CallStatus::open;
  CHECK(ids(q, "2026-03-10T00:00:00Z") == V{open});
  CHECK(ids(q, "2026-03-31T16:00:00Z").empty());
  q.status = CallStatus::scheduled;
  CHECK(ids(q, "2026-02-28T23:59:59Z") == V{open});
  q.status = CallStatus::closed;
  CHECK(ids(q, "2026-03-31T16:00:00Z") == V{open, past});
  auto k = store.find(*db, open);
  REQUIRE(k);
  CHECK(k->details.limits == CallLimits{});
  CHECK(k->submission_count == 0);
  CHECK(store.update(*db, open, k->version, k->details, kNow));
  CHECK_FALSE(store.update(*db, open, k->version, k->details, kNow));
}
