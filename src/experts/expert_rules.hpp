// Pure rules of an expert profile: what a valid profile is, how contact data is normalised
// for duplicate detection, and when a profile is stale. Shared by the API, the public
// application form and the import, so all three accept exactly the same data.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"
#include "experts/expert.hpp"

namespace zhiku {

inline constexpr size_t kMaxKeywords = 30;
inline constexpr size_t kMaxKeywordChars = 50;
inline constexpr size_t kMaxFieldsPerExpert = 20;
inline constexpr size_t kMaxPoolsPerExpert = 10;
inline constexpr size_t kMaxEmployment = 50;
inline constexpr size_t kMaxBioChars = 4000;
inline constexpr int kStaleYears = 2;
inline constexpr size_t kMaxQueryTextChars = 200;  // each text filter of the list and export
inline constexpr size_t kMaxNoteChars = 1000;      // the note of a transition (审核意见, 原因)

// Every problem with the list's filters (texts longer than kMaxQueryTextChars), each naming its
// query parameter. Pure.
std::vector<FieldError> validate_query(ExpertQuery const& q);

// Every problem with `p`, each naming the API field ("employment[1].from"). Also checks the
// year of birth against `current_year`. Pure.
std::vector<FieldError> validate_profile(ExpertProfile const& p, int current_year);

// Trims, drops empty and duplicate keywords, keeps order. Pure.
std::vector<std::string> clean_keywords(std::vector<std::string> const& in);
// Splits a list typed by people: separators ; ； , ， 、 and line breaks. Pure.
std::vector<std::string> split_list(std::string_view text);
// The keywords as stored (joined by '、'), and back.
std::string join_keywords(std::vector<std::string> const& keywords);
std::vector<std::string> split_keywords(std::string_view stored);

// "YYYY-MM" or a valid "YYYY-MM-DD".
bool is_month_or_date(std::string_view s);
// Lower-cased e-mail address, or nullopt when it does not look like one.
std::optional<std::string> normalize_email(std::string_view email);
// Digits only, with a leading '+' country code kept except China's (+86 / 0086), or nullopt
// when fewer than 5 or more than 20 digits remain or other characters appear.
std::optional<std::string> normalize_phone(std::string_view phone);

// The instant before which an unconfirmed profile is stale: `now_iso` minus kStaleYears years.
std::string stale_cutoff(std::string const& now_iso);
// Whether a profile confirmed (or, never confirmed, created) at `since` is stale at `now_iso`.
bool is_stale(std::string const& since, std::string const& now_iso);

}  // namespace zhiku
