import AccessLog
import Glibc
import Synchronization

/// Runs closures on dedicated OS threads (not the cooperative pool: they block in read(2)).
public enum ThreadRunner {
    private final class Job: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs every job on its own thread and returns when all have finished.
    static func runAll(_ jobs: [@Sendable () -> Void]) {
        if jobs.count == 1 { jobs[0](); return }
        var threads: [pthread_t] = []
        for job in jobs {
            let box = Unmanaged.passRetained(Job(job)).toOpaque()
            var tid = pthread_t()
            let rc = pthread_create(&tid, nil, { raw in
                let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
                job.body()
                return nil
            }, box)
            if rc == 0 {
                threads.append(tid)
            } else {
                // Could not start a thread: run the job here instead.
                Unmanaged<Job>.fromOpaque(box).takeRetainedValue().body()
            }
        }
        for tid in threads { pthread_join(tid, nil) }
    }

    /// Starts `body` on a detached thread with SIGINT, SIGTERM and SIGWINCH blocked, so signals are
    /// delivered to the main (UI) thread.
    public static func detach(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Job(body)).toOpaque()
        var tid = pthread_t()
        let rc = pthread_create(&tid, nil, { raw in
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGINT)
            sigaddset(&set, SIGTERM)
            sigaddset(&set, SIGWINCH)
            pthread_sigmask(SIG_BLOCK, &set, nil)
            Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, box)
        if rc == 0 { pthread_detach(tid) } else { Unmanaged<Job>.fromOpaque(box).takeRetainedValue().body() }
    }
}
