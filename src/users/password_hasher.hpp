// Password hashing on a bounded budget: at most `concurrency` argon2id computations at once (each
// takes tens of milliseconds and `mem` bytes), at most `queue` callers waiting for a slot; beyond
// that the caller is turned away with 503, so a burst of sign-ins cannot exhaust memory or hold
// every worker thread.
#pragma once

#include <atomic>
#include <semaphore>
#include <string>
#include <string_view>

#include "users/auth_config.hpp"
#include "users/password.hpp"

namespace zhiku {

// The argon2id cost that `config` asks for (auth.hash_ops, auth.hash_mem_mib).
inline PasswordHashParams hash_params_of(AuthConfig const& config) {
  return {config.hash_ops, static_cast<std::size_t>(config.hash_mem_mib) * 1024u * 1024u};
}

class PasswordHasher {
 public:
  // From auth.hash_ops, hash_mem_mib, hash_concurrency and hash_queue.
  explicit PasswordHasher(AuthConfig const& config)
      : PasswordHasher(hash_params_of(config), config.hash_concurrency, config.hash_queue) {}
  // REQUIRES: 1 <= concurrency <= kMaxConcurrency, queue >= 0.
  PasswordHasher(PasswordHashParams params, int concurrency, int queue);

  // A fresh hash of `password`. Blocks while every slot is busy. Throws Error{unavailable} (with
  // retry_after_seconds) when `queue` callers are already waiting. Thread-safe; call from worker
  // threads, never from an io thread or inside Database::write.
  std::string hash(std::string_view password);
  // Whether `password` matches `hash`; same budget and errors as hash().
  bool verify(std::string_view hash, std::string_view password);
  // Verifies against a hash of a random secret (always false), costing what verify() costs: for
  // unknown user names, so that they answer as slowly as wrong passwords.
  void verify_dummy(std::string_view password);
  // Whether `hash` was made with other parameters than the current ones. Cheap.
  bool needs_rehash(std::string_view hash) const { return password_needs_rehash(hash, params_); }

  PasswordHashParams const& params() const { return params_; }
  static constexpr int kMaxConcurrency = 64;

 private:
  template <class F>
  auto run(F&& f);

  PasswordHashParams params_;
  std::string dummy_hash_;
  std::counting_semaphore<kMaxConcurrency> slots_;
  std::atomic<int> admitted_{0};  // running + waiting
  int max_admitted_;
};

}  // namespace zhiku
