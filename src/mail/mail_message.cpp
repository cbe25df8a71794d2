#include "mail/mail_message.hpp"

#include <array>
#include <chrono>

#include "core/clock.hpp"

namespace zhiku {

namespace {

constexpr std::array<std::string_view, 5> kStatusNames = {"pending", "sending", "sent", "failed", "uncertain"};

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    auto const n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                   static_cast<unsigned char>(in[i + 2]);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += kBase64[n & 63];
  }
  if (i + 1 == in.size()) {
    auto const n = static_cast<unsigned char>(in[i]) << 16;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    auto const n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

bool is_plain_ascii(std::string_view s) {
  for (unsigned char ch : s)
    if (ch < 0x20 || ch > 0x7e) return false;
  return s.find("=?") == std::string_view::npos;
}

// Length of the UTF-8 sequence that starts with `lead`.
std::size_t utf8_width(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 1;
}

std::string crlf_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') out += "\r\n";
    else out += text[i];
  }
  return out;
}

std::string strip_line_breaks(std::string_view s) {
  std::string out;
  for (char ch : s) out += (ch == '\r' || ch == '\n') ? ' ' : ch;
  return out;
}

}  // namespace

std::string_view to_string(MailStatus s) { return kStatusNames[static_cast<std::size_t>(s)]; }

std::optional<MailStatus> mail_status_from(std::string_view s) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i)
    if (kStatusNames[i] == s) return static_cast<MailStatus>(i);
  return std::nullopt;
}

std::string encode_header_words(std::string_view text) {
  std::string const clean = strip_line_breaks(text);
  if (is_plain_ascii(clean)) return clean;
  // An encoded word is "=?UTF-8?B?" + base64 + "?=" ≤ 75 characters: 63 base64 characters at
  // most, i.e. 45 bytes of text (whole characters only).
  constexpr std::size_t kMaxBytes = 45;
  std::string out;
  std::size_t i = 0;
  while (i < clean.size()) {
    std::size_t end = i;
    while (end < clean.size()) {
      std::size_t const w = utf8_width(static_cast<unsigned char>(clean[end]));
      if (end + w - i > kMaxBytes) break;
      end += w;
    }
    if (end == i) end = std::min(clean.size(), i + 1);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(clean).substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string rfc5322_date(std::string const& iso) {
  auto t = parse_iso(iso).value_or(SysTime{});
  auto const days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{days};
  std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - days)};
  std::chrono::weekday wd{days};
  static constexpr char const* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr char const* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02ld:%02ld:%02ld +0000", kDays[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<long>(hms.hours().count()),
                static_cast<long>(hms.minutes().count()), static_cast<long>(hms.seconds().count()));
  return buf;
}

bool is_plausible_address(std::string_view a) {
  auto const at = a.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size()) return false;
  if (a.find('@', at + 1) != std::string_view::npos) return false;
  for (unsigned char ch : a)
    if (ch <= 0x20 || ch == '<' || ch == '>' || ch == ',' || ch == ';' || ch == 0x7f) return false;
  return true;
}

std::string format_message(OutboxMessage const& m, std::string const& from, std::string const& from_name,
                           std::string const& date_rfc5322) {
  auto const at = from.find('@');
  std::string const domain = at == std::string::npos ? "zhiku.local" : from.substr(at + 1);
  std::string out;
  out += "Date: " + date_rfc5322 + "\r\n";
  out += "From: " + (from_name.empty() ? "" : encode_header_words(from_name) + " ") + "<" + from + ">\r\n";
  out += "To: <" + m.to_address + ">\r\n";
  out += "Subject: " + encode_header_words(m.subject) + "\r\n";
  out += "Message-ID: <outbox-" + std::to_string(m.id) + "@" + domain + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "X-Zhiku-Kind: " + strip_line_breaks(m.kind) + "\r\n";
  out += "\r\n";
  std::string const encoded = base64(crlf_lines(m.body));
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

}  // namespace zhiku
