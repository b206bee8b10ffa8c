// A segment trie from subscription patterns to subscriber ids, in the style
// of NATS' sublist: routing a topic costs its depth and its matches, never a
// scan of every subscription (the reference filtered each receiver in turn).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace astrid::core {

/// Counters kept by a `topic_index`, for metrics and tests.
struct topic_index_stats {
  std::uint64_t inserts = 0;     ///< successful insert() calls
  std::uint64_t removes = 0;     ///< successful erase() calls
  std::uint64_t matches = 0;     ///< match() calls
  std::uint64_t cache_hits = 0;  ///< match() calls answered from the cache
};

/// Maps patterns to subscriber ids and answers "which ids match this topic"
/// with exactly the grammar of `topic_pattern_matches` (tested against it).
///
/// Each level of the trie holds a hash map of literal segments plus two
/// dedicated slots: the `*` child (one segment) and the ids of trailing
/// `.*` patterns ending there. A bounded, direct-mapped cache of recent
/// topic -> ids results is invalidated in O(1) by every insert/erase (each
/// bumps `generation()`).
///
/// The index stores (pattern, id) pairs as a set. The bus gives every
/// subscription its own id with one pattern, so each id is reported at most
/// once; an id inserted under several matching patterns is reported once
/// per pattern. Not thread-safe, not even concurrent `match` calls (they
/// update the cache): the owner serialises access.
class topic_index {
 public:
  /// Default number of cached topic results. Hot topics repeat; 1,024 keeps
  /// the cache in a few hundred KiB.
  static constexpr std::size_t default_cache_capacity = 1024;
  /// Results with more ids than this are not cached: copying them costs as
  /// much as the trie walk it would save.
  static constexpr std::size_t max_cached_ids = 256;

  /// An empty index whose result cache holds up to `cache_capacity` topics,
  /// rounded up to a power of two (0 disables the cache; slots are
  /// allocated on the first match). Throws std::bad_alloc only.
  explicit topic_index(std::size_t cache_capacity = default_cache_capacity);
  ~topic_index();
  /// Moves; the moved-from object may only be assigned to or destroyed.
  topic_index(topic_index&&) noexcept;
  topic_index& operator=(topic_index&&) noexcept;
  topic_index(const topic_index&) = delete;
  topic_index& operator=(const topic_index&) = delete;

  /// Adds `id` under `pattern` (any string; patterns deeper than
  /// `max_topic_depth` are stored but never match). Returns false when that
  /// exact pair was already present. Throws std::bad_alloc only.
  bool insert(std::string_view pattern, std::uint64_t id);

  /// Removes the pair (pattern, id) and prunes nodes left empty. Returns
  /// false when the pair was not present. Never throws.
  bool erase(std::string_view pattern, std::uint64_t id) noexcept;

  /// Appends to `out` the ids whose pattern matches `topic` (order
  /// unspecified). A topic deeper than `max_topic_depth` matches nothing.
  /// Throws std::bad_alloc only.
  void match(std::string_view topic, std::vector<std::uint64_t>& out) const;

  /// Convenience: the matching ids in a fresh vector. Throws std::bad_alloc only.
  std::vector<std::uint64_t> match(std::string_view topic) const;

  /// Number of stored (pattern, id) pairs.
  std::size_t size() const noexcept;
  /// True when no pair is stored.
  bool empty() const noexcept { return size() == 0; }
  /// Number of trie nodes below the root (0 once everything is erased).
  std::size_t node_count() const noexcept;
  /// Number of topics currently in the result cache.
  std::size_t cache_size() const noexcept;
  /// Incremented by every successful insert or erase.
  std::uint64_t generation() const noexcept;
  /// The counters.
  topic_index_stats stats() const noexcept;
  /// Removes every pair (counters are kept). Never throws.
  void clear() noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace astrid::core
