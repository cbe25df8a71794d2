#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace zhiku::http {

namespace {
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}
bool is_param(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }
}  // namespace

int Policy::gate(Principal const* p) const {
  if (who == Who::anyone) return 0;
  if (!p) return 401;
  if (who == Who::roles && !p->roles.intersects(roles)) return 403;
  return 0;
}

void Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/')
    throw std::logic_error("route pattern must start with '/': " + route.pattern);
  if (route.method != "GET" && route.method != "POST" && route.method != "PUT" && route.method != "PATCH" &&
      route.method != "DELETE")
    throw std::logic_error("unsupported method for " + route.pattern);
  if (route.method != "GET") route.exec = Exec::worker;
  Compiled c;
  for (auto seg : split_path(route.pattern)) c.segments.emplace_back(seg);
  // Parameter names do not matter: "/x/{id}" and "/x/{name}" match the same requests.
  auto same_shape = [](std::vector<std::string> const& a, std::vector<std::string> const& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](std::string const& x, std::string const& y) {
      return x == y || (is_param(x) && is_param(y));
    });
  };
  for (size_t i = 0; i < routes_.size(); ++i)
    if (routes_[i].method == route.method && same_shape(compiled_[i].segments, c.segments))
      throw std::logic_error("duplicate route " + route.method + " " + route.pattern);
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(c));
}

void Router::get(std::string pattern, Policy policy, Handler h, std::string summary) {
  add({"GET", std::move(pattern), std::move(policy), std::move(h), Exec::inline_read, std::move(summary), false});
}
void Router::post_stream(std::string pattern, Policy policy, OpenSink open_sink, FinishUpload finish,
                         StreamOptions options) {
  if (!open_sink || !finish) throw std::logic_error("post_stream needs a sink and a finish: " + pattern);
  Route route{"POST", std::move(pattern), std::move(policy), nullptr, Exec::worker, std::move(options.summary), false};
  route.open_sink = std::move(open_sink);
  route.finish = std::move(finish);
  route.max_body_bytes = options.max_bytes;
  add(std::move(route));
}
void Router::post(std::string pattern, Policy policy, Handler h, std::string summary) {
  add({"POST", std::move(pattern), std::move(policy), std::move(h), Exec::worker, std::move(summary), false});
}
void Router::put(std::string pattern, Policy policy, Handler h, std::string summary) {
  add({"PUT", std::move(pattern), std::move(policy), std::move(h), Exec::worker, std::move(summary), false});
}
void Router::patch(std::string pattern, Policy policy, Handler h, std::string summary) {
  add({"PATCH", std::move(pattern), std::move(policy), std::move(h), Exec::worker, std::move(summary), false});
}
void Router::del(std::string pattern, Policy policy, Handler h, std::string summary) {
  add({"DELETE", std::move(pattern), std::move(policy), std::move(h), Exec::worker, std::move(summary), false});
}

Match Router::match(std::string_view method, std::string_view path) const {
  if (method == "HEAD") method = "GET";
  auto segs = split_path(path);
  Match result;
  // Literal segments beat parameters: "/experts/me" wins over "/experts/{id}".
  int best_score = -1;
  for (size_t i = 0; i < routes_.size(); ++i) {
    auto const& pat = compiled_[i].segments;
    if (pat.size() != segs.size()) continue;
    int score = 0;
    bool ok = true;
    for (size_t k = 0; k < pat.size() && ok; ++k) {
      if (is_param(pat[k]))
        ok = !segs[k].empty();
      else if (pat[k] == segs[k])
        score += 1 << (pat.size() - k);
      else
        ok = false;
    }
    if (!ok) continue;
    if (routes_[i].method != method) {
      if (std::find(result.allowed.begin(), result.allowed.end(), routes_[i].method) == result.allowed.end())
        result.allowed.push_back(routes_[i].method);
      continue;
    }
    if (score <= best_score) continue;
    best_score = score;
    result.route = &routes_[i];
    result.params.clear();
    for (size_t k = 0; k < pat.size(); ++k)
      if (is_param(pat[k])) result.params.emplace_back(pat[k].substr(1, pat[k].size() - 2), segs[k]);
  }
  if (result.route)
    result.allowed.clear();
  else if (!result.allowed.empty() &&
           std::find(result.allowed.begin(), result.allowed.end(), "GET") != result.allowed.end())
    result.allowed.push_back("HEAD");
  return result;
}

}  // namespace zhiku::http
