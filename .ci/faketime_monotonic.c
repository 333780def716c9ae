/* Preloaded before libfaketime in CI's year-ahead leg (FAKETIME_DONT_FAKE_MONOTONIC=1).
 *
 * Python 3.11 sleeps with clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, deadline)
 * and waits on locks with sem_clockwait(CLOCK_MONOTONIC, deadline). libfaketime 0.9.10
 * leaves the monotonic clock real when asked to, but still shifts an absolute
 * monotonic deadline by the fake offset (EINVAL: a deadline 400 days before boot);
 * when it fakes the monotonic clock instead, it does not know sem_clockwait, so every
 * timed wait sleeps for the offset. Here an absolute wait on the real monotonic clock
 * goes straight to the kernel; everything else is libfaketime's. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

typedef int (*nanosleep_fn)(clockid_t, int, const struct timespec *, struct timespec *);

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
                    struct timespec *rem) {
    if (clock == CLOCK_MONOTONIC || clock == CLOCK_MONOTONIC_RAW || clock == CLOCK_BOOTTIME) {
        long rc = syscall(SYS_clock_nanosleep, clock, flags, req, rem);
        return rc == 0 ? 0 : errno;
    }
    static nanosleep_fn next = NULL;
    if (!next) next = (nanosleep_fn)dlsym(RTLD_NEXT, "clock_nanosleep");
    return next(clock, flags, req, rem);
}
