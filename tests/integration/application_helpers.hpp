// The public application form as a browser fills it in: the applicant ticks the consent line and
// the page solves the server's proof-of-work challenge before it submits.
#pragma once

#include <string>

#include <catch2/catch.hpp>

#include "core/proof_of_work.hpp"
#include "support/http_client.hpp"

namespace zhiku::test {

// `profile` with consent and a freshly solved challenge from the server.
inline Json solved_application(HttpClient& client, Json profile) {
  auto r = client.get("/api/v1/expert-applications/challenge");
  REQUIRE(r.status == 200);
  Json j = r.json();
  WorkChallenge c;
  c.algorithm = j["algorithm"];
  c.salt = j["salt"];
  c.challenge = j["challenge"];
  c.max_number = j["max_number"];
  c.signature = j["signature"];
  auto number = solve(c);
  REQUIRE(number);
  Json answer = Json::object();
  answer["salt"] = c.salt;
  answer["number"] = *number;
  answer["signature"] = c.signature;
  profile["challenge"] = answer;
  profile["consent"] = true;
  return profile;
}

// Posts a consenting, solved application; returns the answer.
inline HttpResponse apply_as_public(HttpClient& client, Json profile) {
  return client.post("/api/v1/expert-applications", solved_application(client, std::move(profile)));
}

inline HttpResponse application_status(HttpClient& client, std::string const& receipt) {
  Json body = Json::object();
  body["receipt"] = receipt;
  return client.post("/api/v1/expert-applications/status", body);
}

}  // namespace zhiku::test
