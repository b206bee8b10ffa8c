// Who a routed subscription admits (its scope) and when (its gate), as in
// astrid-events 0.10: a runtime creates its routes staged behind one shared
// gate while it gets ready, and publishes the gate to open them all at once;
// a runtime that replaces another retires the old gate first, so no event
// reaches both.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace astrid::bus {

/// Who a routed subscription admits, by the publishing principal of each
/// event (events without a principal are the system's). Out-of-scope events
/// never reach the queue and never wake the receiver.
class routed_scope {
 public:
  /// The four scopes.
  enum class kind : std::uint8_t { everyone, system_only, principal, principal_or_system };

  /// Every event (the default).
  static routed_scope everyone() { return routed_scope{kind::everyone, {}}; }
  /// Events without a principal (kernel and runtime events) only.
  static routed_scope system_only() { return routed_scope{kind::system_only, {}}; }
  /// `p`'s events only: neither other principals' nor the system's.
  static routed_scope principal(std::string p) {
    return routed_scope{kind::principal, std::move(p)};
  }
  /// `p`'s events and those without a principal.
  static routed_scope principal_or_system(std::string p) {
    return routed_scope{kind::principal_or_system, std::move(p)};
  }

  /// Which scope this is.
  kind which() const noexcept { return kind_; }
  /// The principal of `principal` and `principal_or_system` scopes ("" otherwise).
  const std::string& principal_name() const noexcept { return principal_; }

  /// True when an event from `from` (nullopt: the system) is in scope. Never throws.
  bool admits(const std::optional<std::string>& from) const noexcept {
    switch (kind_) {
      case kind::everyone: return true;
      case kind::system_only: return !from;
      case kind::principal: return from && *from == principal_;
      case kind::principal_or_system: return !from || *from == principal_;
    }
    return false;
  }

  /// "everyone", "system", "principal:P" or "principal_or_system:P", for
  /// logs. Throws std::bad_alloc only.
  std::string to_string() const;

  friend bool operator==(const routed_scope&, const routed_scope&) = default;

 private:
  routed_scope(kind k, std::string p) : kind_{k}, principal_{std::move(p)} {}
  kind kind_ = kind::everyone;
  std::string principal_;
};

/// An admission gate shared by routed subscriptions. Copies share one gate.
/// While it is not published, the routes behind it reject matching events
/// when they would be queued: they are not buffered for later and are not
/// the subscriber's lag. Thread-safe.
class route_gate {
 public:
  /// A gate that admits events (the default of routed_options). Throws
  /// std::bad_alloc only.
  static route_gate published();
  /// A gate that admits nothing until publish(). Throws std::bad_alloc only.
  static route_gate staged();

  /// Opens every route sharing the gate, at once: an event published after
  /// this returns reaches all of them. Never throws.
  void publish() noexcept;
  /// Closes them again: an event published after this returns reaches none.
  /// Never throws.
  void retire() noexcept;
  /// True while the gate admits events. Never throws.
  bool is_published() const noexcept;

  /// For the bus: calls `on_change(is_published())` at once, then
  /// `on_change(published)` after every publish() and retire() on the
  /// calling thread, in order, until unwatch(returned id). A connected bus
  /// forwards its gate to the owning bus this way.
  /// `on_change` must not throw or block. Throws std::bad_alloc only.
  std::uint64_t watch(std::function<void(bool)> on_change) const;
  /// Ends a watch. Never throws.
  void unwatch(std::uint64_t id) const noexcept;

  /// True when both share one gate.
  friend bool operator==(const route_gate& a, const route_gate& b) noexcept {
    return a.state_ == b.state_;
  }

 private:
  struct state;
  explicit route_gate(bool open);
  std::shared_ptr<state> state_;
};

/// How event_bus::subscribe_routed sets up a routed subscription.
struct routed_options {
  /// The capsule's label: bus_stats key and `capsule=` in logs.
  std::string capsule_label = "untagged";
  /// The subscriber's label: `subscriber=` in logs.
  std::string subscriber_label = "untagged";
  /// Who it admits.
  routed_scope scope = routed_scope::everyone();
  /// When it admits: the default gate is its own and published.
  route_gate gate = route_gate::published();
};

}  // namespace astrid::bus
