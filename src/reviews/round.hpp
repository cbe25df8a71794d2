// Review rounds' plain data (评审批次): purposes, statuses, actions, the settings a coordinator
// sets (rubric, tiers, blind mode, k, loads, deadline, method), the proposals in a round, the
// conflicts found per reviewer × proposal and the overrides. No I/O, no JSON, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"
#include "reviews/ranking.hpp"
#include "reviews/rubric.hpp"

namespace zhiku {

// 优秀调研成果评选 / 课题遴选 / 建议评价.
enum class RoundPurpose { award_selection, topic_selection, suggestion_evaluation };

// SPEC "Review rounds": draft → assigning → reviewing → closed → finalized.
enum class RoundStatus { draft, assigning, reviewing, closed, finalized };

// start_assigning: draft → assigning; back_to_draft: assigning → draft; start_reviewing:
// assigning → reviewing; close: reviewing → closed (reviews freeze); reopen: closed → reviewing;
// finalize: closed → finalized (the ranking is frozen and released to the leadership).
enum class RoundAction { start_assigning, back_to_draft, start_reviewing, close, reopen, finalize };

inline constexpr RoundPurpose kAllRoundPurposes[] = {RoundPurpose::award_selection, RoundPurpose::topic_selection,
                                                     RoundPurpose::suggestion_evaluation};
inline constexpr RoundStatus kAllRoundStatuses[] = {RoundStatus::draft, RoundStatus::assigning, RoundStatus::reviewing,
                                                    RoundStatus::closed, RoundStatus::finalized};
inline constexpr RoundAction kAllRoundActions[] = {RoundAction::start_assigning, RoundAction::back_to_draft,
                                                   RoundAction::start_reviewing, RoundAction::close,
                                                   RoundAction::reopen,          RoundAction::finalize};

std::string_view to_string(RoundPurpose p);
std::string_view to_string(RoundStatus s);
std::string_view to_string(RoundAction a);
std::optional<RoundPurpose> round_purpose_from_string(std::string_view s);
std::optional<RoundStatus> round_status_from_string(std::string_view s);
std::optional<RoundAction> round_action_from_string(std::string_view s);
std::string_view label_of(RoundStatus s);
std::string_view label_of(RoundAction a);

inline constexpr std::size_t kMaxRoundNameChars = 100;
inline constexpr int kMaxReviewersPerProposal = 20;
inline constexpr int kMaxReviewerLoad = 500;

// Everything a coordinator sets on a round.
struct RoundSettings {
  std::string name;  // "2026年度优秀调研成果评选"
  RoundPurpose purpose = RoundPurpose::award_selection;
  Rubric rubric = default_rubric();
  AwardTiers tiers = default_award_tiers();
  bool blind = true;               // reviewers do not see authors
  int min_reviews = 3;             // valid reviews a proposal needs to be ranked
  int reviewers_per_proposal = 3;  // k
  int max_load = 10;               // proposals per reviewer at most
  std::optional<std::string> deadline;  // ISO 8601 UTC
  Aggregation method = Aggregation::mean;
  double disagreement_spread = 20;  // a spread of totals past it flags disagreement
  friend bool operator==(RoundSettings const&, RoundSettings const&) = default;
};

struct Round {
  Id id = 0;
  std::int64_t version = 0;
  RoundStatus status = RoundStatus::draft;
  RoundSettings settings;
  std::optional<Id> created_by;
  std::string created_at;
  std::string updated_at;
  std::int64_t proposal_count = 0;
};

// A proposal in a round, as the coordinator's list shows it.
struct RoundProposal {
  Id proposal_id = 0;
  std::string title;
  std::string status;  // the proposal's status
  std::vector<Id> author_ids;
  std::vector<std::string> author_names;
  std::string added_at;
};

// Which rule of SPEC "Review rounds" makes a reviewer conflicted with a proposal.
enum class ConflictRule { author, same_organization, coauthor, former_employment, declared };
std::string_view to_string(ConflictRule r);

struct ConflictHit {
  ConflictRule rule = ConflictRule::author;
  std::string detail;  // Chinese, names the author and the organisation: what the screen shows
};

// A coordinator's written decision that a conflict does not block the pair (audited, shown to
// the leadership next to the ranking).
struct ConflictOverride {
  Id round_id = 0;
  Id proposal_id = 0;
  Id expert_id = 0;
  std::string reason;
  std::optional<Id> created_by;
  std::string created_at;
};

// One reviewer × proposal pair with every rule that hit (empty: no conflict).
struct PairConflicts {
  Id proposal_id = 0;
  Id expert_id = 0;
  std::vector<ConflictHit> hits;
  std::optional<ConflictOverride> override_;
  bool blocks() const { return !hits.empty() && !override_; }
};

}  // namespace zhiku
