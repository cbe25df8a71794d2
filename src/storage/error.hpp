// Storage failures keep SQLite's primary and extended result codes (after SQLiteCpp).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "core/error.hpp"

namespace zhiku::storage {

class Error : public std::runtime_error {
 public:
  // `code` may be an extended code (sqlite3_errcode returns one when extended codes are on):
  // the primary code is its low byte.
  Error(std::string const& message, int code, int extended_code)
      : std::runtime_error(message), code_(code & 0xFF), extended_code_(extended_code) {}
  int code() const noexcept { return code_; }
  int extended_code() const noexcept { return extended_code_; }
  bool is_constraint() const noexcept { return code_ == 19; }  // SQLITE_CONSTRAINT
  bool is_unique_violation() const noexcept { return extended_code_ == 2067 || extended_code_ == 1555; }
  bool is_busy() const noexcept { return code_ == 5 || code_ == 6; }  // SQLITE_BUSY / LOCKED

 private:
  int code_;
  int extended_code_;
};

// Runs `fn` (a store's statements) and turns the store's expected failure, a unique constraint
// violation, into `if_taken` (usually Error::conflict naming what is taken); any other
// storage::Error propagates and becomes a logged 500. Stores use it; services never see
// storage::Error.
template <class F>
decltype(auto) unique_or(zhiku::Error if_taken, F&& fn) {
  try {
    return std::forward<F>(fn)();
  } catch (Error const& e) {
    if (e.is_unique_violation()) throw std::move(if_taken);
    throw;
  }
}

}  // namespace zhiku::storage
