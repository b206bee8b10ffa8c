// The scenes of `astrid-bus demo` (see demo_parts.hpp).
#include "cli/demo_parts.hpp"

#include <cstdio>
#include <stdexcept>
#include <thread>

namespace astrid::cli {

namespace {

using namespace std::chrono_literals;

constexpr std::string_view reply_text = "The bus fanned out every event in order; the slow "
                                        "dashboard lost only the oldest ones.";

astrid::event lifecycle(events::health_check_completed e) {
  return astrid::event{astrid::event_metadata::make("kernel"), std::move(e)};
}

template <class T>
astrid::event kernel_event(T kind) {
  return astrid::event{astrid::event_metadata::make("kernel"), std::move(kind)};
}

astrid::ipc_message message(std::string topic, astrid::ipc_payload payload, const astrid::uuid& from) {
  astrid::ipc_message msg;
  msg.topic = std::move(topic);
  msg.payload = std::move(payload);
  msg.source_id = from;
  msg.timestamp = astrid::timestamp::now();
  return msg;
}

std::string num(std::uint64_t n) { return std::to_string(n); }

}  // namespace

void audit_subscriber::on_event(const astrid::event&, bus::bus_context&) {
  if (++seen_ % 10 == 0) {
    ++crashes_;
    throw std::runtime_error{"audit store unavailable (simulated every tenth event)"};
  }
}

demo_row audit_subscriber::row(const bus::bus_stats& stats) const {
  return demo_row{"audit (sync)", num(seen_.load()), "0", "0",
                  "threw " + num(crashes_.load()) + "x; bus restarted it " +
                      num(stats.subscriber_restarts) + "x"};
}

demo_row kernel_boot(bus::event_bus& bus) {
  std::uint64_t n = 0;
  bus.publish(kernel_event(events::kernel_started{"0.8.0"}));
  bus.publish(kernel_event(events::runtime_started{"0.8.0"}));
  for (const char* name : {"alpha", "beta", "llm"})
    bus.publish(kernel_event(events::capsule_loaded{std::string{"capsule-"} + name, name}));
  bus.publish(kernel_event(events::agent_started{astrid::uuid::random(), "demo-agent"}));
  bus.publish(kernel_event(events::session_created{astrid::uuid::random()}));
  n += 7;
  for (std::uint32_t i = 1; i <= 40; ++i, ++n)
    bus.post(lifecycle(events::health_check_completed{true, i, 0}));
  std::printf("   kernel published %llu lifecycle events (7 boot + 40 health checks)\n",
              static_cast<unsigned long long>(n));
  return demo_row{"kernel", "-", "-", "0", "published " + num(n) + " lifecycle events"};
}

std::vector<demo_row> capsule_dialogue(bus::event_bus& bus, int requests) {
  const auto alpha_id = astrid::uuid::random();
  const auto beta_id = astrid::uuid::random();
  auto alpha_in = bus.subscribe_topic("astrid.*.capsule.beta.out", "alpha");
  auto beta_in = bus.subscribe_topic("astrid.v1.capsule.alpha.*", "beta");
  std::uint64_t beta_got = 0;
  std::thread beta{[&] {
    while (beta_got < static_cast<std::uint64_t>(requests)) {
      auto ev = beta_in.recv(5s);
      if (!ev) return;
      ++beta_got;
      const auto* req = astrid::as_ipc(**ev);
      auto answer = payloads::agent_response{"done: seq " + std::to_string(req->seq), true, "demo"};
      bus.publish_ipc(message("astrid.v1.capsule.beta.out", answer, beta_id));
    }
  }};
  std::uint64_t alpha_got = 0;
  for (int i = 0; i < requests; ++i) {
    bus.publish_ipc(message("astrid.v1.capsule.alpha.out",
                            payloads::user_input{"task " + std::to_string(i), "demo", {}}, alpha_id));
    if (alpha_in.recv(5s)) ++alpha_got;
  }
  beta.join();
  std::printf("   alpha sent %d requests on astrid.v1.capsule.alpha.out, got %llu answers\n", requests,
              static_cast<unsigned long long>(alpha_got));
  return {demo_row{"capsule alpha", num(alpha_got), num(alpha_in.drain_lagged()), "0",
                   "pattern astrid.*.capsule.beta.out"},
          demo_row{"capsule beta", num(beta_got), num(beta_in.drain_lagged()), "0",
                   "pattern astrid.v1.capsule.alpha.*"}};
}

std::vector<demo_row> llm_stream(bus::event_bus& bus) {
  const auto llm_id = astrid::uuid::random();
  const auto request = astrid::uuid::random();
  const auto topic = "astrid.v1.llm.stream." + to_string(request);
  auto cli_in = bus.subscribe_topic("astrid.v1.llm.stream.*", "cli");
  bus.publish(kernel_event(events::llm_stream_started{request, "demo-model"}));
  std::uint64_t sent = 0;
  auto stream = [&](llm::stream_event ev) {
    bus.publish_ipc(message(topic, payloads::llm_stream_event{request, std::move(ev)}, llm_id));
    ++sent;
  };
  for (const char* r : {"The user wants ", "a summary; ", "count what ", "arrived."})
    stream(llm::stream_events::reasoning_delta{r});
  std::string_view rest = reply_text;
  while (!rest.empty()) {
    auto cut = std::min(rest.size(), rest.find(' ', 1) == std::string_view::npos ? rest.size()
                                                                                  : rest.find(' ', 1));
    stream(llm::stream_events::text_delta{std::string{rest.substr(0, cut)}});
    rest.remove_prefix(cut);
  }
  stream(llm::stream_events::done{});
  std::string text, reasoning;
  std::uint64_t got = 0;
  while (auto ev = cli_in.try_recv()) {
    ++got;
    const auto* p = astrid::as_ipc(**ev)->payload.get_if<payloads::llm_stream_event>();
    if (const auto* t = p ? p->event.get_if<llm::stream_events::text_delta>() : nullptr) text += t->text;
    if (const auto* r = p ? p->event.get_if<llm::stream_events::reasoning_delta>() : nullptr)
      reasoning += r->text;
  }
  std::printf("   cli reasoning: \"%s\"\n   cli text:      \"%s\"\n", reasoning.c_str(), text.c_str());
  return {demo_row{"llm", "-", "-", "0", "streamed " + num(sent) + " deltas on " + topic.substr(0, 24) + "..."},
          demo_row{"cli", num(got), num(cli_in.drain_lagged()), "0",
                   text == reply_text ? "reassembled the full text" : "text INCOMPLETE"}};
}

demo_row guest_flood(bus::event_bus& bus) {
  const auto guest_id = astrid::uuid::random();
  const std::string blob(256 * 1024, 'x');
  std::uint64_t accepted = 0, too_fast = 0, too_large = 0;
  auto count = [&](const bus::publish_result& r) {
    if (r.accepted) ++accepted;
    else if (r.reason == bus::reason_payload_too_large) ++too_large;
    else if (r.reason == bus::reason_rate_limit_exceeded) ++too_fast;
  };
  for (int i = 0; i < 100; ++i)
    count(bus.publish_ipc(message("astrid.v1.capsule.guest.out", payloads::custom{blob}, guest_id)));
  count(bus.publish_ipc(message("astrid.v1.capsule.guest.out",
                                payloads::custom{std::string(6 * 1024 * 1024, 'y')}, guest_id)));
  std::printf("   guest: %llu x 256 KiB accepted, %llu refused (rate limit), %llu refused (too large)\n",
              static_cast<unsigned long long>(accepted), static_cast<unsigned long long>(too_fast),
              static_cast<unsigned long long>(too_large));
  return demo_row{"guest", "-", "-", num(too_fast + too_large),
                  num(accepted) + " accepted; " + num(too_fast) + " \"" +
                      std::string{bus::reason_rate_limit_exceeded} + "\", " + num(too_large) +
                      " \"" + std::string{bus::reason_payload_too_large} + "\""};
}

demo_row kernel_shutdown(bus::event_bus& bus) {
  bus.publish(kernel_event(events::runtime_stopped{std::string{"demo over"}}));
  bus.publish(kernel_event(events::kernel_shutdown{std::string{"demo over"}}));
  return demo_row{"kernel (exit)", "-", "-", "0", "published runtime_stopped, kernel_shutdown"};
}

demo_row drain_slow(bus::event_receiver& rx) {
  std::uint64_t got = 0;
  while (rx.try_recv()) ++got;
  const auto lost = rx.drain_lagged();
  return demo_row{"slow-dashboard", num(got), num(lost), "0",
                  "read only at the end: kept the newest " + num(got)};
}

bool demo_ok(const std::vector<demo_row>& rows) {
  for (const auto& r : rows)
    if (r.note.find("INCOMPLETE") != std::string::npos) return false;
  return true;
}

}  // namespace astrid::cli
