// Shared steps of the expert pool scenarios.
#pragma once

#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "app/services.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

namespace zhiku::test {

// Percent-encodes a query value (the server refuses raw UTF-8 in a target).
inline std::string enc(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

inline Json expert_body(std::string const& name, std::string const& organization) {
  Json j = Json::object();
  j["name"] = name;
  j["organization"] = organization;
  return j;
}

inline Id create_expert(HttpClient& client, Json const& body) {
  auto r = client.post("/api/v1/experts", body);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json()["id"].get<Id>();
}

inline Json transition(HttpClient& client, Id id, std::string const& action, std::string const& note = "") {
  Json j = Json::object();
  j["action"] = action;
  if (!note.empty()) j["note"] = note;
  auto r = client.post("/api/v1/experts/" + std::to_string(id) + "/transitions", j);
  Json out = Json::object();
  out["status_code"] = r.status;
  out["body"] = r.body.empty() ? Json() : r.json();
  return out;
}

// Links an existing account to an expert record, as a coordinator would.
inline void link_user(TestServer& server, Id expert_id, Id user_id) {
  Principal who;
  who.user_id = 0;
  who.username = "test";
  who.roles = RoleSet{Role::coordinator};
  server.app().services().experts.link_user(Actor::of(who, {"test", "127.0.0.1"}), expert_id, user_id);
}

inline std::int64_t count_rows(TestServer& server, std::string const& sql, std::int64_t arg) {
  auto c = server.app().database().read();
  auto s = c->prepare(sql);
  bind_all(s, arg);
  REQUIRE(s.step());
  return s.int64(0);
}

inline bool has_key(Json const& j, char const* key) { return j.is_object() && j.contains(key); }

}  // namespace zhiku::test
