// The wire form of an outbox e-mail: RFC 2047 subjects, the RFC 5322 date, the message layout.
#include <catch2/catch.hpp>

#include "core/text.hpp"
#include "integration/mail_helpers.hpp"
#include "mail/mail_message.hpp"

using namespace zhiku;

TEST_CASE("a plain ASCII subject is sent as it is", "[notifications][mail]") {
  CHECK(encode_header_words("Weekly digest") == "Weekly digest");
  CHECK(encode_header_words("two\r\nlines") == "two  lines");  // no header injection
}

TEST_CASE("a Chinese subject becomes UTF-8 encoded words of at most 75 characters, split between characters",
          "[notifications][mail]") {
  std::string const subject = "关于 2026 年度课题指南《城市更新与社区治理》申报截止的提醒：请于明日 18:00 前提交";
  std::string const encoded = encode_header_words(subject);
  std::string decoded;
  std::size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n ", start);
    std::string word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    CHECK(word.size() <= 75);
    REQUIRE(word.starts_with("=?UTF-8?B?"));
    REQUIRE(word.ends_with("?="));
    std::string const piece = test::decode_base64(word.substr(10, word.size() - 12));
    CHECK(is_valid_utf8(piece));  // each word holds whole characters
    decoded += piece;
    ++words;
    if (end == std::string::npos) break;
    start = end + 3;
  }
  CHECK(words > 1);
  CHECK(decoded == subject);
}

TEST_CASE("the message carries date, addresses, a stable Message-ID and a base64 UTF-8 body", "[notifications][mail]") {
  OutboxMessage m;
  m.id = 42;
  m.kind = "topic.deadline_7d";
  m.to_address = "li@example.cn";
  m.subject = "申报提醒";
  m.body = "第一行\n第二行";
  std::string const text = format_message(m, "noreply@zhiku.example.cn", "智库", rfc5322_date("2026-12-02T14:05:09Z"));
  CHECK(text.find("Date: Wed, 02 Dec 2026 14:05:09 +0000\r\n") != std::string::npos);
  CHECK(text.find("To: <li@example.cn>\r\n") != std::string::npos);
  CHECK(text.find("Message-ID: <outbox-42@zhiku.example.cn>\r\n") != std::string::npos);
  CHECK(text.find("From: =?UTF-8?B?") == text.find("From: "));
  test::ReceivedMail r;
  r.raw = text;
  CHECK(r.subject() == "申报提醒");
  CHECK(r.body() == "第一行\r\n第二行");
}

TEST_CASE("only plausible addresses are mailed", "[notifications][mail]") {
  CHECK(is_plausible_address("a.b@example.cn"));
  CHECK_FALSE(is_plausible_address(""));
  CHECK_FALSE(is_plausible_address("no-at-sign"));
  CHECK_FALSE(is_plausible_address("a@b@c"));
  CHECK_FALSE(is_plausible_address("a b@example.cn"));
  CHECK_FALSE(is_plausible_address("a@example.cn>\r\nRCPT TO:<x@y"));
}
