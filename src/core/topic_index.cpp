// The trie behind topic_index.hpp. Matching walks only branches that can
// match: at each level the literal child for the topic's segment and the
// `*` child, collecting trailing-wildcard ids on the way.
#include "core/topic_index.hpp"

#include "core/topic.hpp"

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>

namespace astrid::core {

namespace {

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

// Ids stored at one trie node. Most nodes hold one or two ids, so a plain
// vector is searched linearly; a node that many subscribers share (a
// popular `t.*`) also gets a position index so erase stays O(1).
class id_set {
 public:
  bool insert(std::uint64_t id) {
    if (find(id) != npos) return false;
    ids_.push_back(id);
    if (index_) {
      (*index_)[id] = ids_.size() - 1;
    } else if (ids_.size() > index_threshold) {
      index_ = std::make_unique<std::unordered_map<std::uint64_t, std::size_t>>();
      for (std::size_t i = 0; i < ids_.size(); ++i) (*index_)[ids_[i]] = i;
    }
    return true;
  }

  bool erase(std::uint64_t id) noexcept {
    auto pos = find(id);
    if (pos == npos) return false;
    if (index_) index_->erase(id);
    if (pos != ids_.size() - 1) {
      ids_[pos] = ids_.back();
      if (index_) (*index_)[ids_[pos]] = pos;
    }
    ids_.pop_back();
    if (ids_.empty()) index_.reset();
    return true;
  }

  bool empty() const noexcept { return ids_.empty(); }
  std::size_t size() const noexcept { return ids_.size(); }
  void append_to(std::vector<std::uint64_t>& out) const {
    out.insert(out.end(), ids_.begin(), ids_.end());
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  static constexpr std::size_t index_threshold = 32;

  std::size_t find(std::uint64_t id) const noexcept {
    if (index_) {
      auto i = index_->find(id);
      return i == index_->end() ? npos : i->second;
    }
    auto i = std::find(ids_.begin(), ids_.end(), id);
    return i == ids_.end() ? npos : static_cast<std::size_t>(i - ids_.begin());
  }

  std::vector<std::uint64_t> ids_;
  std::unique_ptr<std::unordered_map<std::uint64_t, std::size_t>> index_;
};

// One node = one pattern prefix. `exact` holds ids of patterns ending here,
// `trailing` ids of `<prefix>.*` patterns (the NATS `>` slot), `star` the
// child for a one-segment `*`.
struct node {
  std::unordered_map<std::string, std::unique_ptr<node>, string_hash, std::equal_to<>> literal;
  std::unique_ptr<node> star;
  id_set exact;
  id_set trailing;

  bool unused() const noexcept {
    return literal.empty() && !star && exact.empty() && trailing.empty();
  }
};

std::size_t count_nodes(const node& n) noexcept {
  std::size_t total = 0;
  for (const auto& [_, child] : n.literal) total += 1 + count_nodes(*child);
  if (n.star) total += 1 + count_nodes(*n.star);
  return total;
}

void walk(const node& n, const topic_segments& s, std::size_t i,
          std::vector<std::uint64_t>& out) {
  if (i == s.count) {
    n.exact.append_to(out);
    return;
  }
  n.trailing.append_to(out);  // one or more segments remain
  if (!n.literal.empty()) {
    auto child = n.literal.find(s.segment[i]);
    if (child != n.literal.end()) walk(*child->second, s, i + 1, out);
  }
  if (n.star) walk(*n.star, s, i + 1, out);
}

// Removes (segs[i..], id) below `n`; prunes children left unused.
bool erase_below(node& n, const std::vector<std::string_view>& segs, std::size_t i,
                 bool trailing, std::uint64_t id) noexcept {
  if (i == segs.size()) return trailing ? n.trailing.erase(id) : n.exact.erase(id);
  if (segs[i] == "*") {
    if (!n.star || !erase_below(*n.star, segs, i + 1, trailing, id)) return false;
    if (n.star->unused()) n.star.reset();
    return true;
  }
  auto child = n.literal.find(segs[i]);
  if (child == n.literal.end() || !erase_below(*child->second, segs, i + 1, trailing, id))
    return false;
  if (child->second->unused()) n.literal.erase(child);
  return true;
}

}  // namespace

// The result cache is direct-mapped, NATS-style but cheaper to keep: a
// power-of-two array of slots indexed by the topic's hash. A slot is valid
// only while its generation equals the index's, so insert/erase invalidate
// the whole cache in O(1), and a miss overwrites one slot reusing its
// buffers: no allocation and no thrashing cost once warm, even when the
// working set of topics is far larger than the cache.
struct topic_index::impl {
  struct slot {
    std::uint64_t generation = static_cast<std::uint64_t>(-1);  // never valid
    std::string topic;
    std::vector<std::uint64_t> ids;
  };

  explicit impl(std::size_t cap) {
    if (cap == 0) return;
    std::size_t pow2 = 1;
    while (pow2 < cap) pow2 <<= 1;
    cache_mask = pow2 - 1;
    cache_slots = pow2;
  }

  void invalidate() noexcept { ++generation; }

  slot* slot_for(std::string_view topic) {
    if (cache_slots == 0) return nullptr;
    if (cache.empty()) cache.resize(cache_slots);  // allocated on first use
    return &cache[std::hash<std::string_view>{}(topic) & cache_mask];
  }

  node root;
  std::size_t pairs = 0;
  std::size_t cache_slots = 0;
  std::size_t cache_mask = 0;
  std::uint64_t generation = 0;
  topic_index_stats counters;
  std::vector<slot> cache;
};

topic_index::topic_index(std::size_t cache_capacity)
    : impl_{std::make_unique<impl>(cache_capacity)} {}
topic_index::~topic_index() = default;
topic_index::topic_index(topic_index&&) noexcept = default;
topic_index& topic_index::operator=(topic_index&&) noexcept = default;

bool topic_index::insert(std::string_view pattern, std::uint64_t id) {
  const bool trailing = is_trailing_wildcard(pattern);
  if (trailing) pattern.remove_suffix(2);
  node* n = &impl_->root;
  for (auto seg : split_topic(pattern)) {
    if (seg == "*") {
      if (!n->star) n->star = std::make_unique<node>();
      n = n->star.get();
    } else {
      auto child = n->literal.find(seg);
      if (child == n->literal.end())
        child = n->literal.emplace(std::string{seg}, std::make_unique<node>()).first;
      n = child->second.get();
    }
  }
  // A failed insert may leave empty nodes behind; they are harmless and
  // pruned by the next erase through them.
  if (!(trailing ? n->trailing.insert(id) : n->exact.insert(id))) return false;
  ++impl_->pairs;
  ++impl_->counters.inserts;
  impl_->invalidate();
  return true;
}

bool topic_index::erase(std::string_view pattern, std::uint64_t id) noexcept {
  const bool trailing = is_trailing_wildcard(pattern);
  if (trailing) pattern.remove_suffix(2);
  std::vector<std::string_view> segs;
  try {
    segs = split_topic(pattern);
  } catch (...) {
    return false;  // bad_alloc: nothing erased
  }
  if (!erase_below(impl_->root, segs, 0, trailing, id)) return false;
  --impl_->pairs;
  ++impl_->counters.removes;
  impl_->invalidate();
  return true;
}

void topic_index::match(std::string_view topic, std::vector<std::uint64_t>& out) const {
  auto& st = *impl_;
  ++st.counters.matches;
  auto* slot = st.slot_for(topic);
  if (slot && slot->generation == st.generation && slot->topic == topic) {
    ++st.counters.cache_hits;
    out.insert(out.end(), slot->ids.begin(), slot->ids.end());
    return;
  }
  auto segs = split_topic_bounded(topic);
  if (segs.too_deep) return;
  const auto first = out.size();
  walk(st.root, segs, 0, out);
  if (!slot || out.size() - first > max_cached_ids) return;
  slot->generation = st.generation;
  slot->topic.assign(topic);
  slot->ids.assign(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
}

std::vector<std::uint64_t> topic_index::match(std::string_view topic) const {
  std::vector<std::uint64_t> out;
  match(topic, out);
  return out;
}

std::size_t topic_index::size() const noexcept { return impl_->pairs; }
std::size_t topic_index::node_count() const noexcept { return count_nodes(impl_->root); }
std::size_t topic_index::cache_size() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(impl_->cache.begin(), impl_->cache.end(),
                    [g = impl_->generation](const auto& s) { return s.generation == g; }));
}
std::uint64_t topic_index::generation() const noexcept { return impl_->generation; }
topic_index_stats topic_index::stats() const noexcept { return impl_->counters; }

void topic_index::clear() noexcept {
  impl_->root.literal.clear();
  impl_->root.star.reset();
  impl_->root.exact = id_set{};
  impl_->root.trailing = id_set{};
  impl_->pairs = 0;
  impl_->invalidate();
}

}  // namespace astrid::core
