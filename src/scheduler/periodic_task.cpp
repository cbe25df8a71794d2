#include "scheduler/periodic_task.hpp"

#include <atomic>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

namespace zhiku {

namespace asio = boost::asio;

struct PeriodicTask::State {
  std::string name;
  std::chrono::milliseconds interval;
  std::function<void()> fn;
  asio::io_context io;
  asio::steady_timer timer{io};
  std::atomic<bool> stopped{false};
  std::thread thread;

  void run_once() {
    if (stopped) return;
    try {
      fn();
    } catch (std::exception const& e) {
      spdlog::error("{}: {}", name, e.what());
    }
  }
  void arm() {
    if (stopped) return;
    timer.expires_after(interval);
    timer.async_wait([this](boost::system::error_code ec) {
      if (ec || stopped) return;
      run_once();
      arm();
    });
  }
};

PeriodicTask::PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> fn)
    : state_(std::make_unique<State>()) {
  state_->name = std::move(name);
  state_->interval = interval;
  state_->fn = std::move(fn);
  state_->arm();
  state_->thread = std::thread([s = state_.get()] { s->io.run(); });
}

PeriodicTask::~PeriodicTask() { stop(); }

void PeriodicTask::poke() {
  if (!state_ || state_->stopped) return;
  asio::post(state_->io, [s = state_.get()] { s->run_once(); });
}

void PeriodicTask::stop() {
  if (!state_ || state_->stopped.exchange(true)) return;
  asio::post(state_->io, [s = state_.get()] {
    s->timer.cancel();
    s->io.stop();
  });
  if (state_->thread.joinable()) state_->thread.join();
}

}  // namespace zhiku
