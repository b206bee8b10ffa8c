// A child process with its stderr read as it comes (see child_process.hpp).
#include "cli/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace astrid::cli {

child_process::child_process(std::vector<std::string> argv) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
    throw std::runtime_error{std::string{"cannot make a pipe: "} + std::strerror(errno)};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  const int rc = ::posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (rc != 0) {
    ::close(pipe_fds[0]);
    throw std::runtime_error{"cannot start " + argv[0] + ": " + std::strerror(rc)};
  }
  reader_ = std::thread{[this, fd = pipe_fds[0]] { read_stderr(fd); }};
}

child_process::~child_process() {
  if (!exited()) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  if (reader_.joinable()) reader_.join();  // the pipe closed with the child
}

void child_process::read_stderr(int fd) {
  std::string pending;
  char buf[4096];
  while (true) {
    const auto n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    pending.append(buf, static_cast<std::size_t>(n));
    std::size_t nl;
    while ((nl = pending.find('\n')) != std::string::npos) {
      {
        std::lock_guard<std::mutex> guard{mutex_};
        lines_.push_back(pending.substr(0, nl));
      }
      cv_.notify_all();
      pending.erase(0, nl + 1);
    }
  }
  ::close(fd);
  {
    std::lock_guard<std::mutex> guard{mutex_};
    if (!pending.empty()) lines_.push_back(pending);
    eof_ = true;
  }
  cv_.notify_all();
}

bool child_process::wait_for_line(const std::string& text, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock{mutex_};
  std::size_t seen = 0;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    for (; seen < lines_.size(); ++seen)
      if (lines_[seen].find(text) != std::string::npos) return true;
    if (eof_) return false;
    if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && seen == lines_.size())
      return false;
  }
}

std::optional<int> child_process::exited() {
  if (status_) return status_;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) status_ = status;
  return status_;
}

int child_process::wait(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock{mutex_};
  // Its stderr closes as it ends: once it did, the exit status follows.
  const bool ending = cv_.wait_for(lock, timeout, [&] { return eof_; });
  lock.unlock();
  if (!status_) {
    if (!ending) ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    status_ = status;
    if (!ending) return -1;
  }
  return WIFEXITED(*status_) ? WEXITSTATUS(*status_) : -1;
}

std::string child_process::last_line() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return lines_.empty() ? std::string{} : lines_.back();
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

}  // namespace astrid::cli
