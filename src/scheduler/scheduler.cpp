#include "scheduler/scheduler.hpp"

#include <spdlog/spdlog.h>

namespace zhiku {

void Scheduler::on(std::string kind, ReminderHandler handler) {
  std::lock_guard lock(mutex_);
  handlers_[std::move(kind)] = std::move(handler);
}

std::optional<ReminderHandler> Scheduler::handler_of(std::string const& kind) const {
  std::lock_guard lock(mutex_);
  auto it = handlers_.find(kind);
  if (it == handlers_.end()) return std::nullopt;
  return it->second;
}

Id Scheduler::schedule(storage::Connection& c, std::string_view kind, std::string_view key, std::string const& due_at,
                       Json const& payload) const {
  std::string const now = clock_->now_iso();
  Reminder r;
  r.kind = std::string(kind);
  r.key = std::string(key);
  r.due_at = due_at;
  r.payload = payload.is_null() ? Json::object() : payload;
  r.created_at = now;
  auto existing = store_.find_by_key(c, key);
  if (!existing) return store_.insert(c, r);
  bool const same = existing->kind == r.kind && existing->due_at == r.due_at && existing->payload == r.payload;
  if (!same || existing->status == ReminderStatus::cancelled) store_.rearm(c, existing->id, r, now);
  return existing->id;
}

bool Scheduler::cancel(storage::Connection& c, std::string_view key) const {
  return store_.cancel(c, key, clock_->now_iso());
}

int Scheduler::run_due() {
  std::string const now = clock_->now_iso();
  std::vector<Reminder> due;
  {
    auto c = db_->read();
    due = store_.due(*c, now, 100);
  }
  int fired = 0;
  for (auto const& r : due) {
    auto handler = handler_of(r.kind);
    try {
      bool const did = db_->write([&](storage::Connection& c) {
        if (!store_.mark_fired(c, r.id, now)) return false;  // fired or cancelled meanwhile
        if (!handler) throw std::runtime_error("no handler for reminder kind \"" + r.kind + "\"");
        (*handler)(c, r);
        return true;
      });
      if (did) ++fired;
    } catch (std::exception const& e) {
      spdlog::warn("reminder {} ({}) failed: {}", r.key, r.kind, e.what());
      std::string const error = e.what();
      db_->write([&](storage::Connection& c) { store_.mark_error(c, r.id, error, kMaxAttempts, now); });
    }
  }
  return fired;
}

std::optional<Reminder> Scheduler::find(std::string_view key) const {
  auto c = db_->read();
  return store_.find_by_key(*c, key);
}

std::vector<Reminder> Scheduler::list(std::optional<ReminderStatus> status, int offset, int limit) const {
  auto c = db_->read();
  return store_.list(*c, status, offset, limit);
}

}  // namespace zhiku
