#include "mail/mail_service.hpp"

#include <spdlog/spdlog.h>

#include "core/error.hpp"

namespace zhiku {

namespace {

std::chrono::seconds backoff(int attempts, int base_seconds) {
  std::chrono::seconds wait{base_seconds};
  for (int i = 1; i < attempts && wait < MailService::kMaxBackoff; ++i) wait *= 2;
  return std::min<std::chrono::seconds>(wait, MailService::kMaxBackoff);
}

bool is_kind_shape(std::string const& kind) {
  if (kind.empty() || kind.size() > 64) return false;
  for (unsigned char ch : kind)
    if (!(std::isalnum(ch) || ch == '.' || ch == '_' || ch == '-')) return false;
  return true;
}

Id caller_id(Actor const& actor) {
  if (!actor.principal) throw Error::forbidden("请先登录");
  return actor.principal->user_id;
}

}  // namespace

MailService::MailService(storage::Database& db, AuditLog const& audit, Clock const& clock, MailConfig config,
                         MailAddressOf address_of)
    : db_(&db),
      audit_(&audit),
      clock_(&clock),
      config_(config),
      address_of_(std::move(address_of)),
      sender_(std::move(config)) {}

bool MailService::enqueue(storage::Connection& c, Id user_id, std::string_view kind, std::string_view title,
                          std::string_view body, std::string_view link) const {
  if (!config_.enabled || !address_of_) return false;
  auto address = address_of_(c, user_id);
  if (!address || !is_plausible_address(*address)) return false;
  if (store_.is_opted_out(c, user_id, kind)) return false;
  OutboxMessage m;
  m.user_id = user_id;
  m.kind = std::string(kind);
  m.to_address = *address;
  m.subject = std::string(title);
  m.body = std::string(body);
  if (!link.empty()) m.body += (m.body.empty() ? "" : "\n\n") + std::string("查看详情：") + config_.base_url + std::string(link);
  m.body += "\n\n——\n此邮件由智库专家管理平台自动发送。不想再收到此类邮件，可在“账户设置 → 邮件提醒”中关闭。\n";
  m.created_at = clock_->now_iso();
  m.next_attempt_at = m.created_at;
  store_.insert(c, m);
  return true;
}

int MailService::dispatch_due() {
  if (!config_.enabled) return 0;
  std::string const now = clock_->now_iso();
  auto batch = db_->write([&](storage::Connection& c) { return store_.claim_due(c, now, 20); });
  int delivered = 0;
  for (auto const& m : batch) {
    auto const text = format_message(m, config_.from, config_.from_name, rfc5322_date(clock_->now_iso()));
    auto const result = sender_.send(m.to_address, text);
    std::string const after = clock_->now_iso();
    if (result.delivered) {
      db_->write([&](storage::Connection& c) { store_.mark_sent(c, m.id, after); });
      ++delivered;
      continue;
    }
    bool const give_up = m.attempts >= config_.max_attempts;
    auto const next = to_iso(clock_->now() + backoff(m.attempts, config_.retry_base_seconds));
    spdlog::warn("mail {} to {} attempt {} failed: {}{}", m.id, m.to_address, m.attempts, result.error,
                 give_up ? " (giving up)" : "");
    db_->write([&](storage::Connection& c) { store_.mark_attempt_failed(c, m.id, result.error, give_up, next); });
  }
  return delivered;
}

int MailService::recover_interrupted() {
  int const n = db_->write([&](storage::Connection& c) {
    return store_.mark_interrupted(c, "发送过程中服务器停止，无法确定是否已送达；为免重复，未自动重发");
  });
  if (n > 0) spdlog::warn("{} e-mails were being sent when the server stopped: marked uncertain, not resent", n);
  return n;
}

OutboxPage MailService::list(std::optional<MailStatus> status, int offset, int limit) const {
  auto c = db_->read();
  return store_.list(*c, status, offset, limit);
}

OutboxMessage MailService::retry(Actor const& actor, Id id) const {
  return db_->write([&](storage::Connection& c) {
    auto before = store_.find(c, id);
    if (!before) throw Error::not_found("邮件不存在");
    if (!store_.requeue(c, id, clock_->now_iso()))
      throw Error::conflict("只有发送失败或状态不明的邮件可以重发（当前状态：" + std::string(to_string(before->status)) + "）",
                            {});
    auto after = *store_.find(c, id);
    audit_->record(c, actor, "mail.retry", "mail", id,
                   Json{{"status", {{"from", to_string(before->status)}, {"to", to_string(after.status)}}}});
    return after;
  });
}

MailPreferences MailService::preferences(Actor const& actor) const {
  Id const user_id = caller_id(actor);
  auto c = db_->read();
  MailPreferences p;
  p.email = address_of_ ? address_of_(*c, user_id).value_or("") : "";
  p.mail_enabled = config_.enabled;
  p.opted_out = store_.opted_out_kinds(*c, user_id);
  return p;
}

MailPreferences MailService::set_kind(Actor const& actor, std::string const& kind, bool wanted) const {
  Id const user_id = caller_id(actor);
  if (!is_kind_shape(kind)) throw Error::invalid_field("kind", "提醒类型须为 1 至 64 个字母、数字、点、下划线或连字符");
  db_->write([&](storage::Connection& c) {
    bool const was_out = store_.is_opted_out(c, user_id, kind);
    if (was_out == !wanted) return;
    store_.set_opt_out(c, user_id, kind, !wanted);
    std::string_view const action = wanted ? "mail.opt_in" : "mail.opt_out";
    audit_->record(c, actor, action, "user", user_id, Json{{"kind", kind}});
  });
  return preferences(actor);
}

}  // namespace zhiku
