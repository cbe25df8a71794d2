// Receipt numbers of public applications.
#include "experts/application_receipt.hpp"

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace zhiku {

std::string new_receipt() {
  std::string code = random_code(kReceiptLength, kReceiptAlphabet);
  return code.substr(0, 4) + "-" + code.substr(4);
}

std::optional<std::string> normalized_receipt(std::string_view typed) {
  std::string out;
  std::size_t i = 0;
  while (i < typed.size()) {
    std::size_t const n = utf8_sequence_length(typed, i);
    if (n == 0) return std::nullopt;
    char32_t ch = code_point_at(typed, i);
    i += n;
    if (ch >= 0xFF01 && ch <= 0xFF5E) ch -= 0xFEE0;  // full-width ASCII
    if (ch == ' ' || ch == '-' || ch == 0x3000 || ch == 0x2010 || ch == 0x2013 || ch == 0x2014) continue;
    if (ch >= 'a' && ch <= 'z') ch -= U'a' - U'A';
    if (ch > 0x7F || kReceiptAlphabet.find(static_cast<char>(ch)) == std::string_view::npos) return std::nullopt;
    out.push_back(static_cast<char>(ch));
    if (out.size() > kReceiptLength) return std::nullopt;
  }
  if (out.size() != kReceiptLength) return std::nullopt;
  return out;
}

std::string receipt_hash(std::string_view typed) {
  if (auto code = normalized_receipt(typed)) return sha256_hex(*code);
  return sha256_hex(typed);
}

}  // namespace zhiku
