// The receipt number of a public application: short enough to write down from the screen or
// read over the phone (8 characters, shown as ABCD-EFGH), from an alphabet without the look-alikes
// 0/O, 1/I/L, and random, so that it says nothing about how many applications there are.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace zhiku {

// 31 characters: about 39.6 bits in 8 of them. Lookups are throttled per client address.
inline constexpr std::string_view kReceiptAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t kReceiptLength = 8;

// A new receipt number as shown: "ABCD-EFGH". Thread-safe.
std::string new_receipt();

// The receipt as typed, reduced to the 8 characters it stands for: letters in either case, also
// full-width ones from a Chinese input method, with spaces and dashes anywhere. Nullopt when what
// is left is not 8 characters of kReceiptAlphabet. Pure.
std::optional<std::string> normalized_receipt(std::string_view typed);

// What is stored of a receipt (its SHA-256): of the normalised number, or of the text as given
// when it is not one (the long receipts of applications made before receipt numbers). Pure.
std::string receipt_hash(std::string_view typed);

}  // namespace zhiku
