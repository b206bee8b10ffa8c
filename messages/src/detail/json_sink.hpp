// Internal: where the generic writer sends its output. One virtual
// interface with two implementations, compact text in serde's exact format
// and a nlohmann::json value, so every schema type's writer is compiled once
// and serves both encode() and encode_text().
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace astrid::detail {

/// A stream of JSON tokens. Keys and values must alternate correctly inside
/// objects; the writer guarantees it.
class json_sink {
 public:
  virtual ~json_sink() = default;
  virtual void begin_object() = 0;
  virtual void key(std::string_view k) = 0;
  virtual void end_object() = 0;
  virtual void begin_array() = 0;
  virtual void end_array() = 0;
  virtual void null() = 0;
  virtual void boolean(bool b) = 0;
  virtual void number(std::uint64_t n) = 0;
  virtual void number(double d) = 0;
  virtual void string(std::string_view s) = 0;
  /// A string known to hold only printable ASCII that needs no escaping
  /// (uuids, timestamps). Defaults to `string`.
  virtual void plain_string(std::string_view s) { string(s); }
  /// An arbitrary JSON value (any-JSON fields).
  virtual void value(const nlohmann::json& j) = 0;
};

/// Compact JSON text, byte-compatible with serde_json::to_string.
class text_sink final : public json_sink {
 public:
  /// Starts with room for a typical event, so short ones need one allocation.
  text_sink() { out_.reserve(512); }
  void begin_object() override;
  void key(std::string_view k) override;
  void end_object() override;
  void begin_array() override;
  void end_array() override;
  void null() override;
  void boolean(bool b) override;
  void number(std::uint64_t n) override;
  void number(double d) override;
  void string(std::string_view s) override;
  void plain_string(std::string_view s) override;
  void value(const nlohmann::json& j) override;

  /// The text written so far.
  std::string& text() noexcept { return out_; }

 private:
  void separate();
  std::string out_;
};

/// Builds a nlohmann::json value.
class dom_sink final : public json_sink {
 public:
  void begin_object() override;
  void key(std::string_view k) override;
  void end_object() override;
  void begin_array() override;
  void end_array() override;
  void null() override;
  void boolean(bool b) override;
  void number(std::uint64_t n) override;
  void number(double d) override;
  void string(std::string_view s) override;
  void value(const nlohmann::json& j) override;

  /// The value built.
  nlohmann::json& result() noexcept { return root_; }

 private:
  nlohmann::json& slot();
  nlohmann::json root_;
  std::vector<nlohmann::json*> stack_;
  std::string pending_key_;
};

/// Appends `s` as a JSON string literal the way serde_json escapes it:
/// `"` `\` and control characters escaped (\b \f \n \r \t short, others
/// \u00xx), everything else raw; invalid UTF-8 becomes U+FFFD.
void append_json_string(std::string& out, std::string_view s);

/// Appends a finite f64 in ryu's shortest form as serde_json writes it
/// ("0.1", "50.0", "1e20", "1.5e-7"); non-finite values as "null".
void append_json_f64(std::string& out, double d);

}  // namespace astrid::detail
