// Every route the server registers is documented in schema/openapi.yaml, with its method.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "support/test_server.hpp"

using namespace zhiku::test;

TEST_CASE("every registered route appears in the OpenAPI document", "[integration][openapi]") {
  std::ifstream in(std::string(ZHIKU_FIXTURES_DIR) + "/../../schema/openapi.yaml");
  REQUIRE(in);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  TestServer server;
  for (auto const& route : server.app().router().routes()) {
    INFO(route.method << " " << route.pattern);
    auto at = std::find(lines.begin(), lines.end(), "  " + route.pattern + ":");
    REQUIRE(at != lines.end());
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
    bool found = false;
    for (auto it = at + 1; it != lines.end() && !(it->size() > 2 && (*it)[0] == ' ' && (*it)[1] == ' ' && (*it)[2] == '/');
         ++it)
      if (*it == "    " + method + ":") found = true;
    CHECK(found);
  }
}
