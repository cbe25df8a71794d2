// Names of the proposal enums: API strings and the labels users see.
#include "proposals/proposal.hpp"

#include <array>
#include <utility>

namespace zhiku {

namespace {

// One row per enumerator: its API name and its Chinese label, in enum order.
template <class E, std::size_t N>
using Names = std::array<std::pair<std::string_view, std::string_view>, N>;

constexpr Names<ProposalKind, 3> kKindNames = {{
    {"suggestion", "对策建议"},
    {"report", "调研报告"},
    {"deliverable", "课题成果"},
}};

constexpr Names<ProposalStatus, 9> kStatusNames = {{
    {"draft", "草稿"},
    {"submitted", "已提交"},
    {"screening", "形式审查中"},
    {"returned", "退回修改"},
    {"accepted", "已受理"},
    {"under_review", "评审中"},
    {"reviewed", "已评审"},
    {"decided", "已决策"},
    {"withdrawn", "已撤回"},
}};

constexpr Names<ProposalAction, 9> kActionNames = {{
    {"submit", "提交"},
    {"withdraw", "撤回"},
    {"reopen", "重新编辑"},
    {"start_screening", "开始形式审查"},
    {"accept", "受理"},
    {"return", "退回修改"},
    {"start_review", "进入评审"},
    {"finish_review", "完成评审"},
    {"decide", "作出决策"},
}};

constexpr Names<Sensitivity, 3> kSensitivityNames = {{
    {"public", "公开"},
    {"internal", "内部"},
    {"restricted", "限制"},
}};

template <class E, std::size_t N>
std::string_view name_of(Names<E, N> const& names, E e) {
  auto const i = static_cast<std::size_t>(e);
  return i < N ? names[i].first : std::string_view();
}

template <class E, std::size_t N>
std::string_view label_in(Names<E, N> const& names, E e) {
  auto const i = static_cast<std::size_t>(e);
  return i < N ? names[i].second : std::string_view();
}

template <class E, std::size_t N>
std::optional<E> parse(Names<E, N> const& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i].first == s) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace

std::string_view to_string(ProposalKind k) { return name_of(kKindNames, k); }
std::string_view to_string(ProposalStatus s) { return name_of(kStatusNames, s); }
std::string_view to_string(ProposalAction a) { return name_of(kActionNames, a); }
std::string_view to_string(Sensitivity s) { return name_of(kSensitivityNames, s); }
std::optional<ProposalKind> proposal_kind_from_string(std::string_view s) { return parse<ProposalKind>(kKindNames, s); }
std::optional<ProposalStatus> proposal_status_from_string(std::string_view s) { return parse<ProposalStatus>(kStatusNames, s); }
std::optional<ProposalAction> proposal_action_from_string(std::string_view s) { return parse<ProposalAction>(kActionNames, s); }
std::optional<Sensitivity> sensitivity_from_string(std::string_view s) { return parse<Sensitivity>(kSensitivityNames, s); }

std::string_view label_of(ProposalKind k) { return label_in(kKindNames, k); }
std::string_view label_of(ProposalStatus s) { return label_in(kStatusNames, s); }
std::string_view label_of(ProposalAction a) { return label_in(kActionNames, a); }
std::string_view label_of(Sensitivity s) { return label_in(kSensitivityNames, s); }

bool is_editable(ProposalStatus s) { return s == ProposalStatus::draft || s == ProposalStatus::returned; }

std::optional<ProposalSort> proposal_sort_from_string(std::string_view s) {
  static constexpr std::pair<std::string_view, ProposalSort> kSorts[] = {
      {"relevance", ProposalSort::relevance},          {"submitted_at", ProposalSort::submitted_at},
      {"-submitted_at", ProposalSort::submitted_at_desc}, {"updated_at", ProposalSort::updated_at},
      {"-updated_at", ProposalSort::updated_at_desc},  {"created_at", ProposalSort::created_at},
      {"-created_at", ProposalSort::created_at_desc},
  };
  for (auto const& [name, sort] : kSorts)
    if (name == s) return sort;
  return std::nullopt;
}

}  // namespace zhiku
