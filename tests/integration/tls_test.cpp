// With a certificate and key configured the server speaks HTTPS, and plain HTTP gets nothing.
#include <catch2/catch.hpp>

#include <cctype>

#include "support/process.hpp"
#include "support/test_server.hpp"

using namespace zhiku::test;

TEST_CASE("the server answers over TLS when a certificate and key are configured", "[integration][http][tls]") {
  TempDir certs;
  auto made = run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                           "-subj", "/CN=127.0.0.1", "-keyout", certs.file("key.pem"), "-out",
                           certs.file("cert.pem")});
  REQUIRE(made.exit_code == 0);
  TestServer server([&](zhiku::AppConfig& c) {
    c.http.tls_cert = certs.file("cert.pem");
    c.http.tls_key = certs.file("key.pem");
  });
  std::string base = "127.0.0.1:" + std::to_string(server.port());

  auto https = run_process({"/usr/bin/curl", "-sk", "-D", "-", "--max-time", "10", "https://" + base + "/api/v1/health"});
  REQUIRE(https.exit_code == 0);
  CHECK(https.out.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(https.out.find("\"status\":\"ok\"") != std::string::npos);
  std::string lower = https.out;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  CHECK(lower.find("strict-transport-security") != std::string::npos);

  auto plain = run_process({"/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
                            "http://" + base + "/api/v1/health"});
  CHECK(plain.out != "200");
}
