#include "users/password_hasher.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace zhiku {

PasswordHasher::PasswordHasher(PasswordHashParams params, int concurrency, int queue)
    : params_(params),
      dummy_hash_(dummy_password_hash(params)),
      slots_(std::clamp(concurrency, 1, kMaxConcurrency)),
      max_admitted_(std::clamp(concurrency, 1, kMaxConcurrency) + std::max(queue, 0)) {}

template <class F>
auto PasswordHasher::run(F&& f) {
  if (admitted_.fetch_add(1) >= max_admitted_) {
    admitted_.fetch_sub(1);
    throw Error::unavailable("服务器繁忙，请稍后再试", 1);
  }
  struct Release {
    PasswordHasher* self;
    ~Release() {
      self->slots_.release();
      self->admitted_.fetch_sub(1);
    }
  };
  slots_.acquire();
  Release release{this};
  return f();
}

std::string PasswordHasher::hash(std::string_view password) {
  return run([&] { return hash_password(password, params_); });
}

bool PasswordHasher::verify(std::string_view hash, std::string_view password) {
  return run([&] { return verify_password(hash, password); });
}

void PasswordHasher::verify_dummy(std::string_view password) {
  run([&] { return verify_password(dummy_hash_, password); });
}

}  // namespace zhiku
