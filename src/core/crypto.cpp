#include "core/crypto.hpp"

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sodium.h>

namespace zhiku {

namespace {
struct SodiumInit {
  SodiumInit() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  }
};
void ensure_sodium() { static SodiumInit once; }

std::string to_base64(unsigned char const* data, std::size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}
}  // namespace

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<unsigned char const*>(data.data()), data.size(), digest.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (unsigned char c : digest) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string random_token(size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return to_base64(buf.data(), buf.size());
}

std::string random_code(size_t length, std::string_view alphabet) {
  ensure_sodium();
  std::string out;
  out.reserve(length);
  for (size_t i = 0; i < length; ++i)
    out.push_back(alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))]);
  return out;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  ensure_sodium();
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<unsigned char const*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<unsigned char const*>(data.data()), data.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  std::string out(mac.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), mac.data(), mac.size());
  out.pop_back();
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

SecretBox::SecretBox(std::vector<Key> keys) : keys_(std::move(keys)) {
  if (keys_.empty()) throw std::logic_error("a SecretBox needs a key");
}

SecretBox::Key SecretBox::new_key() {
  ensure_sodium();
  Key key{};
  crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
  return key;
}

namespace {

std::string key_file_text(std::vector<SecretBox::Key> const& keys) {
  std::string text;
  for (auto const& key : keys) {
    std::string hex(SecretBox::kKeyBytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
    hex.back() = '\n';
    text += hex;
    sodium_memzero(hex.data(), hex.size());
  }
  return text;
}

// Creates `path` with `text` (O_EXCL: fails with EEXIST when it exists), mode 0600, synced.
bool write_new_file(std::string const& path, std::string const& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  errno = saved;
  return ok;
}

}  // namespace

SecretBox SecretBox::from_key_file(std::filesystem::path const& path) {
  ensure_sodium();
  std::string const name = path.string();
  if (!std::filesystem::exists(path)) {
    Key key = new_key();
    std::string text = key_file_text({key});
    // O_EXCL: two processes starting at once must not each write their own key.
    bool created = write_new_file(name, text);
    sodium_memzero(text.data(), text.size());
    if (created) return SecretBox({key});
    if (errno != EEXIST) throw std::runtime_error("cannot create the key file " + name + ": " + std::strerror(errno));
  }
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the key file " + name);
  std::vector<Key> keys;
  for (std::string hex; std::getline(in, hex);) {
    if (hex.empty()) continue;
    Key key{};
    std::size_t length = 0;
    bool ok = hex.size() == kKeyBytes * 2 &&
              sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &length, nullptr) == 0 &&
              length == kKeyBytes;
    sodium_memzero(hex.data(), hex.size());
    if (!ok) throw std::runtime_error("the key file " + name + " must hold lines of 64 hexadecimal digits");
    keys.push_back(key);
  }
  if (keys.empty()) throw std::runtime_error("the key file " + name + " must hold lines of 64 hexadecimal digits");
  return SecretBox(std::move(keys));
}

void SecretBox::write_key_file(std::filesystem::path const& path, std::vector<Key> const& keys) {
  std::string const name = path.string();
  std::string const temporary = name + ".new";
  std::filesystem::remove(temporary);
  std::string text = key_file_text(keys);
  bool ok = write_new_file(temporary, text);
  sodium_memzero(text.data(), text.size());
  if (!ok || ::rename(temporary.c_str(), name.c_str()) != 0)
    throw std::runtime_error("cannot write the key file " + name + ": " + std::strerror(errno));
}

std::string SecretBox::seal(std::string_view plain, std::string_view context) const {
  ensure_sodium();
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::vector<unsigned char> out(kNonce + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  randombytes_buf(out.data(), kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonce, &written,
                                             reinterpret_cast<unsigned char const*>(plain.data()), plain.size(),
                                             reinterpret_cast<unsigned char const*>(context.data()), context.size(),
                                             nullptr, out.data(), keys_.front().data());
  return std::string(kPrefix) + to_base64(out.data(), kNonce + written);
}

std::optional<std::string> SecretBox::open(std::string_view sealed, std::string_view context) const {
  for (auto const& key : keys_)
    if (auto plain = open_with(sealed, context, key)) return plain;
  return std::nullopt;
}

bool SecretBox::sealed_with_current_key(std::string_view sealed, std::string_view context) const {
  return open_with(sealed, context, keys_.front()).has_value();
}

std::optional<std::string> SecretBox::open_with(std::string_view sealed, std::string_view context, Key const& key) {
  ensure_sodium();
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (!is_sealed(sealed)) return std::nullopt;
  sealed.remove_prefix(kPrefix.size());
  if (sealed.size() < (kNonce + kTag) * 4 / 3) return std::nullopt;  // too short to hold nonce and tag
  std::vector<unsigned char> raw(sealed.size());
  std::size_t length = 0;
  if (sodium_base642bin(raw.data(), raw.size(), sealed.data(), sealed.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      length < kNonce + kTag)
    return std::nullopt;
  std::string plain(length - kNonce - kTag, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &written, nullptr, raw.data() + kNonce, length - kNonce,
          reinterpret_cast<unsigned char const*>(context.data()), context.size(), raw.data(), key.data()) != 0)
    return std::nullopt;
  plain.resize(written);
  return plain;
}

}  // namespace zhiku
