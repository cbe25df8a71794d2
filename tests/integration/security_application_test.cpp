// Issue 9 item 7 and issue 10 item 15: the public application form asks for consent and a solved
// proof of work, answers with a short receipt number (and nothing that counts applications), and
// the receipt is looked up in a POST body, throttled per client address.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "application_helpers.hpp"
#include "core/text.hpp"
#include "experts_helpers.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

Json applicant(std::string const& name, std::string const& email) {
  Json j = expert_body(name, "某研究院");
  j["email"] = email;
  return j;
}

std::vector<std::string> error_fields(HttpResponse const& r) {
  std::vector<std::string> out;
  Json const body = r.json();  // kept: a loop over a temporary's member would dangle
  for (auto const& e : body["errors"]) out.push_back(e["field"]);
  return out;
}

std::int64_t experts_count(TestServer& server) {
  return count_rows(server, "SELECT count(*) FROM experts WHERE id > ?", 0);
}

}  // namespace

TEST_CASE("an application needs the applicant's consent and a solved challenge", "[integration][security][applications]") {
  TestServer server;
  HttpClient anonymous(server.port());

  // Nothing ticked, nothing solved, no e-mail: every problem at once, by field.
  auto bare = anonymous.post("/api/v1/expert-applications", expert_body("周申请", "某研究院"));
  REQUIRE(bare.status == 400);
  auto fields = error_fields(bare);
  CHECK(std::count(fields.begin(), fields.end(), "consent") == 1);
  CHECK(std::count(fields.begin(), fields.end(), "challenge") == 1);
  CHECK(std::count(fields.begin(), fields.end(), "email") == 1);

  Json solved = solved_application(anonymous, applicant("周申请", "zhou@example.cn"));
  Json no_consent = solved;
  no_consent["consent"] = false;
  auto refused = anonymous.post("/api/v1/expert-applications", no_consent);
  REQUIRE(refused.status == 400);
  CHECK(error_fields(refused) == std::vector<std::string>{"consent"});

  Json wrong = solved;
  wrong["challenge"]["number"] = wrong["challenge"]["number"].get<std::int64_t>() + 1;
  auto unsolved = anonymous.post("/api/v1/expert-applications", wrong);
  REQUIRE(unsolved.status == 400);
  CHECK(error_fields(unsolved) == std::vector<std::string>{"challenge"});
  Json forged = solved;
  forged["challenge"]["signature"] = std::string(64, 'a');
  CHECK(anonymous.post("/api/v1/expert-applications", forged).status == 400);
  CHECK(experts_count(server) == 0);

  REQUIRE(anonymous.post("/api/v1/expert-applications", solved).status == 201);
  // An answer is spent once: a script cannot solve one challenge and post a thousand forms.
  Json replay = solved;
  replay["email"] = "zhou2@example.cn";
  auto again = anonymous.post("/api/v1/expert-applications", replay);
  REQUIRE(again.status == 400);
  CHECK(error_fields(again) == std::vector<std::string>{"challenge"});
  CHECK(experts_count(server) == 1);
  CHECK(count_rows(server, "SELECT count(*) FROM expert_applications WHERE consented_at IS NOT NULL AND id > ?", 0) ==
        1);
}

TEST_CASE("the receipt is a short number that says nothing about how many applications exist",
          "[integration][security][applications]") {
  TestServer server;
  HttpClient anonymous(server.port());
  std::regex const shape("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$");
  std::string first;
  for (int i = 0; i < 3; ++i) {
    auto r = apply_as_public(anonymous, applicant("吴申请" + std::to_string(i), "wu" + std::to_string(i) + "@example.cn"));
    REQUIRE(r.status == 201);
    Json j = r.json();
    CHECK_FALSE(j.contains("id"));
    CHECK(r.header("location").empty());
    std::string receipt = j["receipt"];
    INFO(receipt);
    CHECK(std::regex_match(receipt, shape));
    if (i == 0) first = receipt;
  }
  auto status = application_status(anonymous, first);
  REQUIRE(status.status == 200);
  CHECK(status.json()["name"] == "吴申请0");
  CHECK(status.json()["status"] == "pending");
  CHECK_FALSE(status.json().contains("id"));
  CHECK(status.header("cache-control") == "no-store");

  // As a person types it: lower case, no dash, spaces, full-width letters from a Chinese IME.
  std::string plain = first.substr(0, 4) + first.substr(5);
  std::string lower;
  for (char ch : plain) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  CHECK(application_status(anonymous, lower).status == 200);
  CHECK(application_status(anonymous, " " + first.substr(0, 4) + " " + first.substr(5) + " ").status == 200);
  std::string full_width;
  for (char ch : plain) {
    if (ch >= 'A' && ch <= 'Z') append_utf8(full_width, U'Ａ' + (ch - 'A'));
    else append_utf8(full_width, U'０' + (ch - '0'));
  }
  CHECK(application_status(anonymous, full_width).status == 200);

  // No route carries a receipt in its path (access logs would keep it).
  for (auto const& route : server.app().router().routes()) CHECK(route.pattern.find("receipt") == std::string::npos);
  CHECK(anonymous.get("/api/v1/expert-applications/" + first).status != 200);
}

TEST_CASE("receipt lookups are throttled per client address, parallel ones too", "[integration][security][applications]") {
  TestServer server([](AppConfig& c) { c.auth.receipt_lookup_max_failures = 3; });
  HttpClient anonymous(server.port());
  auto r = apply_as_public(anonymous, applicant("郑申请", "zheng@example.cn"));
  REQUIRE(r.status == 201);
  std::string receipt = r.json()["receipt"];
  for (int i = 0; i < 5; ++i) CHECK(application_status(anonymous, receipt).status == 200);  // hits cost nothing

  std::atomic<int> missing{0}, limited{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&, i] {
      HttpClient c(server.port());
      auto s = application_status(c, "ZZZZ-ZZ" + std::string(1, "23456789"[i % 8]) + std::string(1, "ABCDEFGHJK"[i % 10]));
      if (s.status == 404) ++missing;
      else if (s.status == 429) ++limited;
      else ++other;
    });
  for (auto& t : threads) t.join();
  CHECK(missing == 3);
  CHECK(limited == 17);
  CHECK(other == 0);
  auto locked = application_status(anonymous, receipt);  // the right one waits too now
  CHECK(locked.status == 429);
  CHECK(!locked.header("retry-after").empty());
  CHECK(std::stoi(locked.header("retry-after")) > 0);
}
