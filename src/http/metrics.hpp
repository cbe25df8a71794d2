// Request counters, a latency histogram and connection gauges, rendered as Prometheus text.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace zhiku::http {

class Metrics {
 public:
  // Thread-safe. `route` is the matched pattern ("unmatched" otherwise).
  void observe(std::string const& method, std::string const& route, int status, double seconds);
  void connection_opened() { ++open_connections_; ++total_connections_; }
  void connection_closed() { --open_connections_; }
  std::int64_t open_connections() const { return open_connections_.load(); }
  std::string render() const;

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct Series {
    std::uint64_t count = 0;
    double sum = 0;
    std::array<std::uint64_t, kBuckets.size()> buckets{};
  };
  mutable std::mutex mu_;
  std::map<std::string, std::uint64_t> requests_;  // key: method|route|status
  std::map<std::string, Series> latency_;          // key: method|route
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::int64_t> total_connections_{0};
};

}  // namespace zhiku::http
