// The canonical content a version freezes, and its SHA-256: pinned so that a change to the format
// (which would make every stored hash unverifiable) cannot pass unnoticed.
#include "proposals/proposal_content.hpp"

#include <catch2/catch.hpp>

#include "core/crypto.hpp"

using namespace zhiku;

namespace {
FrozenContent sample() {
  FrozenContent f;
  auto& c = f.content;
  c.kind = ProposalKind::suggestion;
  c.title = "关于加快老旧小区改造的建议";
  c.summary = "摘要";
  c.body = "## 存在问题\n\n加装电梯难。\n\n## 对策建议\n\n1. 设立专项资金";
  c.keywords = {"城市更新", "老旧小区"};
  c.field_ids = {101, 7};
  c.author_ids = {3, 9};
  c.call_id = 12;
  c.sensitivity = Sensitivity::restricted;
  f.authors = {{3, "王伟", "同济大学", std::nullopt}, {9, "李娜", "复旦大学", std::nullopt}};
  f.fields = {{101, "城市规划"}, {7, "公共管理"}};
  Attachment a;
  a.filename = "附件一.pdf";
  a.content_type = "application/pdf";
  a.size = 1234;
  a.sha256 = std::string(64, 'c');
  f.attachments = {a};
  return f;
}
}  // namespace

TEST_CASE("the canonical content is sorted, compact UTF-8 JSON in a pinned format", "[proposals][content]") {
  std::string const expected =
      R"({"attachments":[{"content_type":"application/pdf","filename":"附件一.pdf","sha256":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","size":1234}],)"
      R"("authors":[{"expert_id":3,"name":"王伟","organization":"同济大学"},{"expert_id":9,"name":"李娜","organization":"复旦大学"}],)"
      R"("body":"## 存在问题\n\n加装电梯难。\n\n## 对策建议\n\n1. 设立专项资金","call_id":12,)"
      R"("fields":[{"id":101,"name":"城市规划"},{"id":7,"name":"公共管理"}],"format":"zhiku.proposal/1",)"
      R"("keywords":["城市更新","老旧小区"],"kind":"suggestion","sensitivity":"restricted","summary":"摘要",)"
      R"("title":"关于加快老旧小区改造的建议","topic_id":null})";
  CHECK(canonical_content(sample()) == expected);
  CHECK(content_sha256(sample()) == sha256_hex(expected));
}

TEST_CASE("a canonical text reads back to the same content", "[proposals][content]") {
  FrozenContent const f = sample();
  FrozenContent back = parse_canonical_content(canonical_content(f));
  CHECK(back.content == f.content);
  CHECK(back.attachments == f.attachments);
  REQUIRE(back.authors.size() == 2);
  CHECK(back.authors[1].name == "李娜");
  CHECK(back.fields[0].name == "城市规划");
  CHECK(canonical_content(back) == canonical_content(f));
  CHECK_THROWS(parse_canonical_content("{}"));
  CHECK_THROWS(parse_canonical_content("not json"));
}

TEST_CASE("any change to the content changes the hash", "[proposals][content]") {
  std::string const base = content_sha256(sample());
  auto changed = [&](auto edit) {
    FrozenContent f = sample();
    edit(f);
    return content_sha256(f) != base;
  };
  CHECK(changed([](FrozenContent& f) { f.content.body += "。"; }));
  CHECK(changed([](FrozenContent& f) { std::swap(f.authors[0], f.authors[1]); }));
  CHECK(changed([](FrozenContent& f) { f.attachments[0].sha256[0] = 'd'; }));
  CHECK(changed([](FrozenContent& f) { f.content.sensitivity = Sensitivity::internal; }));
  CHECK(changed([](FrozenContent& f) { f.content.call_id.reset(); }));
}

TEST_CASE("texts are stored with Unix line ends and no trailing blank", "[proposals][content]") {
  CHECK(normalize_text("甲\r\n乙\r丙\n\n  \n") == "甲\n乙\n丙");
  CHECK(normalize_text("  缩进保留") == "  缩进保留");
  CHECK(normalize_text("") == "");
}
