// A reminder another module registered: a kind (what to do), a key (one reminder per key, so
// registering again is harmless), when it is due and what the handler needs (payload).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/json.hpp"
#include "core/principal.hpp"

namespace zhiku {

enum class ReminderStatus { pending, fired, cancelled, failed };

std::string_view to_string(ReminderStatus s);
std::optional<ReminderStatus> reminder_status_from(std::string_view s);

struct Reminder {
  Id id = 0;
  std::string kind;    // which handler runs it: "notify", "topic.deadline", …
  std::string key;     // unique: "topic.42.deadline.7d"
  std::string due_at;  // ISO 8601 UTC
  Json payload = Json::object();
  ReminderStatus status = ReminderStatus::pending;
  int attempts = 0;
  std::string last_error;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> fired_at;
};

}  // namespace zhiku
