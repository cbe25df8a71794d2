#include "app/demo/demo.hpp"

#include "core/error.hpp"

namespace zhiku::demo {

Actor Seeder::as(std::string const& username) const {
  auto user = services.users.find_by_username(username);
  if (!user) throw Error::not_found("demo account " + username + " is missing (create the accounts first)");
  return Actor::of(principal_for(*user), RequestMeta{"demo", "demo"});
}

Id Seeder::field(std::string_view name) const {
  for (auto const& f : services.taxonomy.fields())
    if (f.name == name) return f.id;
  throw Error::not_found("no field named " + std::string(name));
}

std::vector<std::string> seed(Services& services) {
  Seeder d(services);
  seed_experts(d);
  return d.lines();
}

}  // namespace zhiku::demo
