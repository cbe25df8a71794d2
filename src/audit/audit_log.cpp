// The audit chain: canonical rows, SHA-256 links, verification, and the filtered reader.
#include "audit/audit_log.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>
#include <variant>

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace zhiku {

namespace {

// Stored text and hash input must be byte-identical every time they are produced: a compact
// dump (nlohmann sorts object keys) that replaces invalid UTF-8 instead of throwing inside a
// write job.
std::string compact(Json const& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json nullable(std::optional<Id> v) { return v ? Json(*v) : Json(); }

struct Row {
  Id id = 0;
  std::string_view at, actor_name, action, entity_type, diff, request_id, client_address;
  std::optional<Id> actor_id, entity_id;
};

std::string canonical(Row const& r) {
  Json a = Json::array();
  a.push_back(r.id);
  a.push_back(r.at);
  a.push_back(nullable(r.actor_id));
  a.push_back(r.actor_name);
  a.push_back(r.action);
  a.push_back(r.entity_type);
  a.push_back(nullable(r.entity_id));
  a.push_back(r.diff);
  a.push_back(r.request_id);
  a.push_back(r.client_address);
  return compact(a);
}

std::string chain_hash(std::string_view prev_hash, Row const& r) {
  std::string input(prev_hash);
  input += '\n';
  input += canonical(r);
  return sha256_hex(input);
}

Json redact_value(Json const& v) { return v.is_null() ? Json() : Json(kRedacted); }

bool is_change_pair(Json const& v) { return v.is_object() && v.size() == 2 && v.contains("from") && v.contains("to"); }

}  // namespace

std::string audit_hash(std::string_view prev_hash, AuditRecord const& r) {
  std::string const diff_text = compact(r.diff);
  Row row;
  row.id = r.id;
  row.at = r.at;
  row.actor_id = r.actor_id;
  row.actor_name = r.actor_name;
  row.action = r.action;
  row.entity_type = r.entity_type;
  row.entity_id = r.entity_id;
  row.diff = diff_text;
  row.request_id = r.request_id;
  row.client_address = r.client_address;
  return chain_hash(prev_hash, row);
}

bool is_secret_key(std::string_view key) {
  static constexpr std::array<std::string_view, 7> kSecretWords{"password", "token", "secret", "hash",
                                                                "recovery", "totp",  "csrf"};
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  // A flag says whether something is on (totp_enabled), a count how many were revoked
  // (tokens_revoked): the log must show both.
  if (lower.ends_with("_enabled") || lower.ends_with("_revoked")) return false;
  return std::any_of(kSecretWords.begin(), kSecretWords.end(),
                     [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

Json redact_secrets(Json const& diff) {
  if (diff.is_array()) {
    Json out = Json::array();
    for (auto const& v : diff) out.push_back(redact_secrets(v));
    return out;
  }
  if (!diff.is_object()) return diff;
  Json out = Json::object();
  for (auto const& [key, value] : diff.items()) {
    if (!is_secret_key(key)) {
      out[key] = redact_secrets(value);
    } else if (is_change_pair(value)) {
      Json pair = Json::object();
      pair["from"] = redact_value(value["from"]);
      pair["to"] = redact_value(value["to"]);
      out[key] = std::move(pair);
    } else {
      out[key] = redact_value(value);
    }
  }
  return out;
}

Json audit_diff(Json const& before, Json const& after) {
  auto as_object = [](Json const& v) {
    if (v.is_null()) return Json::object();
    if (v.is_object()) return v;
    Json wrapped = Json::object();
    wrapped["value"] = v;
    return wrapped;
  };
  Json const from = as_object(before);
  Json const to = as_object(after);
  Json const null_value;
  Json out = Json::object();
  auto add = [&](std::string const& key) {
    if (out.contains(key)) return;
    auto f = from.find(key);
    auto t = to.find(key);
    Json const& a = f != from.end() ? *f : null_value;
    Json const& b = t != to.end() ? *t : null_value;
    if (a == b) return;
    Json pair = Json::object();
    pair["from"] = a;
    pair["to"] = b;
    out[key] = std::move(pair);
  };
  for (auto const& item : from.items()) add(item.key());
  for (auto const& item : to.items()) add(item.key());
  return redact_secrets(out);
}

void AuditLog::record(storage::Connection& c, Actor const& actor, std::string_view action, std::string_view entity_type,
                      std::optional<Id> entity_id, Json const& diff) const {
  static constexpr char kLast[] = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
  static constexpr char kInsert[] =
      "INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity_type, entity_id, diff, request_id, "
      "client_address, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  // Outside a transaction another process's writer could append between the read and the
  // insert and fork the chain.
  if (!c.in_transaction()) throw std::logic_error("AuditLog::record outside a write transaction");

  Id last_id = 0;
  std::string prev_hash = kAuditGenesisHash;
  {
    auto s = c.prepare(kLast);
    if (s.step()) {
      last_id = s.int64(0);
      prev_hash = s.text(1);
    }
  }
  std::string const at = clock_->now_iso();
  std::string const diff_text = compact(redact_secrets(diff.is_null() ? Json::object() : diff));
  std::optional<Id> actor_id;
  std::string actor_name;
  if (auto const& p = actor.principal) {
    actor_id = p->user_id;
    actor_name = p->display_name.empty() ? p->username : p->display_name;
    if (!p->via_token.empty()) actor_name += "（经" + p->via_token + "）";
  }
  RequestMeta const& meta = actor.meta;
  Row row;
  row.id = last_id + 1;
  row.at = at;
  row.actor_id = actor_id;
  row.actor_name = actor_name;
  row.action = action;
  row.entity_type = entity_type;
  row.entity_id = entity_id;
  row.diff = diff_text;
  row.request_id = meta.request_id;
  row.client_address = meta.client_address;
  std::string const hash = chain_hash(prev_hash, row);

  auto s = c.prepare(kInsert);
  bind_all(s, row.id, at, actor_id, actor_name, action, entity_type, entity_id, diff_text, meta.request_id,
           meta.client_address, prev_hash, hash);
  s.run();
}

std::pair<std::vector<AuditRecord>, std::int64_t> AuditLog::query(storage::Connection& c, AuditFilter const& f) const {
  // The statement is assembled from the constant fragments below, one per filter present, so
  // that each combination gets a plan using its index (a single "? IS NULL OR …" statement scans
  // the whole log). No request text enters the SQL: every value is bound. (As in expert_store.)
  static constexpr char kSelect[] =
      "SELECT id, at, actor_id, actor_name, action, entity_type, entity_id, diff, request_id, client_address, "
      "prev_hash, hash FROM audit_log WHERE 1 = 1";
  static constexpr char kCount[] = "SELECT count(*) FROM audit_log WHERE 1 = 1";
  static constexpr char kByActor[] = " AND actor_id = ?";
  static constexpr char kByEntityType[] = " AND entity_type = ?";
  static constexpr char kByEntityId[] = " AND entity_id = ?";
  static constexpr char kByAction[] = " AND action = ?";
  static constexpr char kFrom[] = " AND at >= ?";
  static constexpr char kTo[] = " AND at < ?";
  static constexpr char kVisibleTypes[] = " AND entity_type IN (";  // then one "?" per type
  static constexpr char kNoType[] = " AND 1 = 0";
  static constexpr char kPage[] = " ORDER BY id DESC LIMIT ? OFFSET ?";

  std::string filters;
  std::vector<storage::BindValue> binds;  // in the order of the fragments
  if (f.actor_id) {
    filters += kByActor;
    binds.emplace_back(*f.actor_id);
  }
  if (f.entity_type) {
    filters += kByEntityType;
    binds.emplace_back(*f.entity_type);
  }
  if (f.entity_id) {
    filters += kByEntityId;
    binds.emplace_back(*f.entity_id);
  }
  if (f.action) {
    filters += kByAction;
    binds.emplace_back(*f.action);
  }
  if (f.from) {
    filters += kFrom;
    binds.emplace_back(*f.from);
  }
  if (f.to) {
    filters += kTo;
    binds.emplace_back(*f.to);
  }
  if (f.visible_types && f.visible_types->empty()) {
    filters += kNoType;
  } else if (f.visible_types) {
    filters += kVisibleTypes;
    for (size_t i = 0; i < f.visible_types->size(); ++i) {
      filters += i ? ", ?" : "?";
      binds.emplace_back((*f.visible_types)[i]);
    }
    filters += ")";
  }

  std::pair<std::vector<AuditRecord>, std::int64_t> out{{}, 0};
  {
    auto s = c.prepare(std::string(kCount) + filters);
    storage::bind_list(s, binds);
    if (s.step()) out.second = s.int64(0);
  }
  if (out.second == 0 || f.offset >= out.second) return out;

  auto s = c.prepare(std::string(kSelect) + filters + kPage);
  int pos = storage::bind_list(s, binds);
  s.bind(++pos, static_cast<std::int64_t>(std::max(f.limit, 0)));
  s.bind(++pos, static_cast<std::int64_t>(std::max(f.offset, 0)));
  while (s.step()) {
    AuditRecord r;
    r.id = s.int64(0);
    r.at = s.text(1);
    r.actor_id = s.opt_int64(2);
    r.actor_name = s.text(3);
    r.action = s.text(4);
    r.entity_type = s.text(5);
    r.entity_id = s.opt_int64(6);
    std::string diff_text = s.text(7);
    r.diff = Json::parse(diff_text, nullptr, false);
    if (r.diff.is_discarded()) r.diff = diff_text;
    r.request_id = s.text(8);
    r.client_address = s.text(9);
    r.prev_hash = s.text(10);
    r.hash = s.text(11);
    out.first.push_back(std::move(r));
  }
  return out;
}

AuditVerification AuditLog::verify(storage::Connection& c) const {
  static constexpr char kAll[] =
      "SELECT id, at, actor_id, actor_name, action, entity_type, entity_id, diff, request_id, client_address, "
      "prev_hash, hash FROM audit_log ORDER BY id";
  AuditVerification v;
  auto fail = [&v](Id id, std::string problem) {
    v.ok = false;
    v.first_bad_id = id;
    v.problem = std::move(problem);
    return v;
  };

  std::string expected_prev = kAuditGenesisHash;
  std::optional<Id> prev_id;
  auto s = c.prepare(kAll);
  while (s.step()) {
    Row r;
    r.id = s.int64(0);
    r.at = s.text_view(1);
    r.actor_id = s.opt_int64(2);
    r.actor_name = s.text_view(3);
    r.action = s.text_view(4);
    r.entity_type = s.text_view(5);
    r.entity_id = s.opt_int64(6);
    r.diff = s.text_view(7);
    r.request_id = s.text_view(8);
    r.client_address = s.text_view(9);
    std::string_view const prev_hash = s.text_view(10);
    std::string_view const hash = s.text_view(11);
    ++v.rows_checked;

    if (prev_id && r.id != *prev_id + 1) {
      return fail(r.id, *prev_id >= r.id ? "id not greater than the previous row's"
                                         : "rows missing before it (previous id " + std::to_string(*prev_id) +
                                               "): removed, or this row was inserted out of order");
    }
    if (prev_hash != expected_prev) {
      return fail(r.id, prev_id ? "prev_hash does not match row " + std::to_string(*prev_id) +
                                      "'s hash: a row before it was removed, altered, or this row inserted out of order"
                                : "the first row's prev_hash is not the genesis hash: earlier rows were removed");
    }
    if (chain_hash(prev_hash, r) != hash) return fail(r.id, "content altered: the stored hash does not match the row");
    expected_prev = std::string(hash);
    prev_id = r.id;
  }
  return v;
}

}  // namespace zhiku
