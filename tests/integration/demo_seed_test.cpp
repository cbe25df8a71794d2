// `zhiku demo seed`: every module's demo records, so each demo account lands on a working page.
// Each module's part is checked here as a user would meet it, through the real server.
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "app/demo/demo.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/process.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

constexpr char kPassword[] = "Demo-Test-Pass-2026";

// The demo accounts the seeders act as (scripts/start.sh creates them with these names).
void create_demo_accounts(TestServer& server) {
  create_user(server, "coord", RoleSet{Role::coordinator}, kPassword, "王协调");
  create_user(server, "alice", RoleSet{Role::expert}, kPassword, "李专家");
}

}  // namespace

TEST_CASE("After the demo seed the expert alice opens her own active profile", "[integration][demo]") {
  TestServer server;
  create_demo_accounts(server);
  auto lines = demo::seed(server.app().services());
  CHECK_FALSE(lines.empty());

  auto alice = sign_in(server, "alice", kPassword);
  auto me = alice.get("/api/v1/experts/me");
  REQUIRE(me.status == 200);
  auto body = me.json();
  CHECK(body["name"] == "李专家");
  CHECK(body["status"] == "active");
  CHECK(body["fields"].size() == 2);

  SECTION("a second run adds nothing") {
    CHECK(demo::seed(server.app().services()).empty());
    auto coord = sign_in(server, "coord", kPassword);
    auto list = coord.get("/api/v1/experts?q=" + std::string("%E6%9D%8E%E4%B8%93%E5%AE%B6"));  // 李专家
    REQUIRE(list.status == 200);
    CHECK(list.json()["total"] == 1);
  }
}

TEST_CASE("zhiku demo seed on a database without the demo accounts exits 0 and adds nothing",
          "[integration][demo][cli]") {
  TempDir dir;
  std::string db = dir.file("demo.db");
  std::string config = dir.file("empty.toml");
  { std::ofstream(config) << "# defaults only\n"; }
  REQUIRE(run_process({ZHIKU_BINARY, "--config", config, "migrate", "--db", db}).exit_code == 0);
  auto r = run_process({ZHIKU_BINARY, "--config", config, "demo", "seed", "--db", db});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
}
