import Glibc
import AccessLog

/// A condition variable that wakes waiters on every `LiveStore` publication, so a caller can block
/// until the state it waits for is published instead of polling with sleeps.
final class UpdateSignal: @unchecked Sendable {
    // Both are only used through pthread calls, which make them safe to share.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var count = 0

    init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Wakes every waiter.
    func notify() {
        pthread_mutex_lock(mutex)
        count &+= 1
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Blocks until `done()` is true, checking it after every notification; gives up after
    /// `timeoutMs` (nil: never). Returns whether `done()` became true.
    func wait(timeoutMs: Int? = nil, until done: () -> Bool) -> Bool {
        var deadline = timespec()
        if let timeoutMs {
            clock_gettime(CLOCK_MONOTONIC, &deadline)
            let nanoseconds = Int(deadline.tv_nsec) + (timeoutMs % 1000) * 1_000_000
            deadline.tv_sec += timeoutMs / 1000 + nanoseconds / 1_000_000_000
            deadline.tv_nsec = nanoseconds % 1_000_000_000
        }
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            let seen = count
            // `done` reads the store under its own lock; a notification in between bumps `count`.
            pthread_mutex_unlock(mutex)
            let finished = done()
            pthread_mutex_lock(mutex)
            if finished { return true }
            while count == seen {
                if timeoutMs == nil {
                    pthread_cond_wait(condition, mutex)
                } else if pthread_cond_timedwait(condition, mutex, &deadline) == ETIMEDOUT {
                    return done()
                }
            }
        }
    }
}
