#include "support/personas.hpp"

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "app/services.hpp"
#include "users/auth_service.hpp"
#include "users/totp.hpp"
#include "users/user_store.hpp"

namespace zhiku::test {

namespace {

UserWithSecrets secrets_of(TestServer& server, Id user_id) {
  auto c = server.app().database().read();
  auto row = UserStore().find_with_secrets(*c, user_id);
  REQUIRE(row);
  // The database holds the TOTP key sealed; open it as the server does.
  if (auto& key = row->secrets.totp_secret)
    key = server.app().services().secret_box.open(*key, totp_key_context(user_id));
  return *row;
}

Actor test_system() { return Actor::system("test-support"); }

}  // namespace

Id create_user(TestServer& server, std::string const& username, RoleSet roles, std::string const& password,
               std::string const& display_name) {
  NewUser u;
  u.username = username;
  u.display_name = display_name.empty() ? username : display_name;
  u.email = username + "@example.cn";
  u.roles = roles;
  return server.app().services().users.create_with_password(test_system(), u, password, false).id;
}

std::string next_totp_code(TestServer& server, Id user_id) {
  for (;;) {
    auto row = secrets_of(server, user_id);
    REQUIRE(row.secrets.totp_secret);
    // The code the authenticator app shows at the server's time (a test may have set its clock).
    Clock& clock = server.clock();
    std::int64_t now = clock.unix_seconds();
    std::int64_t step = now / kTotpPeriodSeconds;
    // The server accepts the current step and one either side, but never a step it has seen.
    for (std::int64_t s = step; s <= step + 1; ++s)
      if (s > row.secrets.totp_last_step) return totp_code(*row.secrets.totp_secret, s * kTotpPeriodSeconds);
    auto wait = std::chrono::seconds((step + 1) * kTotpPeriodSeconds - now);
    if (clock.is_frozen())
      clock.advance(wait);  // a frozen clock would never reach the next step
    else
      std::this_thread::sleep_for(wait);
  }
}

std::string enrol_totp(TestServer& server, Id user_id) {
  auto& services = server.app().services();
  auto user = services.users.find_by_id(user_id);
  REQUIRE(user);
  Actor const who = Actor::of(principal_for(*user), {"test-support", "127.0.0.1"});
  auto setup = services.auth.setup_totp(who);
  services.auth.enable_totp(who, next_totp_code(server, user_id));
  return setup.secret;
}

HttpClient sign_in(TestServer& server, std::string const& username, std::string const& password) {
  HttpClient client(server.port());
  Json body = Json::object();
  body["username"] = username;
  body["password"] = password;
  auto r = client.post("/api/v1/auth/login", body);
  INFO("sign-in of " << username << ": " << r.body);
  REQUIRE(r.status == 200);
  client.remember_login(r);
  if (r.json()["second_factor_required"] == true) {
    Json code = Json::object();
    code["code"] = next_totp_code(server, r.json()["user"]["id"].get<Id>());
    auto v = client.post("/api/v1/auth/totp/verify", code);
    INFO("second factor of " << username << ": " << v.body);
    REQUIRE(v.status == 200);
  }
  return client;
}

Personas make_personas(TestServer& server) {
  Id admin = create_user(server, "admin", {Role::admin}, kPersonaPassword, "系统管理员");
  Id coordinator = create_user(server, "coordinator", {Role::coordinator}, kPersonaPassword, "王协调");
  Id alice = create_user(server, "alice", {Role::expert}, kPersonaPassword, "李爱丽");
  Id bob = create_user(server, "bob", {Role::expert}, kPersonaPassword, "张博");
  Id leader = create_user(server, "leader", {Role::leader}, kPersonaPassword, "赵领导");
  enrol_totp(server, admin);
  enrol_totp(server, leader);
  Personas p{sign_in(server, "admin", kPersonaPassword), sign_in(server, "coordinator", kPersonaPassword),
             sign_in(server, "alice", kPersonaPassword), sign_in(server, "bob", kPersonaPassword),
             sign_in(server, "leader", kPersonaPassword)};
  p.admin_id = admin;
  p.coordinator_id = coordinator;
  p.expert_alice_id = alice;
  p.expert_bob_id = bob;
  p.leader_id = leader;
  return p;
}

}  // namespace zhiku::test
