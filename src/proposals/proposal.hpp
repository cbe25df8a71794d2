// Proposals' plain data (建议 / 调研报告 / 课题成果): kinds, statuses, actions, sensitivity labels,
// the editable content, frozen versions, attachments and the list query. No I/O, no JSON, no SQL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"

namespace zhiku {

enum class ProposalKind { suggestion, report, deliverable };  // 对策建议 / 调研报告 / 课题成果

// SPEC "Proposals": draft → submitted → screening → returned → submitted … or → accepted →
// under_review → reviewed → decided; withdrawn (by the authors, before review starts) can be
// reopened as a draft. Nothing submitted is ever deleted: a withdrawn proposal keeps its versions.
enum class ProposalStatus { draft, submitted, screening, returned, accepted, under_review, reviewed, decided, withdrawn };

// `send_back` is the action SPEC and the API call "return" (形式审查退回修改).
enum class ProposalAction {
  submit,
  withdraw,
  reopen,
  start_screening,
  accept,
  send_back,
  start_review,
  finish_review,
  decide,
};

// 公开 / 内部 / 限制. Restricted proposals stay out of exports and broad search for everyone but
// their authors, coordinators and leaders. (`open` because `public` is a keyword.)
enum class Sensitivity { open, internal, restricted };

inline constexpr ProposalKind kAllProposalKinds[] = {ProposalKind::suggestion, ProposalKind::report,
                                                     ProposalKind::deliverable};
inline constexpr ProposalStatus kAllProposalStatuses[] = {
    ProposalStatus::draft,        ProposalStatus::submitted, ProposalStatus::screening,
    ProposalStatus::returned,     ProposalStatus::accepted,  ProposalStatus::under_review,
    ProposalStatus::reviewed,     ProposalStatus::decided,   ProposalStatus::withdrawn};
inline constexpr ProposalAction kAllProposalActions[] = {
    ProposalAction::submit,       ProposalAction::withdraw,      ProposalAction::reopen,
    ProposalAction::start_screening, ProposalAction::accept,     ProposalAction::send_back,
    ProposalAction::start_review, ProposalAction::finish_review, ProposalAction::decide};
inline constexpr Sensitivity kAllSensitivities[] = {Sensitivity::open, Sensitivity::internal, Sensitivity::restricted};

std::string_view to_string(ProposalKind k);
std::string_view to_string(ProposalStatus s);
std::string_view to_string(ProposalAction a);
std::string_view to_string(Sensitivity s);
std::optional<ProposalKind> proposal_kind_from_string(std::string_view s);
std::optional<ProposalStatus> proposal_status_from_string(std::string_view s);
std::optional<ProposalAction> proposal_action_from_string(std::string_view s);
std::optional<Sensitivity> sensitivity_from_string(std::string_view s);

// The names the web UI shows (web/src/locales/zh-CN), for messages users see.
std::string_view label_of(ProposalKind k);
std::string_view label_of(ProposalStatus s);
std::string_view label_of(ProposalAction a);
std::string_view label_of(Sensitivity s);

// True while the authors may change the working copy (draft, returned after screening).
bool is_editable(ProposalStatus s);

// What an author writes: everything a version freezes besides the attachments.
struct ProposalContent {
  ProposalKind kind = ProposalKind::suggestion;
  std::string title;
  std::string summary;
  std::string body;  // Markdown
  std::vector<std::string> keywords;
  std::vector<Id> field_ids;
  std::vector<Id> author_ids;  // experts, in order; the first is the corresponding author
  std::optional<Id> call_id;   // the call for suggestions it answers
  std::optional<Id> topic_id;  // the topic it delivers
  Sensitivity sensitivity = Sensitivity::internal;
  friend bool operator==(ProposalContent const&, ProposalContent const&) = default;
};

// A file attached to the working copy or frozen with a version. The bytes live in the
// attachment store under their SHA-256.
struct Attachment {
  Id id = 0;  // the working copy's attachment id (0 in a version's list)
  std::string filename;
  std::string content_type;  // as detected from the bytes, never as the client claimed
  std::int64_t size = 0;
  std::string sha256;
  std::string created_at;
  friend bool operator==(Attachment const&, Attachment const&) = default;
};

// A field of the taxonomy with its name.
struct ProposalField {
  Id id = 0;
  std::string name;
};

// An author as lists and the detail show them (an expert of the pool).
struct ProposalAuthor {
  Id expert_id = 0;
  std::string name;
  std::string organization;
  std::optional<Id> user_id;  // their account, when they have one
};

// One frozen submission. Immutable in the schema (triggers refuse UPDATE and DELETE).
struct ProposalVersion {
  Id proposal_id = 0;
  std::int64_t number = 0;
  std::string created_at;
  std::optional<Id> created_by;  // user
  std::string content;           // the canonical JSON (proposal_content.hpp)
  std::string sha256;            // of `content`
  std::int64_t body_chars = 0;
};

// A step in a proposal's history as its authors see it (submitted, returned with a reason …).
struct ProposalEvent {
  Id id = 0;
  std::string at;
  std::optional<Id> actor_id;
  std::string actor_name;
  ProposalAction action = ProposalAction::submit;
  ProposalStatus from = ProposalStatus::draft;
  ProposalStatus to = ProposalStatus::draft;
  std::string note;
  std::optional<std::int64_t> version_number;
};

struct Proposal {
  Id id = 0;
  std::int64_t version = 0;  // edit counter of the working copy (optimistic concurrency, ETag)
  ProposalStatus status = ProposalStatus::draft;
  std::optional<std::string> status_note;  // the last return's or withdrawal's reason
  ProposalContent content;
  std::int64_t body_chars = 0;
  std::int64_t current_version = 0;  // number of the last frozen version; 0 before the first submit
  std::optional<Id> created_by;      // user
  std::optional<std::string> first_submitted_at;
  std::optional<std::string> submitted_at;
  std::string created_at;
  std::string updated_at;
  std::vector<ProposalAuthor> authors;  // content.author_ids with names, in order
  std::vector<ProposalField> fields;
  std::vector<Attachment> attachments;
};

enum class ProposalSort { relevance, submitted_at, submitted_at_desc, updated_at, updated_at_desc, created_at,
                          created_at_desc };
std::optional<ProposalSort> proposal_sort_from_string(std::string_view s);

// Which proposals a list covers: the caller's own (as an author, drafts included), or every
// proposal the caller may see.
enum class ProposalScope { mine, all };

// Filters of the proposal list. Empty optionals do not filter.
struct ProposalQuery {
  ProposalScope scope = ProposalScope::all;
  std::optional<std::string> q;  // full-text search (user input)
  std::optional<ProposalKind> kind;
  std::vector<ProposalStatus> statuses;  // any of these
  std::optional<Id> field_id;            // includes descendants
  std::optional<Id> call_id;
  std::optional<Id> topic_id;
  std::optional<int> year;  // of the first submission (of creation for drafts)
  std::optional<Sensitivity> sensitivity;
  std::optional<ProposalSort> sort;  // default: relevance with q, else -submitted_at
  int offset = 0;
  int limit = 20;
  bool facets = false;
};

// How many proposals each choice of a filter would find, the other filters applied as they are.
struct ProposalFacets {
  std::map<std::string, std::int64_t> status;
  std::map<std::string, std::int64_t> kind;
  std::map<std::string, std::int64_t> sensitivity;
  std::map<int, std::int64_t> year;
};

}  // namespace zhiku
