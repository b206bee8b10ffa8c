// Homes and their registry (see home_shared.hpp).
#include "shared/home_shared.hpp"

#include <cstdlib>
#include <mutex>
#include <string_view>
#include <vector>

#include <dlfcn.h>

namespace astrid::bus::detail {

namespace home_detail {

block_header*& constructing() noexcept {
  thread_local block_header* h = nullptr;
  return h;
}

void dispose(block_header* h) noexcept {
  if (h->destroy != nullptr) h->destroy(h->object);
  h->~block_header();
  ::operator delete(static_cast<void*>(h));
}

}  // namespace home_detail

namespace {

// Homes whose thread exited, ready for the next thread. Never destroyed:
// blocks may name a home until the process ends.
struct registry {
  std::mutex mutex;
  std::vector<home*> vacant;

  static registry& get() {
    static auto* r = new registry;  // outlives every thread_local and static
    return *r;
  }

  home* acquire() {
    {
      std::lock_guard<std::mutex> guard{mutex};
      if (!vacant.empty()) {
        auto* h = vacant.back();
        vacant.pop_back();
        h->occupy();
        return h;
      }
    }
    return new home;
  }

  void release(home* h) noexcept {
    h->vacate();
    std::lock_guard<std::mutex> guard{mutex};
    try {
      vacant.push_back(h);
    } catch (...) {
      // not reused then: the home stays vacant, and blocks handed back to
      // it are disposed of by whoever releases them
    }
  }
};

// True when `malloc` resolves to the C library's own, not to an allocator
// linked or preloaded in front of it.
bool malloc_is_glibcs() noexcept {
  void* libc = ::dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
  if (libc == nullptr) return false;
  void* own = ::dlsym(libc, "malloc");
  void* used = ::dlsym(RTLD_DEFAULT, "malloc");
  ::dlclose(libc);
  return own != nullptr && own == used;
}

// ASTRID_EVENT_HOMES=on|off overrides what the allocator implies (the
// sanitizers' allocators would otherwise turn homes off in their runs).
int decide() noexcept {
  const char* env = std::getenv("ASTRID_EVENT_HOMES");
  if (env != nullptr && std::string_view{env} == "on") return 1;
  if (env != nullptr && std::string_view{env} == "off") return 0;
  return malloc_is_glibcs() ? 1 : 0;
}

std::atomic<int> mode{-1};  // -1 undecided, 0 off, 1 on

thread_local home* my_home = nullptr;
thread_local bool exiting = false;

// Gives the thread's home back to the registry when the thread exits.
struct home_holder {
  ~home_holder() {
    exiting = true;
    if (my_home != nullptr) registry::get().release(std::exchange(my_home, nullptr));
  }
};

}  // namespace

bool home::enabled() noexcept {
  int m = mode.load(std::memory_order_relaxed);
  if (m < 0) {
    int undecided = -1;
    mode.compare_exchange_strong(undecided, decide());
    m = mode.load();
  }
  return m == 1;
}

void home::enable(bool on) noexcept { mode.store(on ? 1 : 0); }

home* home::current() {
  if (my_home != nullptr || exiting) return my_home;
  thread_local home_holder holder;  // registers the release at thread exit
  my_home = registry::get().acquire();
  return my_home;
}

void home::reclaim_current() noexcept {
  if (my_home != nullptr) my_home->reclaim();
}

void home::give_back(home_detail::block_header* h) noexcept {
  if (this == my_home || vacant_.load(std::memory_order_seq_cst) ||
      held_.load(std::memory_order_relaxed) >= max_returned) {
    home_detail::dispose(h);  // at home already, or nobody to hand it to
    return;
  }
  held_.fetch_add(1, std::memory_order_relaxed);
  h->next = returned_.load(std::memory_order_relaxed);
  while (!returned_.compare_exchange_weak(h->next, h, std::memory_order_seq_cst,
                                          std::memory_order_relaxed)) {
  }
  // The thread may have left between the check above and the push: then
  // the list is no longer its to dispose of (see vacate).
  if (vacant_.load(std::memory_order_seq_cst)) reclaim();
}

void home::reclaim() noexcept { dispose_all(returned_.exchange(nullptr, std::memory_order_acq_rel)); }

void home::vacate() noexcept {
  vacant_.store(true, std::memory_order_seq_cst);
  dispose_all(returned_.exchange(nullptr, std::memory_order_seq_cst));
}

void home::dispose_all(home_detail::block_header* list) noexcept {
  std::size_t n = 0;
  while (list != nullptr) {
    auto* next = list->next;
    home_detail::dispose(list);
    list = next;
    ++n;
  }
  if (n > 0) held_.fetch_sub(n, std::memory_order_relaxed);
}

}  // namespace astrid::bus::detail
