// Hostile text into every field, generated from schema/openapi.yaml: for every operation with a
// JSON body, every string field gets each value of a corpus of hostile texts (SQL and FTS5
// fragments, script and event handlers, RTL and zero-width marks, combining characters, 4-byte
// emoji, NUL, invalid UTF-8, a 1 MB string, and values of the wrong type), sent by a caller
// whose role the route allows; every integer field gets text. The rest of the body is a valid
// one made from the schema (examples, enums, formats, lengths), with path ids taken from the
// collection's own list where it has items. The answer must be:
//   - never a 500, never a hang or a dropped connection;
//   - when the valid body succeeds: 2xx with the value stored exactly (as the server trims it)
//     and read back the same, neighbour fields unchanged; or 400 naming the field. A value of the
//     wrong type must get 400 naming the field; invalid UTF-8 (not a JSON text) 400.
// Then the same corpus through every query parameter of every GET operation: never a 500.
// Run alone with `integration_tests "[hostile]"`. New operations in the document are covered
// without editing this test. The figures
// (operations, fields × values, requests) are printed at the end.
#include <catch2/catch.hpp>

#include <yaml.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "core/text.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

// ---- the OpenAPI document as JSON (libyaml events; every scalar kept as text)
Json load_yaml(std::string const& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  REQUIRE(f);
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_file(&parser, f);
  std::vector<Json> stack;
  std::vector<std::optional<std::string>> keys;  // pending key per open mapping
  Json root;
  auto add = [&](Json v) {
    if (stack.empty()) {
      root = std::move(v);
      return;
    }
    Json& top = stack.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
    } else if (!keys.back()) {
      keys.back() = v.is_string() ? v.get<std::string>() : v.dump();
    } else {
      top[*keys.back()] = std::move(v);
      keys.back().reset();
    }
  };
  for (bool done = false; !done;) {
    yaml_event_t ev;
    REQUIRE(yaml_parser_parse(&parser, &ev));
    switch (ev.type) {
      case YAML_SCALAR_EVENT:
        add(std::string(reinterpret_cast<char const*>(ev.data.scalar.value), ev.data.scalar.length));
        break;
      case YAML_SEQUENCE_START_EVENT:
        stack.push_back(Json::array());
        keys.emplace_back();
        break;
      case YAML_MAPPING_START_EVENT:
        stack.push_back(Json::object());
        keys.emplace_back();
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Json v = std::move(stack.back());
        stack.pop_back();
        keys.pop_back();
        add(std::move(v));
        break;
      }
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      default:
        break;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  std::fclose(f);
  return root;
}

struct Doc {
  Json root;
  // The schema with $ref followed and allOf merged (one level of properties is what the
  // request bodies use).
  Json resolve(Json s, int depth = 0) const {
    if (depth > 10 || !s.is_object()) return s;
    if (s.contains("$ref")) {
      auto ref = s["$ref"].get<std::string>();
      Json const* at = &root;
      std::stringstream parts(ref.substr(2));
      for (std::string part; std::getline(parts, part, '/');) at = &(*at)[part];
      return resolve(*at, depth + 1);
    }
    if (s.contains("allOf")) {
      Json merged = Json::object();
      merged["type"] = "object";
      merged["properties"] = Json::object();
      merged["required"] = Json::array();
      for (auto const& part : s["allOf"]) {
        Json r = resolve(part, depth + 1);
        if (r.contains("properties"))
          for (auto& [k, v] : r["properties"].items()) merged["properties"][k] = v;
        if (r.contains("required"))
          for (auto const& k : r["required"]) merged["required"].push_back(k);
      }
      return merged;
    }
    for (char const* alt : {"oneOf", "anyOf"})
      if (s.contains(alt) && s[alt].is_array() && !s[alt].empty()) return resolve(s[alt][0], depth + 1);
    return s;
  }
};

std::string type_of(Json const& s) {
  if (!s.contains("type")) return s.contains("properties") ? "object" : "";
  if (s["type"].is_string()) return s["type"].get<std::string>();
  for (auto const& t : s["type"])
    if (t != "null") return t.get<std::string>();
  return "";
}
long long num_or(Json const& s, char const* key, long long dflt) {
  if (!s.contains(key)) return dflt;
  try {
    return std::stoll(s[key].get<std::string>());
  } catch (...) {
    return dflt;
  }
}

int g_unique = 0;

// A valid value for `s` (schema already resolved).
Json sample(Doc const& doc, Json const& raw, std::string const& name) {
  Json s = doc.resolve(raw);
  std::string t = type_of(s);
  auto as_type = [&](std::string const& text) -> Json {
    if (t == "integer") return std::stoll(text);
    if (t == "number") return std::stod(text);
    if (t == "boolean") return text == "true";
    return text;
  };
  try {
    if (s.contains("enum") && !s["enum"].empty()) return as_type(s["enum"][0].get<std::string>());
    if (s.contains("example") && s["example"].is_string()) return as_type(s["example"].get<std::string>());
    if (s.contains("default") && s["default"].is_string()) return as_type(s["default"].get<std::string>());
  } catch (...) {
  }
  if (t == "integer" || t == "number") return num_or(s, "minimum", 1) > 0 ? num_or(s, "minimum", 1) : 1;
  if (t == "boolean") return false;
  if (t == "array") {
    Json a = Json::array();
    if (num_or(s, "minItems", 0) > 0 && s.contains("items")) a.push_back(sample(doc, s["items"], name));
    return a;
  }
  if (t == "object") {
    Json o = Json::object();
    if (s.contains("required"))
      for (auto const& k : s["required"]) o[k.get<std::string>()] = sample(doc, s["properties"][k.get<std::string>()], k);
    return o;
  }
  std::string format = s.value("format", "");
  if (format == "date") return "2026-12-02";
  if (format == "date-time") return "2026-12-02T08:00:00Z";
  if (format == "email" || name == "email") return "hostile" + std::to_string(++g_unique) + "@example.cn";
  if (format == "uri" || name == "url") return "https://example.cn/a";
  std::string text = "样本文字" + std::to_string(++g_unique);
  auto min = static_cast<std::size_t>(num_or(s, "minLength", 1));
  auto max = static_cast<std::size_t>(num_or(s, "maxLength", 200));
  while (utf8_length(text) < min) text += "字";
  while (utf8_length(text) > max && !text.empty()) text.pop_back();
  return text;
}

// ---- the hostile corpus
enum class Kind { text, wrong_type, invalid_utf8 };
struct Hostile {
  char const* label;
  Kind kind;
  Json value;         // for text and wrong_type
  std::string bytes;  // for invalid_utf8: written raw inside the JSON string
};
std::vector<Hostile> const& corpus() {
  static std::vector<Hostile> const c = [] {
    std::vector<Hostile> v = {
        {"sql", Kind::text, "'); DROP TABLE users; -- \" OR 1=1 --", ""},
        {"fts5", Kind::text, "\"城市\" NEAR(规划 更新, 2) OR col:x* ^y AND NOT -z", ""},
        {"script", Kind::text, "<script>alert(1)</script>", ""},
        {"event handler", Kind::text, "<img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">点</a>", ""},
        {"rtl and zero-width", Kind::text, "\u202E\u5DE5\u7A0B\u202C\u200B\u200D\u2066x\u2069\uFEFF\u200E", ""},
        {"combining marks", Kind::text, "Z\u0351\u0352\u0353a\u0300\u0301\u0302\u0303\u0304\u0305lgo\u0489", ""},
        {"4-byte emoji", Kind::text, "😀👨‍👩‍👧‍👦𠮷𪚥🇨🇳", ""},
        {"NUL", Kind::text, std::string("a\0b", 3), ""},
        {"1 MB", Kind::text, std::string(1'000'000, 'a'), ""},
        {"number for text", Kind::wrong_type, 12345, ""},
        {"object for text", Kind::wrong_type, Json{{"a", 1}}, ""},
        {"array for text", Kind::wrong_type, Json::array({"a"}), ""},
        {"invalid UTF-8", Kind::invalid_utf8, nullptr, "ab\xff\xfe\xc3("},
    };
    return v;
  }();
  return c;
}

// The body with `field` set to the hostile value, as bytes.
std::string body_with(Json body, std::string const& field, Hostile const& h) {
  if (h.kind != Kind::invalid_utf8) {
    body[field] = h.value;
    return body.dump();
  }
  body[field] = "@@HOSTILE@@";
  std::string out = body.dump();
  out.replace(out.find("@@HOSTILE@@"), 11, h.bytes);
  return out;
}

bool names_field(HttpResponse const& r, std::string const& field) {
  try {
    Json j = r.json();
    if (j.contains("errors"))
      for (auto const& e : j["errors"]) {
        auto f = e.value("field", "");
        if (f == field || f.rfind(field + ".", 0) == 0 || f.rfind(field + "[", 0) == 0) return true;
      }
    return j.value("detail", "").find(field) != std::string::npos;
  } catch (...) {
    return false;
  }
}

bool is_2xx(int status) { return status >= 200 && status < 300; }

std::string fill_path(std::string path, std::map<std::string, std::string> const& ids) {
  for (auto const& [name, value] : ids) {
    auto at = path.find("{" + name + "}");
    if (at != std::string::npos) path.replace(at, name.size() + 2, value);
  }
  for (auto at = path.find('{'); at != std::string::npos; at = path.find('{')) path.replace(at, path.find('}', at) - at + 1, "1");
  return path;
}

std::string url_encode(std::string const& s) {
  static char const hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

struct Callers {
  Personas& p;
  HttpClient anonymous;
  HttpClient* for_policy(http::Policy const& policy) {
    if (policy.who == http::Policy::Who::anyone) return &anonymous;
    if (policy.who == http::Policy::Who::signed_in) return &p.coordinator;
    for (auto [role, client] : {std::pair{Role::coordinator, &p.coordinator}, std::pair{Role::admin, &p.admin},
                                std::pair{Role::expert, &p.expert_alice}, std::pair{Role::leader, &p.leader}})
      if (policy.roles.has(role)) return client;
    return &p.coordinator;
  }
};

// Operations that change the caller's own credentials or sign-in state: their fields are
// secrets checked against stored hashes, not texts stored and shown, and a success would sign
// the persona out for the rest of the run.
bool changes_credentials(std::string const& path) { return path.rfind("/api/v1/auth/", 0) == 0; }

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST_CASE("hostile text in every string field of every JSON body is stored exactly or refused naming the field",
          "[integration][hostile]") {
  Doc doc{load_yaml(std::string(ZHIKU_SOURCE_DIR) + "/schema/openapi.yaml")};
  TestServer server;
  Personas personas = make_personas(server);
  Callers callers{personas, HttpClient(server.port())};
  std::map<std::string, http::Route const*> routes;
  for (auto const& r : server.app().router().routes()) routes[r.method + " " + r.pattern] = &r;

  int operations = 0, reachable = 0, fields = 0, requests = 0, stored = 0, refused = 0;
  for (auto const& [path, item] : doc.root["paths"].items()) {
    for (auto const& [method_lc, op] : item.items()) {
      if (!op.is_object() || !op.contains("requestBody")) continue;
      auto const& content = op["requestBody"].value("content", Json::object());
      if (!content.contains("application/json")) continue;
      std::string method = method_lc;
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      auto route = routes.find(method + " " + path);
      if (route == routes.end() || changes_credentials(path)) continue;
      Json schema = doc.resolve(content["application/json"]["schema"]);
      if (type_of(schema) != "object" || !schema.contains("properties")) continue;
      ++operations;
      HttpClient& client = *callers.for_policy(route->second->policy);

      // Path ids from the collection's own list, where it has items.
      std::map<std::string, std::string> ids;
      if (auto brace = path.find("/{"); brace != std::string::npos) {
        auto list = client.get(path.substr(0, brace) + "?page_size=1");
        if (list.status == 200) {
          try {
            Json j = list.json();
            if (j.contains("items") && !j["items"].empty() && j["items"][0].contains("id"))
              ids[path.substr(brace + 2, path.find('}', brace) - brace - 2)] = std::to_string(j["items"][0]["id"].get<long long>());
          } catch (...) {
          }
        }
      }
      std::string target = fill_path(path, ids);
      bool readable = routes.count("GET " + path) > 0;

      // A valid body: every required property and every optional string one.
      auto make_base = [&] {
        Json base = Json::object();
        auto required = schema.value("required", Json::array());
        for (auto const& [name, prop] : schema["properties"].items()) {
          Json p = doc.resolve(prop);
          bool is_required = std::find(required.begin(), required.end(), name) != required.end();
          if (p.value("readOnly", "") == "true") continue;
          if (is_required || (type_of(p) == "string" && !p.contains("enum"))) base[name] = sample(doc, p, name);
        }
        if (schema["properties"].contains("version") && readable) {
          auto current = client.get(target);
          if (current.status == 200) try {
              base["version"] = current.json().value("version", 1);
            } catch (...) {
            }
        }
        return base;
      };
      auto send = [&](std::string const& body) {
        ++requests;
        return client.request(method, target, body, "application/json");
      };
      Json probe = make_base();
      auto base_answer = send(probe.dump());
      INFO(method << " " << target << " valid body " << probe.dump() << " → " << base_answer.status << " "
                  << base_answer.body.substr(0, 300));
      REQUIRE(base_answer.status != 0);
      CHECK(base_answer.status != 500);
      bool base_ok = is_2xx(base_answer.status);
      if (base_ok) ++reachable;

      for (auto const& [field, raw_prop] : schema["properties"].items()) {
        Json prop = doc.resolve(raw_prop);
        std::string t = type_of(prop);
        if (field == "version" || (t != "string" && t != "integer")) continue;
        bool text_field = t == "string" && !prop.contains("enum") && !prop.contains("format");
        ++fields;
        std::vector<Hostile> values;
        if (t == "integer")
          values.push_back({"text for a number", Kind::wrong_type, "十二", ""});
        else
          values = corpus();
        for (auto const& h : values) {
          Json base = make_base();
          auto r = send(body_with(base, field, h));
          INFO(method << " " << target << " field " << field << " ← " << h.label << " → " << r.status << " "
                      << r.body.substr(0, 400));
          REQUIRE(r.status != 0);  // answered, not dropped or hung
          CHECK(r.status != 500);
          if (!base_ok) continue;
          if (h.kind == Kind::invalid_utf8) {
            CHECK(r.status == 400);
            continue;
          }
          if (h.kind == Kind::wrong_type) {
            CHECK(r.status == 400);
            if (r.status == 400) CHECK(names_field(r, field));
            continue;
          }
          if (!text_field) {  // an enum, a date, an e-mail: the text is refused or kept
            CHECK((is_2xx(r.status) || r.status == 400));
            continue;
          }
          if (r.status == 400) {
            ++refused;
            CHECK(names_field(r, field));
            continue;
          }
          CHECK(is_2xx(r.status));
          if (!is_2xx(r.status) || r.status == 204 || r.body.empty()) continue;
          ++stored;
          std::string want = trim_text(h.value.get<std::string>());
          Json answer = r.json();
          // Read back: the resource itself where the document has a GET for it.
          Json back = answer;
          if (method == "POST" && answer.contains("id") && routes.count("GET " + path + "/{id}")) {
            auto g = client.get(target + "/" + std::to_string(answer["id"].get<long long>()));
            if (g.status == 200) back = g.json();
          } else if (method != "POST" && readable) {
            auto g = client.get(target);
            if (g.status == 200) back = g.json();
          }
          for (Json const* j : {&answer, &back}) {
            if (j->contains(field) && (*j)[field].is_string()) CHECK((*j)[field].get<std::string>() == want);
            for (auto const& [other, sent] : base.items())
              if (other != field && sent.is_string() && j->contains(other) && (*j)[other].is_string())
                CHECK((*j)[other].get<std::string>() == trim_text(sent.get<std::string>()));
          }
        }
      }
    }
  }
  std::cout << "hostile text: " << operations << " operations with a JSON body (" << reachable
            << " whose valid body succeeded), " << fields << " fields, " << requests << " requests; " << stored
            << " hostile texts stored and read back, " << refused << " refused naming the field\n";
  CHECK(operations > 20);
}

TEST_CASE("hostile text in every query parameter of every GET operation never breaks the server",
          "[integration][hostile]") {
  Doc doc{load_yaml(std::string(ZHIKU_SOURCE_DIR) + "/schema/openapi.yaml")};
  TestServer server;
  Personas personas = make_personas(server);
  Callers callers{personas, HttpClient(server.port())};
  std::map<std::string, http::Route const*> routes;
  for (auto const& r : server.app().router().routes()) routes[r.method + " " + r.pattern] = &r;
  int operations = 0, params = 0, requests = 0;
  for (auto const& [path, item] : doc.root["paths"].items()) {
    if (!item.contains("get")) continue;
    auto route = routes.find("GET " + path);
    if (route == routes.end()) continue;
    std::vector<Json> all;
    for (Json const* list : {&item, &item["get"]})
      if (list->contains("parameters"))
        for (auto const& p : (*list)["parameters"]) all.push_back(doc.resolve(p));
    bool any = false;
    for (auto const& p : all) {
      if (p.value("in", "") != "query") continue;
      any = true;
      ++params;
      std::string name = p.value("name", "");
      HttpClient& client = *callers.for_policy(route->second->policy);
      for (auto const& h : corpus()) {
        std::string value = h.kind == Kind::invalid_utf8 ? h.bytes
                            : h.value.is_string()      ? h.value.get<std::string>()
                                                       : h.value.dump();
        if (value.size() > 4000) value.resize(4000);  // a target, not a body: the header limit applies
        ++requests;
        auto r = client.get(fill_path(path, {}) + "?" + url_encode(name) + "=" + url_encode(value));
        INFO("GET " << path << " ?" << name << " ← " << h.label << " → " << r.status << " " << r.body.substr(0, 300));
        REQUIRE(r.status != 0);
        CHECK(r.status != 500);
        if (r.status == 400 && r.is_problem()) CHECK(lower(r.body).find(lower(name)) != std::string::npos);
      }
    }
    if (any) ++operations;
  }
  std::cout << "hostile query text: " << operations << " GET operations, " << params << " query parameters, "
            << requests << " requests\n";
  CHECK(operations > 5);
}
