// SQL of proposals: the working copy (row, texts, authors, fields), the frozen versions with their
// attachment lists, the history the authors see, and the lists. Rows ↔ structs only: who may see
// or change what is ProposalService's business. Every function takes the caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "proposals/proposal.hpp"
#include "storage/connection.hpp"

namespace zhiku {

// Who is asking a list, as the list's visibility rule needs it (ProposalService fills it in).
struct ProposalViewer {
  std::optional<Id> expert_id;  // the caller's own expert profile: their proposals as an author
  bool coordinator = false;     // every proposal sent in
  bool leader = false;          // reviewed and decided ones
  bool admin = false;           // sent in, not restricted
};

// Another proposal whose text is very like this one's (proposal_similarity.hpp).
struct PossibleDuplicate {
  Id id = 0;
  std::string title;
  double similarity = 0;
};

// One row of a list or of the screening queue.
struct ProposalRow {
  Id id = 0;
  ProposalKind kind = ProposalKind::suggestion;
  ProposalStatus status = ProposalStatus::draft;
  Sensitivity sensitivity = Sensitivity::internal;
  std::string title;
  std::optional<Id> call_id;
  std::optional<Id> topic_id;
  std::int64_t body_chars = 0;
  std::int64_t current_version = 0;
  std::int64_t attachment_count = 0;
  std::optional<std::string> submitted_at;
  std::string created_at;
  std::string updated_at;
  std::vector<Id> author_ids;
  std::vector<PossibleDuplicate> duplicates;  // the screening queue's rows only
};

struct ProposalListFilter {
  bool mine = false;
  std::optional<ProposalKind> kind;
  std::vector<ProposalStatus> statuses;
  std::optional<Id> call_id;
  std::optional<Id> topic_id;
  std::optional<Sensitivity> sensitivity;
  std::vector<Id> field_ids;  // any of these (the service adds a field's descendants)
  std::optional<int> year;  // of the first submission (of creation for drafts)
  std::optional<std::string> match;  // an FTS5 query for proposals_fts (already quoted)
  bool oldest_first = false;        // by submission time (the screening queue)
  bool facets = false;              // count per status, kind, sensitivity and year too
  int offset = 0;
  int limit = 20;
};

class ProposalStore {
 public:
  // Inserts a draft with its texts, authors and fields. Returns its id.
  Id insert(storage::Connection& c, ProposalContent const& content, std::int64_t body_chars, std::optional<Id> created_by,
            std::string const& now) const;
  // Replaces the working copy when `version` is current; false when it is stale (nothing written).
  bool update(storage::Connection& c, Id id, std::int64_t version, ProposalContent const& content,
              std::int64_t body_chars, std::string const& now) const;

  // The working copy with its author and field ids and its attachments (names are the service's).
  std::optional<Proposal> find(storage::Connection& c, Id id) const;
  // Whether the expert is one of the proposal's authors.
  bool is_author(storage::Connection& c, Id id, Id expert_id) const;
  // The experts who wrote any proposal sent in (not a draft) together with `expert_id`.
  std::vector<Id> coauthors(storage::Connection& c, Id expert_id) const;

  // Moves the status (and the note the authors see). `submitted_at` is set when given.
  void set_status(storage::Connection& c, Id id, ProposalStatus to, std::optional<std::string> const& note,
                  std::string const& now) const;
  // Freezes version `v.number` with its attachment list and moves the proposal to `submitted`
  // with it as its current version, in the order the schema's triggers require.
  void freeze(storage::Connection& c, ProposalVersion const& v, std::vector<Attachment> const& attachments,
              std::string const& now) const;

  std::vector<ProposalVersion> versions(storage::Connection& c, Id id) const;  // without content
  std::optional<ProposalVersion> version(storage::Connection& c, Id id, std::int64_t number) const;

  void add_event(storage::Connection& c, Id id, ProposalEvent const& e) const;
  std::vector<ProposalEvent> events(storage::Connection& c, Id id) const;

  // ---- possible duplicates
  // Up to `limit` proposals best matching the FTS5 query `match` (any state; callers filter).
  std::vector<Id> search_ids(storage::Connection& c, std::string const& match, int limit) const;
  // The working copy's body of a proposal sent in (not a draft, not withdrawn), or nullopt.
  std::optional<std::string> sent_body(storage::Connection& c, Id id) const;
  void add_duplicate(storage::Connection& c, Id id, Id other, double similarity, std::string const& now) const;
  // Both directions of the pairs `id` is in, most similar first, each other proposal once.
  std::vector<PossibleDuplicate> duplicates(storage::Connection& c, Id id) const;

  // How many proposals `viewer` may see per status, kind, sensitivity and year, each with the
  // other filters of `f` applied.
  ProposalFacets facets(storage::Connection& c, ProposalViewer const& viewer, ProposalListFilter const& f) const;

  // One page of proposals `viewer` may see that match `f`, and the total.
  std::pair<std::vector<ProposalRow>, std::int64_t> list(storage::Connection& c, ProposalViewer const& viewer,
                                                        ProposalListFilter const& f) const;
};

}  // namespace zhiku
