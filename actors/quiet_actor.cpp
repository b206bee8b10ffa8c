// Logging instead of CAF's printouts (see quiet_actor.hpp).
#include "actors/quiet_actor.hpp"

#include <caf/actor_system.hpp>
#include <caf/error.hpp>
#include <caf/message_view.hpp>
#include <caf/scheduled_actor.hpp>
#include <caf/sec.hpp>

#include <exception>
#include <string>

namespace astrid::bus::detail {

void log_instead_of_printing(caf::scheduled_actor* self, std::shared_ptr<spdlog::logger> log) {
  self->set_default_handler(
      [log](caf::scheduled_actor* s, caf::message_view& x) -> caf::result<caf::message> {
        log->warn("actor={} unexpected message={}", s->name(), x.content().stringify());
        return caf::sec::unexpected_message;
      });
  self->set_exception_handler([log](caf::scheduled_actor* s, std::exception_ptr& eptr) -> caf::error {
    try {
      std::rethrow_exception(eptr);
    } catch (const std::exception& e) {
      log->error("actor={} failed: {}", s->name(), e.what());
      return caf::make_error(caf::sec::runtime_error, std::string{e.what()});
    } catch (...) {
      log->error("actor={} failed: unknown exception", s->name());
      return caf::make_error(caf::sec::runtime_error, std::string{"unknown exception"});
    }
  });
}

}  // namespace astrid::bus::detail
