#include "http/metrics.hpp"

#include <sstream>

namespace zhiku::http {

void Metrics::observe(std::string const& method, std::string const& route, int status, double seconds) {
  std::string series = method + "|" + route;
  std::lock_guard lock(mu_);
  ++requests_[series + "|" + std::to_string(status)];
  Series& s = latency_[series];
  ++s.count;
  s.sum += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
}

namespace {
std::string labels(std::string const& key) {
  size_t a = key.find('|');
  size_t b = key.find('|', a + 1);
  std::string out = "method=\"" + key.substr(0, a) + "\",route=\"" + key.substr(a + 1, b - a - 1) + "\"";
  if (b != std::string::npos) out += ",status=\"" + key.substr(b + 1) + "\"";
  return out;
}
}  // namespace

std::string Metrics::render() const {
  std::ostringstream out;
  out << "# HELP zhiku_http_requests_total Requests answered, by route and status.\n"
         "# TYPE zhiku_http_requests_total counter\n";
  std::lock_guard lock(mu_);
  for (auto const& [k, n] : requests_) out << "zhiku_http_requests_total{" << labels(k) << "} " << n << "\n";
  out << "# HELP zhiku_http_request_duration_seconds Time from a complete request to its response.\n"
         "# TYPE zhiku_http_request_duration_seconds histogram\n";
  for (auto const& [k, s] : latency_) {
    std::string l = labels(k);
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out << "zhiku_http_request_duration_seconds_bucket{" << l << ",le=\"" << kBuckets[i] << "\"} " << s.buckets[i]
          << "\n";
    out << "zhiku_http_request_duration_seconds_bucket{" << l << ",le=\"+Inf\"} " << s.count << "\n";
    out << "zhiku_http_request_duration_seconds_sum{" << l << "} " << s.sum << "\n";
    out << "zhiku_http_request_duration_seconds_count{" << l << "} " << s.count << "\n";
  }
  out << "# HELP zhiku_http_open_connections Connections open now.\n# TYPE zhiku_http_open_connections gauge\n"
      << "zhiku_http_open_connections " << open_connections_.load() << "\n";
  out << "# HELP zhiku_http_connections_total Connections accepted.\n# TYPE zhiku_http_connections_total counter\n"
      << "zhiku_http_connections_total " << total_connections_.load() << "\n";
  return out.str();
}

}  // namespace zhiku::http
