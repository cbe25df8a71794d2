// Canonical content: JSON with sorted keys (nlohmann's object is a std::map) dumped compactly.
#include "proposals/proposal_content.hpp"

#include <stdexcept>

#include "core/crypto.hpp"
#include "core/json.hpp"

namespace zhiku {

namespace {

Json opt_id(std::optional<Id> const& v) { return v ? Json(*v) : Json(); }

template <class T, class F>
T parse_enum(Json const& j, char const* key, F from_string) {
  auto v = from_string(j.at(key).get<std::string>());
  if (!v) throw std::runtime_error(std::string("canonical content: bad ") + key);
  return *v;
}

}  // namespace

std::string canonical_content(FrozenContent const& c) {
  Json j = Json::object();
  Json attachments = Json::array();
  for (auto const& a : c.attachments) {
    Json item = Json::object();
    item["filename"] = a.filename;
    item["content_type"] = a.content_type;
    item["size"] = a.size;
    item["sha256"] = a.sha256;
    attachments.push_back(std::move(item));
  }
  Json authors = Json::array();
  for (auto const& a : c.authors) {
    Json item = Json::object();
    item["expert_id"] = a.expert_id;
    item["name"] = a.name;
    item["organization"] = a.organization;
    authors.push_back(std::move(item));
  }
  Json fields = Json::array();
  for (auto const& f : c.fields) {
    Json item = Json::object();
    item["id"] = f.id;
    item["name"] = f.name;
    fields.push_back(std::move(item));
  }
  j["attachments"] = std::move(attachments);
  j["authors"] = std::move(authors);
  j["body"] = c.content.body;
  j["call_id"] = opt_id(c.content.call_id);
  j["fields"] = std::move(fields);
  j["format"] = kContentFormat;
  j["keywords"] = c.content.keywords;
  j["kind"] = to_string(c.content.kind);
  j["sensitivity"] = to_string(c.content.sensitivity);
  j["summary"] = c.content.summary;
  j["title"] = c.content.title;
  j["topic_id"] = opt_id(c.content.topic_id);
  return j.dump();
}

std::string content_sha256(FrozenContent const& c) { return sha256_hex(canonical_content(c)); }

FrozenContent parse_canonical_content(std::string_view text) {
  Json j;
  try {
    j = Json::parse(text);
  } catch (Json::exception const& e) {
    throw std::runtime_error(std::string("canonical content: ") + e.what());
  }
  if (!j.is_object() || j.value("format", "") != kContentFormat)
    throw std::runtime_error("canonical content: unknown format");
  FrozenContent out;
  try {
    auto& c = out.content;
    c.kind = parse_enum<ProposalKind>(j, "kind", proposal_kind_from_string);
    c.sensitivity = parse_enum<Sensitivity>(j, "sensitivity", sensitivity_from_string);
    c.title = j.at("title").get<std::string>();
    c.summary = j.at("summary").get<std::string>();
    c.body = j.at("body").get<std::string>();
    c.keywords = j.at("keywords").get<std::vector<std::string>>();
    if (!j.at("call_id").is_null()) c.call_id = j.at("call_id").get<Id>();
    if (!j.at("topic_id").is_null()) c.topic_id = j.at("topic_id").get<Id>();
    for (auto const& a : j.at("authors")) {
      ProposalAuthor author;
      author.expert_id = a.at("expert_id").get<Id>();
      author.name = a.at("name").get<std::string>();
      author.organization = a.at("organization").get<std::string>();
      c.author_ids.push_back(author.expert_id);
      out.authors.push_back(std::move(author));
    }
    for (auto const& f : j.at("fields")) {
      ProposalField field{f.at("id").get<Id>(), f.at("name").get<std::string>()};
      c.field_ids.push_back(field.id);
      out.fields.push_back(std::move(field));
    }
    for (auto const& a : j.at("attachments")) {
      Attachment att;
      att.filename = a.at("filename").get<std::string>();
      att.content_type = a.at("content_type").get<std::string>();
      att.size = a.at("size").get<std::int64_t>();
      att.sha256 = a.at("sha256").get<std::string>();
      out.attachments.push_back(std::move(att));
    }
  } catch (Json::exception const& e) {
    throw std::runtime_error(std::string("canonical content: ") + e.what());
  }
  return out;
}

std::string normalize_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char const c = text[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t')) out.pop_back();
  return out;
}

}  // namespace zhiku
