// Reviewer assignments of a round: the reviewers a round may use (its pool, with their loads),
// the assignments (tentative until released; then accepted, declined or submitted), and the
// automatic plan the coordinator previews before applying it. No I/O, no JSON, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"

namespace zhiku {

// tentative: invisible to the reviewer; released: offered; accepted / declined by the reviewer;
// submitted: the review is in.
enum class AssignmentStatus { tentative, released, accepted, declined, submitted };
// What a reviewer does with an offered assignment.
enum class AssignmentAction { accept, decline };

inline constexpr AssignmentStatus kAllAssignmentStatuses[] = {AssignmentStatus::tentative, AssignmentStatus::released,
                                                              AssignmentStatus::accepted, AssignmentStatus::declined,
                                                              AssignmentStatus::submitted};
inline constexpr AssignmentAction kAllAssignmentActions[] = {AssignmentAction::accept, AssignmentAction::decline};

std::string_view to_string(AssignmentStatus s);
std::string_view to_string(AssignmentAction a);
std::optional<AssignmentStatus> assignment_status_from_string(std::string_view s);
std::optional<AssignmentAction> assignment_action_from_string(std::string_view s);
std::string_view label_of(AssignmentStatus s);

struct Assignment {
  Id id = 0;
  Id round_id = 0;
  Id proposal_id = 0;
  Id expert_id = 0;
  AssignmentStatus status = AssignmentStatus::tentative;
  bool pinned = false;  // placed by hand (kept by every later plan)
  std::optional<double> match_score;
  std::string match_reasons;
  std::optional<std::string> decline_reason;
  std::optional<std::string> extended_until;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> review_status;  // draft | submitted; nullopt before a draft
  // Filled in by the service for lists.
  std::string proposal_title;
  std::string expert_name;
};

// A reviewer of a round's pool.
struct RoundReviewer {
  Id expert_id = 0;
  std::optional<int> max_load;  // nullopt: the round's
  std::string added_at;
  // Filled in by the service.
  std::string name;
  std::string organization;
  int effective_load = 0;  // max_load or the round's
  int load = 0;            // assignments now (declined ones left out)
};

// What the automatic assignment would do (or did).
struct PlannedPair {
  Id proposal_id = 0;
  Id expert_id = 0;
  int score = 0;          // expertise match, 0..1000
  std::string reason;     // "因关键词 城市更新、韧性 匹配"
  bool existing = false;  // already assigned (kept as a pin)
};

struct PlannedLoad {
  Id expert_id = 0;
  std::string name;
  int load = 0;
  int max_load = 0;
};

// A proposal whose best reviewer in the plan matches weakly (score below kWeakMatch).
struct WeakProposal {
  Id proposal_id = 0;
  std::string title;
  int best_score = 0;
};

inline constexpr int kWeakMatch = 200;

struct AssignmentPlanView {
  bool feasible = false;
  std::vector<std::string> reasons;  // why not, in Chinese, when infeasible
  std::string objective;             // "total" | "fair"
  std::vector<PlannedPair> pairs;
  std::vector<PlannedLoad> loads;
  std::vector<WeakProposal> weak;
  std::int64_t total_score = 0;
  double seconds = 0;
  int added = 0;  // new pairs (applied: written as tentative)
};

}  // namespace zhiku
