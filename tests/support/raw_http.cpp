#include "support/raw_http.hpp"

#include <cstdlib>

namespace zhiku::test {

std::string RawResponse::header(std::string const& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::vector<RawResponse> parse_raw_responses(std::string const& bytes, bool head) {
  std::vector<RawResponse> out;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t end = bytes.find("\r\n\r\n", pos);
    if (end == std::string::npos) break;
    RawResponse r;
    size_t line_end = bytes.find("\r\n", pos);
    r.status_line = bytes.substr(pos, line_end - pos);
    if (r.status_line.rfind("HTTP/1.", 0) != 0 || r.status_line.size() < 12) break;
    r.status = std::atoi(r.status_line.substr(9, 3).c_str());
    size_t p = line_end + 2;
    while (p < end) {
      size_t e = bytes.find("\r\n", p);
      std::string line = bytes.substr(p, e - p);
      size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers.emplace(std::move(name), std::move(value));
      p = e + 2;
    }
    pos = end + 4;
    bool bodiless = head || r.status < 200 || r.status == 204 || r.status == 304;
    if (!bodiless) {
      size_t length = static_cast<size_t>(std::atoll(r.header("content-length").c_str()));
      if (pos + length > bytes.size()) break;
      r.body = bytes.substr(pos, length);
      pos += length;
    }
    out.push_back(std::move(r));
  }
  return out;
}

RawResponse parse_raw_response(std::string const& bytes, bool head) {
  auto all = parse_raw_responses(bytes, head);
  return all.empty() ? RawResponse{} : all.front();
}

}  // namespace zhiku::test
