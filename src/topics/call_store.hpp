// SQL of calls for suggestions. The status a reader sees is computed by the service from the
// stored stage and the clock (call_rules.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/connection.hpp"
#include "topics/call.hpp"

namespace zhiku {

class CallStore {
 public:
  Id insert(storage::Connection& c, CallDetails const& d, std::optional<Id> created_by, std::string const& now) const;
  // False when the call is missing or its version differs; bumps the version.
  bool update(storage::Connection& c, Id id, std::int64_t version, CallDetails const& d, std::string const& now) const;
  void set_stage(storage::Connection& c, Id id, CallStage stage, std::string const& now) const;
  // The call with its field ids and submission count (status left for the service), or nullopt.
  std::optional<Call> find(storage::Connection& c, Id id) const;
  // Calls for a list at `now` (ISO): drafts only with `include_drafts`; `status` filters on the
  // status at `now`. Newest window first. Returns one page and the total.
  std::pair<std::vector<Call>, std::int64_t> list(storage::Connection& c, CallQuery const& q,
                                                  std::string const& now) const;
};

}  // namespace zhiku
