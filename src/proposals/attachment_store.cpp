// POSIX file I/O for durability (write, fsync, rename, fsync the directory) and OpenSSL's
// incremental SHA-256.
#include "proposals/attachment_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace zhiku {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(std::string const& what, fs::path const& path) {
  throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno));
}

void fsync_dir(fs::path const& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("cannot open directory", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) fail("cannot fsync directory", dir);
}

bool is_hex_name(std::string const& name) {
  return name.size() == 64 &&
         std::all_of(name.begin(), name.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string megabytes(std::int64_t bytes) {
  auto mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
  char buf[32];
  std::snprintf(buf, sizeof buf, mib == static_cast<double>(static_cast<std::int64_t>(mib)) ? "%.0f" : "%.1f", mib);
  return buf;
}

}  // namespace

struct AttachmentStore::Upload::State {
  AttachmentStore const* store = nullptr;
  fs::path temp;
  int fd = -1;
  EVP_MD_CTX* md = nullptr;
  std::int64_t size = 0;
  std::string head;  // the first kSniffBytes bytes
  bool done = false;

  ~State() {
    if (fd >= 0) ::close(fd);
    if (md) EVP_MD_CTX_free(md);
    if (!done && !temp.empty()) {
      std::error_code ec;
      fs::remove(temp, ec);
    }
  }
};

AttachmentStore::AttachmentStore(AttachmentStoreConfig config) : config_(std::move(config)) {
  std::error_code ec;
  fs::create_directories(config_.dir / "tmp", ec);
  if (ec) throw std::runtime_error("cannot create the attachment directory " + config_.dir.string() + ": " + ec.message());
}

AttachmentStore::Upload::Upload(std::unique_ptr<State> state) : state_(std::move(state)) {}
AttachmentStore::Upload::Upload(Upload&&) noexcept = default;
AttachmentStore::Upload::~Upload() = default;

std::int64_t AttachmentStore::Upload::bytes() const { return state_ ? state_->size : 0; }

AttachmentStore::Upload AttachmentStore::begin() const {
  auto st = std::make_unique<Upload::State>();
  st->store = this;
  st->temp = config_.dir / "tmp" / (random_token(16) + ".part");
  st->fd = ::open(st->temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (st->fd < 0) fail("cannot create", st->temp);
  st->md = EVP_MD_CTX_new();
  if (!st->md || EVP_DigestInit_ex(st->md, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 is unavailable");
  return Upload(std::move(st));
}

void AttachmentStore::Upload::write(std::string_view piece) {
  auto& st = *state_;
  if (st.done || st.fd < 0) throw std::logic_error("write after the upload ended");
  if (st.size + static_cast<std::int64_t>(piece.size()) > st.store->config_.max_bytes) {
    ::close(st.fd);
    st.fd = -1;
    std::error_code ec;
    fs::remove(st.temp, ec);
    throw Error(Errc::payload_too_large, "附件不能超过 " + megabytes(st.store->config_.max_bytes) + " MB");
  }
  if (st.head.size() < kSniffBytes) st.head.append(piece.substr(0, kSniffBytes - st.head.size()));
  EVP_DigestUpdate(st.md, piece.data(), piece.size());
  char const* p = piece.data();
  std::size_t left = piece.size();
  while (left > 0) {
    ssize_t n = ::write(st.fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write", st.temp);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  st.size += static_cast<std::int64_t>(piece.size());
}

StoredFile AttachmentStore::Upload::finish(std::string_view filename) {
  auto& st = *state_;
  if (st.done || st.fd < 0) throw std::logic_error("finish after the upload ended");
  StoredFile out;
  out.filename = clean_filename(filename);
  if (st.size == 0) throw Error(Errc::invalid_argument, "文件为空，请选择有内容的文件");
  Sniffed sniffed = sniff_file_type(st.head);
  // Durable before anything else looks at it (and before libzip reads it back).
  if (::fsync(st.fd) != 0) fail("cannot fsync", st.temp);
  ::close(st.fd);
  st.fd = -1;
  if (sniffed.office_container)
    out.type = inspect_office_file(st.temp);
  else if (sniffed.type)
    out.type = *sniffed.type;
  else
    throw Error(Errc::unsupported_media_type, "不支持该文件类型：只接受 PDF、Word（DOCX）、Excel（XLSX）、PNG 和 JPEG 文件");
  check_extension(out.filename, out.type);

  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(st.md, digest.data(), &len);
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned i = 0; i < len; ++i) {
    out.sha256 += kHex[digest[i] >> 4];
    out.sha256 += kHex[digest[i] & 0xF];
  }
  out.size = st.size;

  fs::path const final_path = st.store->path_of(out.sha256);
  fs::path const shard = final_path.parent_path();
  std::error_code ec;
  bool const new_shard = fs::create_directory(shard, ec);
  if (ec) throw std::runtime_error("cannot create " + shard.string() + ": " + ec.message());
  if (new_shard) fsync_dir(st.store->config_.dir);
  // Same bytes already stored: keep that file (its content is the same by its name).
  if (fs::exists(final_path)) {
    fs::remove(st.temp, ec);
  } else {
    if (::rename(st.temp.c_str(), final_path.c_str()) != 0) fail("cannot move the upload to", final_path);
    fsync_dir(shard);
  }
  st.done = true;
  return out;
}

fs::path AttachmentStore::path_of(std::string_view sha256) const {
  std::string const name(sha256);
  return config_.dir / name.substr(0, 2) / name;
}

bool AttachmentStore::contains(std::string_view sha256) const {
  std::error_code ec;
  return fs::is_regular_file(path_of(sha256), ec);
}

SweepReport AttachmentStore::sweep(std::function<bool(std::string const&)> const& is_referenced) const {
  SweepReport report;
  std::error_code ec;
  for (auto const& entry : fs::directory_iterator(config_.dir / "tmp", ec)) {
    if (fs::remove(entry.path(), ec)) ++report.partial_removed;
  }
  for (auto const& shard : fs::directory_iterator(config_.dir, ec)) {
    if (!shard.is_directory() || shard.path().filename() == "tmp") continue;
    for (auto const& entry : fs::directory_iterator(shard.path(), ec)) {
      std::string const name = entry.path().filename().string();
      if (!entry.is_regular_file() || !is_hex_name(name)) continue;
      if (is_referenced(name)) {
        ++report.kept;
        continue;
      }
      if (fs::remove(entry.path(), ec)) {
        ++report.orphans_removed;
        spdlog::info("attachments: removed {} (no proposal refers to it)", name);
      }
    }
  }
  if (report.partial_removed > 0) spdlog::info("attachments: removed {} unfinished uploads", report.partial_removed);
  return report;
}

}  // namespace zhiku
