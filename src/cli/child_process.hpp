// A child process of the tool whose stderr is read as it comes, so a child
// that fills its pipe never blocks and its last words are at hand when it
// fails. The remote benchmarks start their receivers (`astrid-bus tail`) as
// such children.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace astrid::cli {

/// One running child, killed (SIGKILL) and reaped when destroyed.
class child_process {
 public:
  /// Starts `argv[0]` with `argv`, stdin and stdout on /dev/null, stderr
  /// read by this object. Throws std::runtime_error when it cannot start.
  explicit child_process(std::vector<std::string> argv);
  ~child_process();
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  /// Waits up to `timeout` for a stderr line containing `text`; true when
  /// it came, false on timeout or when the child ended first. Never throws.
  bool wait_for_line(const std::string& text, std::chrono::milliseconds timeout);
  /// Its exit status (as waitpid reports it) once it has ended, else
  /// nullopt. Never blocks. Never throws.
  std::optional<int> exited();
  /// Waits up to `timeout` for it to end; kills it when it does not.
  /// Returns its exit code, or -1 when it was killed or ended by a signal.
  /// Never throws.
  int wait(std::chrono::milliseconds timeout);
  /// The last line it wrote to stderr ("" when none). Never throws beyond
  /// std::bad_alloc.
  std::string last_line() const;
  /// Its process id.
  pid_t pid() const noexcept { return pid_; }

 private:
  void read_stderr(int fd);

  pid_t pid_ = -1;
  std::optional<int> status_;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::string> lines_;  // guarded by mutex_
  bool eof_ = false;                // guarded by mutex_
};

/// A human-readable account of a waitpid status ("exit code 1", "signal 9").
std::string describe_status(int status);

}  // namespace astrid::cli
