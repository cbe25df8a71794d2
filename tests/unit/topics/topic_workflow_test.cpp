// The topic workflow table: every status × action × standing, against SPEC's drawing restated
// here independently of the implementation.
#include "topics/topic_workflow.hpp"

#include <map>

#include <catch2/catch.hpp>

#include "support/chinese_text.hpp"

using namespace zhiku;
using test::has_cjk;
using topic_workflow::Standing;
using topic_workflow::Standings;

namespace {

struct Row {
  TopicStatus from;
  TopicAction action;
  TopicStatus to;
  Standings who;
  bool needs_reason;
};

// SPEC "Research topics": draft → published → assigned (direct commission accepted, or chosen
// from the applications) → in_progress → midterm_review → in_progress → delivered → concluded or
// back to in_progress for rework; cancelled from any open state.
std::vector<Row> const& spec() {
  using S = TopicStatus;
  using A = TopicAction;
  Standings const office{Standing::coordinator};
  static std::vector<Row> const rows = {
      {S::draft, A::publish, S::published, office, false},
      {S::published, A::commission, S::published, office, false},
      {S::published, A::withdraw_commission, S::published, office, true},
      {S::published, A::accept_commission, S::assigned, {Standing::commissionee}, false},
      {S::published, A::decline_commission, S::published, {Standing::commissionee}, true},
      {S::published, A::assign, S::assigned, office, false},
      {S::assigned, A::start, S::in_progress, {Standing::coordinator, Standing::lead}, false},
      {S::in_progress, A::begin_midterm, S::midterm_review, office, false},
      {S::midterm_review, A::pass_midterm, S::in_progress, office, false},
      {S::midterm_review, A::rectify_midterm, S::in_progress, office, true},
      {S::in_progress, A::deliver, S::delivered, {Standing::coordinator, Standing::system}, false},
      {S::delivered, A::pass_acceptance, S::concluded, office, false},
      {S::delivered, A::request_rework, S::in_progress, office, true},
      {S::delivered, A::fail_acceptance, S::concluded, office, true},
      {S::draft, A::cancel, S::cancelled, office, true},
      {S::published, A::cancel, S::cancelled, office, true},
      {S::assigned, A::cancel, S::cancelled, office, true},
      {S::in_progress, A::cancel, S::cancelled, office, true},
      {S::midterm_review, A::cancel, S::cancelled, office, true},
      {S::delivered, A::cancel, S::cancelled, office, true},
  };
  return rows;
}

std::optional<Row> spec_row(TopicStatus s, TopicAction a) {
  for (auto const& r : spec())
    if (r.from == s && r.action == a) return r;
  return std::nullopt;
}

constexpr Standing kEveryStanding[] = {Standing::coordinator, Standing::lead, Standing::member, Standing::commissionee,
                                       Standing::system};

char const* name_of(Standing s) {
  switch (s) {
    case Standing::coordinator:
      return "coordinator";
    case Standing::lead:
      return "lead";
    case Standing::member:
      return "member";
    case Standing::commissionee:
      return "commissionee";
    case Standing::system:
      return "system";
  }
  return "";
}

}  // namespace

TEST_CASE("the topic workflow allows exactly SPEC's transitions, each to the standings it names",
          "[topics][workflow]") {
  for (TopicStatus status : kAllTopicStatuses) {
    for (TopicAction action : kAllTopicActions) {
      auto row = spec_row(status, action);
      for (Standing standing : kEveryStanding) {
        INFO(to_string(status) << " --" << to_string(action) << "--> as " << name_of(standing));
        Standings who{standing};
        auto denial = topic_workflow::why_not(status, action, who);
        if (!row) {
          REQUIRE(denial);
          CHECK(denial->code == Errc::conflict);
          CHECK(has_cjk(denial->reason));
          CHECK_FALSE(topic_workflow::find(status, action));
          continue;
        }
        if (row->who.has(standing)) {
          CHECK_FALSE(denial);
          auto t = topic_workflow::find(status, action);
          REQUIRE(t);
          CHECK(t->to == row->to);
          CHECK(t->needs_reason == row->needs_reason);
        } else {
          REQUIRE(denial);
          CHECK(denial->code == Errc::forbidden);
          CHECK(has_cjk(denial->reason));
        }
      }
    }
  }
  CHECK(topic_workflow::transitions().size() == spec().size());
}

TEST_CASE("concluded and cancelled topics allow nothing; every other status can be cancelled", "[topics][workflow]") {
  Standings everyone{Standing::coordinator, Standing::lead, Standing::member, Standing::commissionee, Standing::system};
  for (TopicStatus status : kAllTopicStatuses) {
    INFO(to_string(status));
    auto actions = topic_workflow::allowed_actions(status, everyone);
    if (!is_open(status)) {
      CHECK(actions.empty());
    } else {
      CHECK(std::find(actions.begin(), actions.end(), TopicAction::cancel) != actions.end());
    }
  }
}

TEST_CASE("a refusal from the current status lists what the caller may do instead", "[topics][workflow]") {
  SECTION("a coordinator trying to start a published topic hears of its published actions") {
    auto d = topic_workflow::why_not(TopicStatus::published, TopicAction::start, {Standing::coordinator});
    REQUIRE(d);
    CHECK(d->code == Errc::conflict);
    CHECK(d->reason == "课题当前状态为「已发布」，不能「开始研究」");
    CHECK(d->allowed == std::vector<std::string>{"commission", "withdraw_commission", "assign", "cancel"});
  }
  SECTION("a commissioned expert may only answer the commission") {
    auto d = topic_workflow::why_not(TopicStatus::published, TopicAction::assign, {Standing::commissionee});
    REQUIRE(d);
    CHECK(d->code == Errc::forbidden);
    CHECK(d->reason == "只有协调员可以「立项」");
    CHECK(d->allowed == std::vector<std::string>{"accept_commission", "decline_commission"});
  }
  SECTION("the lead is told who may deliver") {
    auto d = topic_workflow::why_not(TopicStatus::in_progress, TopicAction::deliver, {Standing::lead});
    REQUIRE(d);
    CHECK(d->code == Errc::forbidden);
    CHECK(d->reason == "只有协调员可以「提交结题」");
  }
  SECTION("a member may do nothing at all") {
    for (TopicStatus status : kAllTopicStatuses)
      CHECK(topic_workflow::allowed_actions(status, {Standing::member}).empty());
  }
}

TEST_CASE("check throws the denial as an Error and asks for a reason where the table needs one", "[topics][workflow]") {
  SECTION("a transition not allowed now is a conflict carrying the allowed actions") {
    try {
      topic_workflow::check(TopicStatus::concluded, TopicAction::cancel, {Standing::coordinator}, "理由");
      FAIL("no error");
    } catch (Error const& e) {
      CHECK(e.code() == Errc::conflict);
      CHECK(e.allowed().empty());
    }
  }
  SECTION("declining a commission without a reason names the note") {
    try {
      topic_workflow::check(TopicStatus::published, TopicAction::decline_commission, {Standing::commissionee}, "");
      FAIL("no error");
    } catch (Error const& e) {
      CHECK(e.code() == Errc::invalid_argument);
      REQUIRE(e.errors().size() == 1);
      CHECK(e.errors()[0].field == "note");
      CHECK(has_cjk(e.errors()[0].message));
    }
  }
  SECTION("with a reason it returns the transition") {
    auto t = topic_workflow::check(TopicStatus::published, TopicAction::decline_commission, {Standing::commissionee},
                                   "时间冲突");
    CHECK(t.to == TopicStatus::published);
  }
}

TEST_CASE("every status and action has a name and a Chinese label, and names parse back", "[topics][workflow]") {
  std::map<std::string, int> seen;
  for (TopicStatus s : kAllTopicStatuses) {
    CHECK(topic_status_from_string(to_string(s)) == s);
    CHECK(has_cjk(topic_workflow::label_of(s)));
    ++seen[std::string(to_string(s))];
  }
  for (TopicAction a : kAllTopicActions) {
    CHECK(topic_action_from_string(to_string(a)) == a);
    CHECK(has_cjk(topic_workflow::label_of(a)));
    ++seen[std::string(to_string(a))];
  }
  for (auto const& [name, count] : seen) CHECK(count == 1);
  CHECK_FALSE(topic_status_from_string("open"));
  CHECK_FALSE(topic_action_from_string(""));
}
