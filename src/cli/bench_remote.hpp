// `astrid-bus bench remote-fanout | remote-latency`: the bus serving other
// processes over loopback, to set against NATS (peers/nats/bench.sh).
#pragma once

#include "cli/bench.hpp"

namespace astrid::cli::bench {

/// 1 publisher (post) on a served bus; `receivers` `astrid-bus tail`
/// processes each receive all `events` (64-byte payloads) over loopback.
/// Rate = events / (first post .. last receiver done).
result remote_fanout(std::size_t receivers, std::uint64_t events, progress& bar);

/// Publish-to-receive latency of one receiver on another actor system over
/// loopback: posted at `rate` events/s (as the NATS peer publishes), or with
/// `rate` 0 one event in flight at a time. Throws std::runtime_error when
/// the one in flight is not received within 30 s.
result remote_latency(std::uint64_t events, std::uint64_t rate, progress& bar);

}  // namespace astrid::cli::bench
