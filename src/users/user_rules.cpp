#include "users/user_rules.hpp"

#include <algorithm>
#include <cctype>

#include "core/json.hpp"

namespace zhiku {

bool is_valid_username(std::string_view s) {
  if (s.size() < kMinUsernameChars || s.size() > kMaxUsernameChars) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
  });
}

bool is_valid_email(std::string_view s) {
  if (s.empty()) return true;
  if (s.size() > kMaxEmailChars) return false;
  if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; })) return false;
  auto at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  auto domain = s.substr(at + 1);
  auto dot = domain.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() && domain.front() != '.' &&
         domain.find("..") == std::string_view::npos;
}

RoleSet parse_roles(std::vector<std::string> const& names, std::vector<std::string>* unknown) {
  RoleSet out;
  for (auto const& n : names) {
    if (auto r = role_from_string(n))
      out.add(*r);
    else if (unknown)
      unknown->push_back(n);
  }
  return out;
}

namespace {
void check_display_name(std::string_view name, std::vector<FieldError>& errors) {
  auto n = utf8_length(name);
  if (n < 1 || n > kMaxDisplayNameChars) errors.push_back({"display_name", "姓名须为 1 至 50 个字符"});
}
void check_email(std::string_view email, std::vector<FieldError>& errors) {
  if (!is_valid_email(email)) errors.push_back({"email", "电子邮箱格式不正确"});
}
}  // namespace

std::vector<FieldError> validate_new_user(NewUser const& u) {
  std::vector<FieldError> errors;
  if (!is_valid_username(u.username))
    errors.push_back({"username", "用户名须为 3 至 32 个字符，只能包含字母、数字、下划线、点和连字符"});
  check_display_name(u.display_name, errors);
  check_email(u.email, errors);
  if (u.roles.empty()) errors.push_back({"roles", "至少需要一个角色"});
  return errors;
}

std::vector<FieldError> validate_patch(UserPatch const& p) {
  std::vector<FieldError> errors;
  if (p.display_name) check_display_name(*p.display_name, errors);
  if (p.email) check_email(*p.email, errors);
  if (p.roles && p.roles->empty()) errors.push_back({"roles", "至少需要一个角色"});
  return errors;
}

std::optional<Denial> why_not_edit(Principal const& actor, User const& target, UserPatch const& p) {
  if (actor.user_id != target.id) return std::nullopt;
  if (p.status == UserStatus::disabled) return Denial::conflict("不能停用自己的账号");
  if (p.roles && target.roles.has(Role::admin) && !p.roles->has(Role::admin))
    return Denial::conflict("不能移除自己的管理员角色");
  return std::nullopt;
}

}  // namespace zhiku
