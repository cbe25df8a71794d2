// Encoding detection and conversion with iconv (glibc's, which knows GB18030 and CP936).
#include "sheets/text_decoding.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <utility>

#include <iconv.h>

#include "core/text.hpp"
#include "sheets/table_builder.hpp"

namespace zhiku::sheets {

int line_of_offset(std::string_view bytes, std::size_t offset) {
  return 1 + static_cast<int>(std::count(
                 bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(std::min(offset, bytes.size())), '\n'));
}

namespace {

// `in` converted from `charset` to UTF-8, or nullopt (with the offset of the first bad byte)
// when it is not valid in that charset.
std::optional<std::string> iconv_to_utf8(std::string_view in, char const* charset, std::size_t& bad_offset) {
  iconv_t cd = iconv_open("UTF-8", charset);
  if (cd == reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)))
    throw std::runtime_error(std::string("iconv cannot convert from ") + charset + ": " + std::strerror(errno));
  struct Closer {
    iconv_t cd;
    ~Closer() { iconv_close(cd); }
  } closer{cd};

  std::string out(in.size() + in.size() / 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());  // iconv's signature; it does not write the input
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  while (src_left > 0) {
    if (iconv(cd, &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) {
      std::size_t used = static_cast<std::size_t>(dst - out.data());
      out.resize(out.size() * 2);
      dst = out.data() + used;
      dst_left = out.size() - used;
      continue;
    }
    bad_offset = in.size() - src_left;  // EILSEQ, or EINVAL: a sequence cut off at the end
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(dst - out.data()));
  return out;
}

}  // namespace

std::string decode_text(std::string_view bytes) {
  std::size_t bad = 0;
  auto from_utf16 = [&](std::string_view body, char const* charset) {
    if (body.size() % 2 != 0) body.remove_suffix(1);  // a stray last byte cannot be a character
    auto text = iconv_to_utf8(body, charset, bad);
    if (!text)
      refuse(std::string("文件开头标明为 ") + charset + " 编码，但第 " + std::to_string(bad + 2) +
             " 字节无法按该编码解码，请另存为 UTF-8 CSV");
    return std::move(*text);
  };
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    if (!is_valid_utf8(bytes)) {
      std::size_t i = 0;
      while (i < bytes.size() && utf8_sequence_length(bytes, i) != 0) i += utf8_sequence_length(bytes, i);
      int line = line_of_offset(bytes, i);
      refuse("第 " + std::to_string(line) + " 行含有无效的 UTF-8 字符（文件开头标明为 UTF-8 编码）");
    }
    return std::string(bytes);
  }
  if (bytes.starts_with("\xFF\xFE")) return from_utf16(bytes.substr(2), "UTF-16LE");
  if (bytes.starts_with("\xFE\xFF")) return from_utf16(bytes.substr(2), "UTF-16BE");
  if (is_valid_utf8(bytes)) return std::string(bytes);
  if (auto text = iconv_to_utf8(bytes, "GB18030", bad)) return std::move(*text);
  std::size_t bad_gb18030 = bad;
  // CP936 also maps 0x80 (€), which GB18030 leaves undefined.
  if (auto text = iconv_to_utf8(bytes, "CP936", bad)) return std::move(*text);
  int line = line_of_offset(bytes, std::max(bad, bad_gb18030));
  refuse("无法识别文件编码：第 " + std::to_string(line) + " 行既不是 UTF-8 也不是 GB18030/GBK，请另存为 UTF-8 CSV");
}

}  // namespace zhiku::sheets
