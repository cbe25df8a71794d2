// The named people of the integration scenarios, each signed in over HTTP with their own client:
// admin, coordinator, expert_alice, expert_bob, leader (one role each). Accounts are created
// through UserService with a known password (no forced change); admin and leader, whose roles
// require two-factor sign-in, are enrolled in TOTP and complete it at sign-in, as people would.
#pragma once

#include <string>

#include "core/principal.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace zhiku::test {

// Every persona's password.
inline constexpr char kPersonaPassword[] = "Persona-Pass-2026!";

struct Personas {
  HttpClient admin, coordinator, expert_alice, expert_bob, leader;
  // Their user ids (usernames: admin, coordinator, alice, bob, leader).
  Id admin_id = 0, coordinator_id = 0, expert_alice_id = 0, expert_bob_id = 0, leader_id = 0;
};

// Creates the five accounts in `server` and signs each in. Call once per server.
Personas make_personas(TestServer& server);

// Creates an active account with `password` and no forced change (TOTP not enrolled). Returns its id.
Id create_user(TestServer& server, std::string const& username, RoleSet roles, std::string const& password,
               std::string const& display_name = "");

// Enrols the user in TOTP through AuthService as the enrolment pages would. Returns the secret.
std::string enrol_totp(TestServer& server, Id user_id);

// The next TOTP code the server will accept for the user (a step it has not seen yet; waits for
// the next 30-second step when the current and the next one are used).
std::string next_totp_code(TestServer& server, Id user_id);

// Signs in over HTTP (and completes the second factor when the account has TOTP, reading the
// secret from the database as an authenticator app would). REQUIREs success; the client keeps
// the session cookie and CSRF token.
HttpClient sign_in(TestServer& server, std::string const& username, std::string const& password);

}  // namespace zhiku::test
