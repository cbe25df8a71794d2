// Use cases of reviewing: the reviewer reads the proposal as their round lets them (in a blind
// round nothing that identifies an author: no names, organisations, co-authors, attachments,
// version authorship or history), saves a draft of their review (with its version), and submits
// it before the deadline (theirs, when the coordinator extended it). Reviewers never see other
// reviews. The coordinator extends a reviewer's deadline. Every change is audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "experts/expert_service.hpp"
#include "notifications/notifier.hpp"
#include "proposals/proposal_service.hpp"
#include "reviews/assignment_service.hpp"
#include "reviews/assignment_store.hpp"
#include "reviews/review.hpp"
#include "reviews/review_store.hpp"
#include "reviews/round_store.hpp"
#include "storage/database.hpp"

namespace zhiku {

// The proposal as a reviewer reads it: its frozen content, and its authors only when the round
// is not blind.
struct ReviewerProposal {
  Id proposal_id = 0;
  std::string kind;  // suggestion | report | deliverable
  std::string title;
  std::string summary;
  std::string body;       // Markdown
  std::string body_html;  // rendered
  std::vector<std::string> keywords;
  std::vector<std::string> fields;  // names
  bool blind = true;
  std::vector<ProposalAuthor> authors;  // empty in a blind round
};

// What the reviewer's form needs: the rubric, the review so far, and whether (and why not) it
// may still change.
struct ReviewForm {
  MyAssignment assignment;
  Rubric rubric;
  std::optional<Review> review;
  std::optional<double> total;  // Σ weight × score once every score is given
  bool editable = false;
  std::string why_not;  // Chinese, when not editable
};

class ReviewService {
 public:
  ReviewService(storage::Database& db, AuditLog const& audit, Notifier const& notifier, ExpertService const& experts,
                ProposalService const& proposals, AssignmentService const& assignments, Clock const& clock);

  // Error::not_found unless the caller is the assigned reviewer of a released (or later)
  // assignment they have not declined.
  ReviewerProposal proposal(Actor const& actor, Id assignment_id) const;
  ReviewForm form(Actor const& actor, Id assignment_id) const;

  // Saves a draft (every given score within its range). `version` is required once a draft
  // exists (Error{precondition_failed} when stale, Error::invalid_field("version") when
  // missing). Error{conflict} saying why when the review may not change now: the round is not
  // reviewing, the assignment is not accepted, the review is submitted, or the deadline passed.
  ReviewForm save(Actor const& actor, Id assignment_id, std::optional<std::int64_t> version,
                  ReviewContent const& content);
  // Saves `content` when given (as save does), then submits: every score, the recommendation and
  // the confidence are needed (Error::invalid_fields listing each one missing).
  ReviewForm submit(Actor const& actor, Id assignment_id, std::optional<std::int64_t> version,
                    std::optional<ReviewContent> const& content);

  // The coordinator moves one reviewer's deadline to `until` (ISO 8601 UTC, after now).
  Assignment extend(Actor const& actor, Id round_id, Id assignment_id, std::string const& until);

 private:
  struct Mine;
  Mine load_mine(storage::Connection& c, Actor const& actor, Id assignment_id) const;
  std::optional<std::string> why_not_edit(Mine const& m, std::optional<Review> const& review) const;
  ReviewForm form_of(storage::Connection& c, Actor const& actor, Id assignment_id) const;
  void write_content(storage::Connection& c, Actor const& actor, Mine const& m, std::optional<std::int64_t> version,
                     ReviewContent const& content, std::string const& now) const;

  storage::Database& db_;
  AuditLog const& audit_;
  Notifier const& notifier_;
  ExpertService const& experts_;
  ProposalService const& proposals_;
  AssignmentService const& assignments_;
  Clock const& clock_;
  AssignmentStore assignment_store_;
  RoundStore round_store_;
  ReviewStore store_;
};

}  // namespace zhiku
