// Who may see and do what in the expert pool. Roles are the route policies' to check (every
// route names one of these sets); the relation checks here (an expert's own record) are the
// service's, asked before it answers. Pure.
#pragma once

#include <optional>

#include "core/denial.hpp"
#include "core/principal.hpp"
#include "experts/expert.hpp"

namespace zhiku {

// Who curates the pool: creates, edits and moves experts through the workflow, keeps the field
// taxonomy and the pools, imports and invites. SPEC: coordinators and admins.
inline constexpr RoleSet kCurators{Role::coordinator, Role::admin};
// Who reads the whole pool (the list, the export, any record): curators and the leadership.
inline constexpr RoleSet kPoolReaders{Role::coordinator, Role::admin, Role::leader};
// Who may name an expert (the lookup used to declare a conflict): experts and curators.
inline constexpr RoleSet kLookupCallers{Role::expert, Role::coordinator, Role::admin};

// Whether `who` sees the phone and e-mail of `e`. SPEC: coordinators, admins and the expert alone.
bool sees_contact(Principal const& who, Expert const& e);

// Why `who` may not read `e`, or nullopt: pool readers read any record, an expert only their
// own (another's answers not_found: whose records exist is not theirs to know).
std::optional<Denial> why_not_read(Principal const& who, Expert const& e);

// Why `who` may not read or change the declared conflicts of the expert `expert_id`, whose own
// record (if any) is `own_expert_id`: curators may for any expert, an expert only for themself.
std::optional<Denial> why_not_manage_conflicts(Principal const& who, Id expert_id, std::optional<Id> own_expert_id);

}  // namespace zhiku
