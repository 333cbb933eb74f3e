// run-timed: runs a command once and prints "<wall ms> <peak RSS KiB>" on stdout, for
// tests/bench/run.sh. Wall time is CLOCK_MONOTONIC from just before fork() to the return of
// wait4(), and peak memory is the child's ru_maxrss from wait4(), so the figure holds the
// process's start, work and exit and nothing of the measuring (/usr/bin/time under a subshell
// added 3 ms to every run). The command's stdout and stderr go to /dev/null and to FILE.
//
//   run-timed STDERR_FILE COMMAND [ARG...]     exit status: the command's (128 + signal if killed)

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: run-timed STDERR_FILE COMMAND [ARG...]\n");
    return 2;
  }
  int out = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  int err = ::open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0 || err < 0) {
    std::fprintf(stderr, "run-timed: cannot open %s: %s\n", out < 0 ? "/dev/null" : argv[1], std::strerror(errno));
    return 2;
  }
  timespec start{}, end{};
  ::clock_gettime(CLOCK_MONOTONIC, &start);
  pid_t pid = ::fork();
  if (pid < 0) {
    std::perror("run-timed: fork");
    return 2;
  }
  if (pid == 0) {
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::execvp(argv[2], argv + 2);
    std::fprintf(stderr, "run-timed: cannot run %s: %s\n", argv[2], std::strerror(errno));
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0)
    if (errno != EINTR) {
      std::perror("run-timed: wait4");
      return 2;
    }
  ::clock_gettime(CLOCK_MONOTONIC, &end);
  double ms = static_cast<double>(end.tv_sec - start.tv_sec) * 1e3 + static_cast<double>(end.tv_nsec - start.tv_nsec) / 1e6;
  std::printf("%.3f %ld\n", ms, usage.ru_maxrss);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
