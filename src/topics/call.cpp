// Names of the call enumerations as the API and the database spell them.
#include "topics/call.hpp"

#include <array>

#include "topics/enum_names.hpp"

namespace zhiku {

namespace {
constexpr std::array<std::string_view, 3> kStageNames = {"draft", "published", "closed"};
constexpr std::array<std::string_view, 4> kStatusNames = {"draft", "scheduled", "open", "closed"};
constexpr std::array<std::string_view, 2> kActionNames = {"publish", "close"};

}  // namespace

std::string_view to_string(CallStage s) { return enum_names::name_of(s, kStageNames); }
std::string_view to_string(CallStatus s) { return enum_names::name_of(s, kStatusNames); }
std::string_view to_string(CallAction a) { return enum_names::name_of(a, kActionNames); }
std::optional<CallStage> call_stage_from_string(std::string_view s) {
  return enum_names::parse<CallStage>(s, kStageNames);
}
std::optional<CallStatus> call_status_from_string(std::string_view s) {
  return enum_names::parse<CallStatus>(s, kStatusNames);
}
std::optional<CallAction> call_action_from_string(std::string_view s) {
  return enum_names::parse<CallAction>(s, kActionNames);
}

}  // namespace zhiku
