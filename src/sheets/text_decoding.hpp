// Bytes of a text file in whatever encoding Chinese Windows, Excel or WPS wrote them → UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zhiku::sheets {

// The file's text as UTF-8 without BOM. A BOM decides (UTF-8, UTF-16LE, UTF-16BE); otherwise
// valid UTF-8 is UTF-8 and anything else is decoded as GB18030 (which covers GBK, the "ANSI" of
// Chinese Windows), then as CP936 (which also maps 0x80, €). Throws Error{invalid_argument}
// with a Chinese message naming the line of the first byte no encoding explains; throws
// std::runtime_error when iconv lacks a charset. Thread-safe.
std::string decode_text(std::string_view bytes);

// The 1-based line that byte `offset` of `bytes` stands on.
int line_of_offset(std::string_view bytes, std::size_t offset);

}  // namespace zhiku::sheets
