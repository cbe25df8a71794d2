// A function run every `interval` on its own thread, driven by an Asio steady timer; the
// background work of the app (firing due reminders, sending the outbox). The Asio headers stay
// in the .cpp file.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace zhiku {

class PeriodicTask {
 public:
  // Starts at once: the first run is one `interval` from now. `name` is for the log. Exceptions
  // that `fn` throws are logged; the next run still comes.
  PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> fn);
  ~PeriodicTask();  // stop()
  PeriodicTask(PeriodicTask const&) = delete;
  PeriodicTask& operator=(PeriodicTask const&) = delete;

  // Runs `fn` as soon as possible (out of turn), e.g. after new work was queued.
  void poke();
  // Waits for a run in progress, then stops (idempotent).
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace zhiku
