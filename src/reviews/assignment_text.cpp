// Why no assignment plan exists, in the coordinator's words.
#include "reviews/assignment_text.hpp"

#include <string>

namespace zhiku {
namespace {

std::string title(std::vector<std::string> const& titles, int i) {
  return "「" + titles.at(static_cast<std::size_t>(i)) + "」";
}

// "「甲」、「乙」等 7 份" style lists: the first few names, then how many in all.
std::string listed(std::vector<int> const& items, std::vector<std::string> const& names, bool quote,
                   std::string const& unit) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < kMaxNamesListed; ++i) {
    std::string const& name = names.at(static_cast<std::size_t>(items[i]));
    out += (i == 0 ? "" : "、") + (quote ? "「" + name + "」" : name);
  }
  if (items.size() > kMaxNamesListed) out += "等 " + std::to_string(items.size()) + " " + unit;
  return out;
}

}  // namespace

std::vector<std::string> describe_infeasibility(matching::Infeasibility const& why,
                                                std::vector<std::string> const& proposal_titles,
                                                std::vector<std::string> const& reviewer_names) {
  std::vector<std::string> out;
  for (matching::Pair const& pin : why.pinned_forbidden) {
    out.push_back("已固定的分配 " + title(proposal_titles, pin.proposal) + " — " +
                  reviewer_names.at(static_cast<std::size_t>(pin.reviewer)) +
                  " 存在利益冲突：请取消固定，或记录豁免理由后再固定");
  }
  for (int p : why.overpinned_proposals) {
    out.push_back(title(proposal_titles, p) + " 已固定的评审专家多于所需人数：请取消部分固定");
  }
  for (int r : why.overpinned_reviewers) {
    out.push_back(reviewer_names.at(static_cast<std::size_t>(r)) + " 已固定的评审份数超过其最大评审量：请取消部分固定或提高其最大评审量");
  }
  for (matching::ProposalShortfall const& s : why.short_proposals) {
    out.push_back(title(proposal_titles, s.proposal) + " 还需 " + std::to_string(s.needed) +
                  " 位评审专家，但无利益冲突且仍有评审余量的专家只有 " + std::to_string(s.eligible) +
                  " 位：请扩大评审专家范围，或减少该建议的评审人数");
  }
  for (matching::CompetingGroup const& g : why.groups) {
    // A group that is one short proposal alone says nothing the line above has not.
    if (g.proposals.size() == 1 && g.reviewers.empty()) continue;
    std::string const shortfall = "最多只能提供 " + std::to_string(g.available) + " 个（缺 " +
                                  std::to_string(g.needed - g.available) + " 个）";
    std::string const who = g.reviewers.empty()
                                ? "但无利益冲突的专家"
                                : "但能评审它们的专家（" + listed(g.reviewers, reviewer_names, false, "位") + "）已满额，";
    out.push_back(listed(g.proposals, proposal_titles, true, "份建议") + " 共需 " + std::to_string(g.needed) +
                  " 个评审名额，" + who + shortfall);
  }
  if (why.slots_needed > why.load_available) {
    out.push_back("共需 " + std::to_string(why.slots_needed) + " 个评审名额，而专家的剩余评审量合计只有 " +
                  std::to_string(why.load_available) + " 个：缺 " +
                  std::to_string(why.slots_needed - why.load_available) + " 个");
  }
  if (why.extra_load_needed > 0) {
    std::string example;
    for (std::size_t i = 0; i < why.extra_load.size() && i < kMaxNamesListed; ++i) {
      example += (i == 0 ? "" : "、") + reviewer_names.at(static_cast<std::size_t>(why.extra_load[i].first)) + " +" +
                 std::to_string(why.extra_load[i].second);
    }
    if (why.extra_load.size() > kMaxNamesListed) example += " 等";
    out.push_back("至少需将专家的最大评审量合计提高 " + std::to_string(why.extra_load_needed) + "，例如：" + example);
  }
  return out;
}

}  // namespace zhiku
