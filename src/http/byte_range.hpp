// The Range request header (RFC 9110 14.2) for file downloads: one byte range, or the whole file.
#pragma once

#include <cstdint>
#include <string_view>

namespace zhiku::http {

struct RangeAnswer {
  enum class Kind { whole, partial, unsatisfiable };
  Kind kind = Kind::whole;
  std::uint64_t first = 0;  // partial: the inclusive byte range to send
  std::uint64_t last = 0;
};

// What to send of a file of `size` bytes for the Range header `header` ("" when absent).
// "bytes=a-b", "bytes=a-" and "bytes=-n" give one range (clipped to the file); a first byte
// past the end, or a suffix of 0 bytes, is unsatisfiable (416); anything else — no header, a
// malformed one, another unit, several ranges — gets the whole file, as RFC 9110 allows.
RangeAnswer answer_range(std::string_view header, std::uint64_t size);

}  // namespace zhiku::http
