// Kernel API schemas: the requests the CLI sends to the kernel daemon
// (KernelRequest, adjacently tagged {"method","params"}) and its answers
// (KernelResponse, adjacently tagged {"status","data"}).
#pragma once

#include "astrid/messages/tagged.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace astrid {

/// Alternatives of kernel_request; `tag` is the "method" value.
namespace kernel_requests {
/// Install a capsule from `source` (path or URL).
struct install_capsule {
  static constexpr std::string_view tag = "InstallCapsule";
  std::string source{};      ///< req
  bool workspace = false;  ///< req
  friend bool operator==(const install_capsule&, const install_capsule&) = default;
};
/// Approve a pending capability request.
struct approve_capability {
  static constexpr std::string_view tag = "ApproveCapability";
  std::string request_id{};  ///< req
  std::string signature{};   ///< req
  friend bool operator==(const approve_capability&, const approve_capability&) = default;
};
/// List loaded capsules (no params).
struct list_capsules {
  static constexpr std::string_view tag = "ListCapsules";
  static constexpr bool is_unit = true;
  friend bool operator==(const list_capsules&, const list_capsules&) = default;
};
/// Reload every capsule (no params).
struct reload_capsules {
  static constexpr std::string_view tag = "ReloadCapsules";
  static constexpr bool is_unit = true;
  friend bool operator==(const reload_capsules&, const reload_capsules&) = default;
};
/// List the commands capsules provide (no params).
struct get_commands {
  static constexpr std::string_view tag = "GetCommands";
  static constexpr bool is_unit = true;
  friend bool operator==(const get_commands&, const get_commands&) = default;
};
/// List capsule interceptor metadata (no params).
struct get_capsule_metadata {
  static constexpr std::string_view tag = "GetCapsuleMetadata";
  static constexpr bool is_unit = true;
  friend bool operator==(const get_capsule_metadata&, const get_capsule_metadata&) = default;
};
/// Stop the daemon.
struct shutdown {
  static constexpr std::string_view tag = "Shutdown";
  std::optional<std::string> reason{};  ///< opt-null
  friend bool operator==(const shutdown&, const shutdown&) = default;
};
/// Ask for the daemon status (no params).
struct get_status {
  static constexpr std::string_view tag = "GetStatus";
  static constexpr bool is_unit = true;
  friend bool operator==(const get_status&, const get_status&) = default;
};
}  // namespace kernel_requests

/// KernelRequest: `{"method": "...", "params": ...}`; unit methods have no params.
struct kernel_request
    : tagged_union<kernel_requests::install_capsule, kernel_requests::approve_capability,
                   kernel_requests::list_capsules, kernel_requests::reload_capsules,
                   kernel_requests::get_commands, kernel_requests::get_capsule_metadata,
                   kernel_requests::shutdown, kernel_requests::get_status> {
  using tagged_union::tagged_union;
  static constexpr tag_style style = tag_style::adjacent;
  static constexpr std::string_view tag_key = "method";
  static constexpr std::string_view content_key = "params";
};

/// CommandInfo: a command a capsule provides.
struct command_info {
  std::string name{};  ///< req
  std::string description{};  ///< req
  std::string provider_capsule{};  ///< req
  friend bool operator==(const command_info&, const command_info&) = default;
};

/// One capsule's interceptor metadata.
struct capsule_metadata_entry {
  std::string name{};                            ///< req
  std::vector<std::string> interceptor_events{}; ///< req
  friend bool operator==(const capsule_metadata_entry&, const capsule_metadata_entry&) = default;
};

/// Connected clients of one principal.
struct principal_connection_count {
  std::string principal{};   ///< req
  std::uint32_t count = 0; ///< req
  friend bool operator==(const principal_connection_count&,
                         const principal_connection_count&) = default;
};

/// DaemonStatus: what GetStatus returns.
struct daemon_status {
  std::uint32_t pid = 0;                  ///< req
  std::uint64_t uptime_secs = 0;          ///< req
  std::string version{};                    ///< req
  bool ephemeral = false;                 ///< req
  std::uint32_t connected_clients = 0;    ///< req
  std::vector<principal_connection_count> connections_by_principal{};  ///< omitted when empty, default empty
  std::vector<std::string> loaded_capsules{};  ///< req
  friend bool operator==(const daemon_status&, const daemon_status&) = default;
};

/// Alternatives of kernel_response; `tag` is the "status" value. The
/// newtype alternatives name their content `data`, like its JSON key.
namespace kernel_responses {
/// `{"status":"Success","data":<any JSON>}`
struct success {
  static constexpr std::string_view tag = "Success";
  nlohmann::json data{};
  friend bool operator==(const success&, const success&) = default;
};
/// `{"status":"Commands","data":[CommandInfo]}`
struct commands {
  static constexpr std::string_view tag = "Commands";
  std::vector<command_info> data{};
  friend bool operator==(const commands&, const commands&) = default;
};
/// `{"status":"CapsuleMetadata","data":[{name, interceptor_events}]}`
struct capsule_metadata {
  static constexpr std::string_view tag = "CapsuleMetadata";
  std::vector<capsule_metadata_entry> data{};
  friend bool operator==(const capsule_metadata&, const capsule_metadata&) = default;
};
/// `{"status":"Error","data":"message"}`
struct error {
  static constexpr std::string_view tag = "Error";
  std::string data{};
  friend bool operator==(const error&, const error&) = default;
};
/// `{"status":"Status","data":DaemonStatus}`
struct status {
  static constexpr std::string_view tag = "Status";
  daemon_status data{};
  friend bool operator==(const status&, const status&) = default;
};
/// `{"status":"ApprovalRequired","data":{request_id, description, capabilities}}`
struct approval_required {
  static constexpr std::string_view tag = "ApprovalRequired";
  std::string request_id{};                 ///< req
  std::string description{};                ///< req
  std::vector<std::string> capabilities{};  ///< req
  friend bool operator==(const approval_required&, const approval_required&) = default;
};
}  // namespace kernel_responses

/// KernelResponse: `{"status": "...", "data": ...}`.
struct kernel_response
    : tagged_union<kernel_responses::success, kernel_responses::commands,
                   kernel_responses::capsule_metadata, kernel_responses::error,
                   kernel_responses::status, kernel_responses::approval_required> {
  using tagged_union::tagged_union;
  static constexpr tag_style style = tag_style::adjacent;
  static constexpr std::string_view tag_key = "status";
  static constexpr std::string_view content_key = "data";
};

}  // namespace astrid
