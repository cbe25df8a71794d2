// The canonical form of a proposal's content: what a version freezes and what its SHA-256 is of.
//
// Canonical text (format "zhiku.proposal/1"): one JSON object, keys sorted, no white space,
// UTF-8 as is (no \u escapes), integers as integers:
//   {"attachments":[{"content_type","filename","sha256","size"}…],   in the order listed
//    "authors":[{"expert_id","name","organization"}…],              in author order
//    "body","call_id"(null|n),"fields":[{"id","name"}…],"format":"zhiku.proposal/1",
//    "keywords":[…],"kind","sensitivity","summary","title","topic_id"(null|n)}
// Names of authors and fields are frozen as they were at submission, so a version reads as it was
// sent even after a profile or the taxonomy changes. Anyone can recompute the hash from the stored
// text: sha256_hex(canonical) (tests/unit/proposals/proposal_content_test.cpp pins one value).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "proposals/proposal.hpp"

namespace zhiku {

inline constexpr std::string_view kContentFormat = "zhiku.proposal/1";

// Everything one version holds.
struct FrozenContent {
  ProposalContent content;               // content.author_ids and field_ids in order
  std::vector<ProposalAuthor> authors;   // expert_id, name, organization (user_id unused)
  std::vector<ProposalField> fields;
  std::vector<Attachment> attachments;  // filename, content_type, size, sha256
};

// The canonical text. Pure; throws nothing but std::bad_alloc (text is valid UTF-8: the service
// only stores validated input).
std::string canonical_content(FrozenContent const& c);

// sha256_hex(canonical_content(c)).
std::string content_sha256(FrozenContent const& c);

// Reads a canonical text back. Throws std::runtime_error when it is not one.
FrozenContent parse_canonical_content(std::string_view text);

// Line endings as "\n" only, no trailing white space at the end of the text: what the service
// stores of every multi-line text, so that a version's hash does not depend on the browser.
std::string normalize_text(std::string_view text);

}  // namespace zhiku
