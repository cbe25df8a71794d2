// The demo database's records beyond the accounts and the imported pool, so that every demo
// account lands on a working page on first run (`zhiku demo seed`, run by scripts/start.sh).
// Each module adds its part in its own file, src/app/demo/<area>.cpp, declared here and called
// by seed() in domain order. Seeders go through the services, as requests would: validated,
// audited, notified.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/services.hpp"
#include "core/actor.hpp"

namespace zhiku::demo {

class Seeder {
 public:
  explicit Seeder(Services& services) : services(services) {}

  Services& services;

  // A demo account (admin, coord, alice, leader, …) acting through the services as its signed-in
  // requests would. Throws when the account does not exist.
  Actor as(std::string const& username) const;
  // The seeder itself, where no person acts (audit rows read "demo").
  static Actor system() { return Actor::system("demo"); }
  // The id of the taxonomy field named `name` (the seeded GB/T 13745 fields). Throws when absent.
  Id field(std::string_view name) const;
  // What a seeder did, one line each, printed by the command.
  void report(std::string line) { lines_.push_back(std::move(line)); }
  std::vector<std::string> const& lines() const { return lines_; }

 private:
  std::vector<std::string> lines_;
};

// Runs every module's seeder in domain order; each leaves alone what it finds done already, so a
// second run adds nothing. Returns what was done.
std::vector<std::string> seed(Services& services);

// One per module, in domain order.
void seed_experts(Seeder& d);  // alice's linked, active profile

}  // namespace zhiku::demo
