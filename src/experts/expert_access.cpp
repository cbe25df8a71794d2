#include "experts/expert_access.hpp"

namespace zhiku {

namespace {
constexpr char kExpertNotFound[] = "专家不存在";
bool is_own(Principal const& who, Expert const& e) { return e.user_id && *e.user_id == who.user_id; }
}  // namespace

bool sees_contact(Principal const& who, Expert const& e) { return who.has_any(kCurators) || is_own(who, e); }

std::optional<Denial> why_not_read(Principal const& who, Expert const& e) {
  if (who.has_any(kPoolReaders) || is_own(who, e)) return std::nullopt;
  return Denial::not_found(kExpertNotFound);
}

std::optional<Denial> why_not_manage_conflicts(Principal const& who, Id expert_id, std::optional<Id> own_expert_id) {
  if (who.has_any(kCurators) || own_expert_id == expert_id) return std::nullopt;
  return Denial::not_found(kExpertNotFound);
}

}  // namespace zhiku
