// The answer of a permission or workflow check that says no, and why (HotCRP's FailureReason):
// rule files return `std::optional<Denial> why_not(...)` beside `bool can_...(...)`; the service
// throws it as an Error with `throw Error::denied(*d);`.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace zhiku {

struct Denial {
  // forbidden: the caller's relation to the resource; not_found: a resource the caller may not
  // know exists; conflict: the resource's current state.
  Errc code = Errc::conflict;
  std::string reason;                // Chinese: the web UI shows it as it is
  std::vector<std::string> allowed;  // conflicts of transitions: the actions allowed now

  static Denial forbidden(std::string reason) { return {Errc::forbidden, std::move(reason), {}}; }
  static Denial not_found(std::string reason) { return {Errc::not_found, std::move(reason), {}}; }
  static Denial conflict(std::string reason, std::vector<std::string> allowed = {}) {
    return {Errc::conflict, std::move(reason), std::move(allowed)};
  }
};

// A conflict or a refusal for who the caller is carries the actions the caller may take now (the
// UI offers them); a not_found never does (it would tell what the caller may not know).
inline Error Error::denied(Denial const& d) {
  if (d.code == Errc::conflict) return conflict(d.reason, d.allowed);
  Error e(d.code, d.reason);
  if (d.code == Errc::forbidden) e.allowed_ = d.allowed;
  return e;
}

}  // namespace zhiku
