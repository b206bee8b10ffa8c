// The scenes of `astrid-bus demo`, each a participant (or two) of an agent
// runtime using the bus, returning the row it adds to the final table.
#pragma once

#include <astrid/bus.hpp>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace astrid::cli {

/// One line of the demo's final table.
struct demo_row {
  std::string participant;
  std::string received;
  std::string lost;
  std::string refused;
  std::string note;
};

/// The audit log as a sync subscriber whose store fails on every tenth
/// event: it throws, is restarted by the bus, and keeps receiving.
class audit_subscriber : public bus::subscriber {
 public:
  void on_event(const astrid::event& ev, bus::bus_context& ctx) override;
  std::string name() const override { return "audit"; }
  /// Throws so far.
  std::uint64_t crashes() const { return crashes_.load(); }
  /// Its table row, with the bus's crash and restart counts.
  demo_row row(const bus::bus_stats& stats) const;

 private:
  std::atomic<std::uint64_t> seen_{0};
  std::atomic<std::uint64_t> crashes_{0};
};

/// The kernel publishes its boot lifecycle and a series of health checks.
demo_row kernel_boot(bus::event_bus& bus);
/// Capsule alpha sends `requests` requests, capsule beta answers each;
/// each listens with a topic pattern. Two rows.
std::vector<demo_row> capsule_dialogue(bus::event_bus& bus, int requests);
/// An LLM capsule streams reasoning and text deltas; the CLI reassembles
/// them. Two rows.
std::vector<demo_row> llm_stream(bus::event_bus& bus);
/// A guest floods publish_ipc with large payloads and one oversized one.
demo_row guest_flood(bus::event_bus& bus);
/// The kernel publishes its shutdown (which also ends the monitor).
demo_row kernel_shutdown(bus::event_bus& bus);
/// Reads what the slow dashboard still holds and what it lost.
demo_row drain_slow(bus::event_receiver& rx);
/// True when every participant got what the demo promises.
bool demo_ok(const std::vector<demo_row>& rows);

}  // namespace astrid::cli
