#include "mail/smtp_sender.hpp"

#include <cstring>
#include <memory>
#include <mutex>

#include <curl/curl.h>

namespace zhiku {

namespace {

struct Upload {
  std::string const* text;
  std::size_t offset = 0;
};

std::size_t read_payload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t const room = size * count;
  std::size_t const left = up->text->size() - up->offset;
  std::size_t const n = std::min(room, left);
  std::memcpy(buffer, up->text->data() + up->offset, n);
  up->offset += n;
  return n;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

SmtpSender::SmtpSender(MailConfig config) : config_(std::move(config)) { global_init(); }

SmtpResult SmtpSender::send(std::string const& to, std::string const& message) const {
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {false, "curl_easy_init failed"};
  CURL* h = curl.get();
  char error[CURL_ERROR_SIZE] = {0};
  Upload upload{&message};
  std::string const from = "<" + config_.from + ">";
  std::string const rcpt = "<" + to + ">";
  curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> guard(recipients, curl_slist_free_all);

  curl_easy_setopt(h, CURLOPT_URL, config_.smtp_url.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_payload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(h, CURLOPT_USE_SSL, config_.require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                                           : static_cast<long>(CURLUSESSL_TRY));
  if (!config_.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout_ms));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config_.timeout_ms));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);

  CURLcode const rc = curl_easy_perform(h);
  if (rc == CURLE_OK) return {true, {}};
  long reply = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
  std::string what = error[0] ? error : curl_easy_strerror(rc);
  if (reply > 0) what += " (SMTP " + std::to_string(reply) + ")";
  return {false, what};
}

}  // namespace zhiku
