// Shared objects that die on the thread that made them. A posted event is
// made on the caller's thread and released on a scheduler worker or a
// reader thread. With glibc's malloc every such free takes the making
// thread's arena lock, which that thread takes too for each allocation its
// own cache cannot serve (the frees never refill it): on two cores, fan-out
// then spends most of its time in futex waits on that lock. An object made
// by make_home_shared is instead handed back to its home thread when its
// last reference goes, and destroyed and freed there, next time that thread
// makes one (or when it exits), so allocation and free meet in the same
// per-thread cache and events no longer fight over the lock.
//
// Retention is bounded: a home holds at most max_returned objects handed
// back and not yet destroyed; beyond that, and once the home thread has
// exited, the releasing thread destroys the object itself. Only the memory
// of objects nobody can reach is retained, never their delivery.
//
// Allocators that cache per thread and free across threads cheaply
// (jemalloc, which the astrid-bus tool links, tcmalloc, mimalloc) gain
// nothing from this and lose the hand-over's cost, so homes are used only
// when the process's malloc is glibc's own (home::enabled).
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace astrid::bus::detail {

class home;

namespace home_detail {

/// What precedes each object in its allocation.
struct block_header {
  block_header* next = nullptr;       // in the home's list of returned blocks
  home* owner = nullptr;              // null: made where no home exists
  void (*destroy)(void*) = nullptr;   // null until the object is constructed
  void* object = nullptr;
};

/// Room for the header, keeping what follows aligned for any scalar type.
inline constexpr std::size_t header_space =
    (sizeof(block_header) + alignof(std::max_align_t) - 1) / alignof(std::max_align_t) *
    alignof(std::max_align_t);

/// The header of the allocation being constructed on this thread.
block_header*& constructing() noexcept;

/// Destroys the object of `h` and frees its allocation. Never throws.
void dispose(block_header* h) noexcept;

}  // namespace home_detail

/// The blocks other threads handed back to one thread. Homes are reused by
/// later threads once their thread exits, and never freed.
class home {
 public:
  /// Most blocks a home holds for its thread to destroy.
  static constexpr std::size_t max_returned = 1024;

  /// The calling thread's home, acquired on first use; null while the
  /// thread is exiting. Never throws beyond std::bad_alloc.
  static home* current();
  /// True when objects go back to their home thread: by default when the
  /// malloc in use is glibc's; the environment variable ASTRID_EVENT_HOMES
  /// set to `on` or `off` decides instead. Decided once, on first use.
  /// Never throws.
  static bool enabled() noexcept;
  /// Turns homes on or off for objects made from now on (tests use it to
  /// run them under a sanitizer's allocator). Never throws.
  static void enable(bool on) noexcept;
  /// Destroys and frees, on the calling thread, what other threads handed
  /// back to its home. Never throws.
  static void reclaim_current() noexcept;

  /// Hands `h` back to this home, or disposes of it at once when the home
  /// holds max_returned blocks or its thread has exited. Never throws.
  void give_back(home_detail::block_header* h) noexcept;
  /// True when other threads handed blocks back. Never throws.
  bool has_returned() const noexcept {
    return returned_.load(std::memory_order_relaxed) != nullptr;
  }
  /// Disposes of what was handed back. Never throws.
  void reclaim() noexcept;

  /// Registry use only: marks the home vacant (its thread exits) and
  /// disposes of what it holds; or occupied by a new thread.
  void vacate() noexcept;
  void occupy() noexcept { vacant_.store(false, std::memory_order_seq_cst); }

 private:
  // Takes the whole list and disposes of it.
  void dispose_all(home_detail::block_header* list) noexcept;

  std::atomic<home_detail::block_header*> returned_{nullptr};
  std::atomic<std::size_t> held_{0};
  std::atomic<bool> vacant_{false};
};

/// The allocator behind make_home_shared. It defers the destruction
/// std::allocate_shared asks for to the release of the storage, where the
/// block goes back to its home thread. Only for make_home_shared.
template <class T>
class home_allocator {
 public:
  using value_type = T;
  static_assert(alignof(T) <= alignof(std::max_align_t), "over-aligned types are not supported");

  home_allocator() noexcept = default;
  template <class U>
  home_allocator(const home_allocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    auto* owner = home::current();
    if (owner != nullptr && owner->has_returned()) owner->reclaim();
    const std::size_t bytes = home_detail::header_space + n * sizeof(T);
    void* raw = ::operator new(bytes);
    auto* h = ::new (raw) home_detail::block_header{};
    h->owner = owner;
    home_detail::constructing() = h;
    return reinterpret_cast<T*>(static_cast<char*>(raw) + home_detail::header_space);
  }

  void deallocate(T* p, std::size_t) noexcept {
    auto* h = reinterpret_cast<home_detail::block_header*>(reinterpret_cast<char*>(p) -
                                                           home_detail::header_space);
    if (h->destroy == nullptr || h->owner == nullptr) {
      home_detail::dispose(h);  // never constructed, or no home to go back to
      return;
    }
    h->owner->give_back(h);
  }

  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    using object = std::remove_cv_t<U>;
    auto* h = std::exchange(home_detail::constructing(), nullptr);
    ::new (const_cast<void*>(static_cast<const volatile void*>(p)))
        object(std::forward<Args>(args)...);
    if (h != nullptr) {
      h->object = const_cast<object*>(p);
      h->destroy = [](void* o) { static_cast<object*>(o)->~object(); };
    }
  }

  /// The object outlives its last reference until its block is disposed.
  template <class U>
  void destroy(U*) noexcept {}

  friend bool operator==(const home_allocator&, const home_allocator&) noexcept { return true; }
};

/// A std::shared_ptr<T> to a T made from `args`, destroyed and freed on the
/// calling thread (see above); with homes off, plain std::make_shared.
/// Throws what T's constructor throws, and std::bad_alloc.
template <class T, class... Args>
std::shared_ptr<T> make_home_shared(Args&&... args) {
  if (!home::enabled()) return std::make_shared<T>(std::forward<Args>(args)...);
  return std::allocate_shared<T>(home_allocator<T>{}, std::forward<Args>(args)...);
}

}  // namespace astrid::bus::detail
