#ifndef TME_CPROCESS_H
#define TME_CPROCESS_H
#include <sys/types.h>

/// Spawns `path` with `argv`/`envp`, stdin from /dev/null, stdout and stderr to the given
/// descriptors, and every other descriptor (>= 3) closed in the child. Closing them is the point:
/// `pg_ctl start` leaves a daemon behind that would otherwise inherit our pipes and keep a waiting
/// parent blocked until the server stops. Returns 0 or an errno value.
int tme_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
              int stdout_fd, int stderr_fd);

/// Waits for `pid`; on return *exit_code holds the exit status, or 128 + signal number.
int tme_wait(pid_t pid, int *exit_code);
#endif
