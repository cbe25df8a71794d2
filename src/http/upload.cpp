#include "http/upload.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include <openssl/evp.h>

namespace zhiku::http {

struct FileSink::Digest {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Digest() { EVP_MD_CTX_free(ctx); }
};

FileSink::FileSink(std::filesystem::path const& directory) : digest_(std::make_unique<Digest>()) {
  std::filesystem::create_directories(directory);
  std::string pattern = (directory / ".upload-XXXXXX").string();
  fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error("cannot create an upload file in " + directory.string() + ": " + std::strerror(errno));
  temp_path_ = pattern;
  if (digest_->ctx == nullptr || EVP_DigestInit_ex(digest_->ctx, EVP_sha256(), nullptr) != 1) {
    abort();
    throw std::runtime_error("cannot start a SHA-256 digest");
  }
}

FileSink::~FileSink() {
  if (!committed_) abort();
}

void FileSink::write(std::string_view piece) {
  if (fd_ < 0) throw std::logic_error("FileSink::write after commit or abort");
  if (head_.size() < 512) head_.append(piece.substr(0, 512 - head_.size()));
  EVP_DigestUpdate(digest_->ctx, piece.data(), piece.size());
  while (!piece.empty()) {
    ssize_t n = ::write(fd_, piece.data(), piece.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot write the upload file " + temp_path_.string() + ": " + std::strerror(errno));
    }
    piece.remove_prefix(static_cast<std::size_t>(n));
    size_ += static_cast<std::uint64_t>(n);
  }
}

void FileSink::close_file() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void FileSink::abort() noexcept {
  close_file();
  if (!temp_path_.empty()) {
    std::error_code ignored;
    std::filesystem::remove(temp_path_, ignored);
    temp_path_.clear();
  }
}

void FileSink::commit(std::filesystem::path const& final_path) {
  if (temp_path_.empty()) throw std::logic_error("FileSink::commit after abort");
  bool synced = ::fsync(fd_) == 0;
  close_file();
  std::error_code ec;
  if (synced) std::filesystem::rename(temp_path_, final_path, ec);
  if (!synced || ec) {
    abort();
    throw std::runtime_error("cannot store the upload as " + final_path.string() + ": " +
                             (synced ? ec.message() : std::strerror(errno)));
  }
  committed_ = true;
}

std::string FileSink::sha256_hex() {
  if (hex_.empty()) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(digest_->ctx, digest, &length);
    static constexpr char kHex[] = "0123456789abcdef";
    for (unsigned int i = 0; i < length; ++i) {
      hex_.push_back(kHex[digest[i] >> 4]);
      hex_.push_back(kHex[digest[i] & 15]);
    }
  }
  return hex_;
}

}  // namespace zhiku::http
