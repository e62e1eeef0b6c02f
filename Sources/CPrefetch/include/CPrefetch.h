#ifndef MESHLOG_CPREFETCH_H
#define MESHLOG_CPREFETCH_H

/// Asks the CPU to bring the cache line at `address` into cache for writing, without waiting for it
/// (Swift has no prefetch of its own). A hint only: any address is safe, nothing is read.
static inline void meshlog_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

/// The same, for a line that will only be read.
static inline void meshlog_prefetch_for_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
