// The server answers its health check and the basic HTTP conventions over loopback.
#include <catch2/catch.hpp>

#include "support/http_client.hpp"
#include "support/test_server.hpp"

using namespace zhiku::test;

TEST_CASE("health reports ok with the database reachable", "[integration][http]") {
  TestServer server;
  HttpClient client(server.port());
  auto r = client.get("/api/v1/health");
  REQUIRE(r.status == 200);
  auto j = r.json();
  CHECK(j["status"] == "ok");
  CHECK(j["database"] == "ok");
  CHECK(j["version"].is_string());
  CHECK(!r.header("x-request-id").empty());
  CHECK(r.header("x-content-type-options") == "nosniff");
}
