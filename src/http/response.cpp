#include "http/response.hpp"

#include <filesystem>
#include <system_error>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace zhiku::http {

Response Response::json(Json const& j, int status) {
  Response r;
  r.status = status;
  // Replace rather than throw on invalid UTF-8 that slipped into stored text.
  r.body = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response Response::created(Json const& j, std::string location) {
  Response r = json(j, 201);
  r.header("Location", std::move(location));
  return r;
}

Response& Response::etag(std::int64_t version) & {
  // Built piecewise: GCC 12's -Wrestrict misfires on "\"" + to_string(…) at -O3 (GCC bug 105329).
  std::string value = std::to_string(version);
  value.insert(value.begin(), '"');
  value.push_back('"');
  return header("ETag", std::move(value));
}

Response& Response::attachment(std::string_view ascii_name, std::string_view utf8_name) & {
  std::string value = "attachment; filename=\"";
  value += ascii_name;
  value += "\"; filename*=UTF-8''";
  value += boost::urls::encode(utf8_name, boost::urls::unreserved_chars);
  return header("Content-Disposition", std::move(value));
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response Response::text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

Response Response::file(std::string path, std::string content_type, std::string_view download_name) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw Error::not_found("文件不存在或已被删除");
  Response r;
  r.content_type = std::move(content_type);
  r.file_path = std::move(path);
  if (!download_name.empty()) {
    // Old clients get the name with anything outside printable ASCII (and quotes) as '_'.
    std::string ascii;
    for (char c : download_name) {
      auto u = static_cast<unsigned char>(c);
      if (u >= 0x80 && (u & 0xC0) == 0x80) continue;  // one '_' per UTF-8 character
      ascii.push_back(u < 0x20 || u >= 0x7F || c == '"' || c == '\\' ? '_' : c);
    }
    r.attachment(ascii, download_name);
  }
  return r;
}

namespace {
Json problem_json(int status, std::string title, std::string detail, std::vector<FieldError> const& errors) {
  Json j = Json::object();
  j["type"] = "about:blank";
  j["status"] = status;
  j["title"] = std::move(title);
  j["detail"] = std::move(detail);
  if (!errors.empty()) {
    Json list = Json::array();
    for (auto const& e : errors) {
      Json item = Json::object();
      item["field"] = e.field;
      item["message"] = e.message;
      list.push_back(std::move(item));
    }
    j["errors"] = std::move(list);
  }
  return j;
}

Response problem_response(Json const& j, int status) {
  Response r = Response::json(j, status);
  r.content_type = "application/problem+json";
  return r;
}
}  // namespace

Response Response::problem(int status, std::string title, std::string detail, std::vector<FieldError> const& errors) {
  return problem_response(problem_json(status, std::move(title), std::move(detail), errors), status);
}

Response Response::problem_with(int status, std::string detail, Json members) {
  Json j = problem_json(status, reason_of(status), std::move(detail), {});
  for (auto& [key, value] : members.items()) j[key] = std::move(value);
  return problem_response(j, status);
}

Response Response::from_error(Error const& e) {
  int status = status_of(e.code());
  Json j = problem_json(status, reason_of(status), e.detail(), e.errors());
  if (!e.allowed().empty()) j["allowed"] = e.allowed();
  Response r = problem_response(j, status);
  if (e.retry_after_seconds() > 0) r.header("Retry-After", std::to_string(e.retry_after_seconds()));
  return r;
}

int status_of(Errc code) {
  switch (code) {
    case Errc::invalid_argument:
      return 400;
    case Errc::unauthenticated:
      return 401;
    case Errc::forbidden:
      return 403;
    case Errc::not_found:
      return 404;
    case Errc::conflict:
      return 409;
    case Errc::precondition_failed:
      return 412;
    case Errc::payload_too_large:
      return 413;
    case Errc::unsupported_media_type:
      return 415;
    case Errc::too_many_requests:
      return 429;
    case Errc::unavailable:
      return 503;
  }
  return 500;
}

char const* reason_of(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

}  // namespace zhiku::http
