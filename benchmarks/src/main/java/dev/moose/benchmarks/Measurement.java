package dev.moose.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One measured operation: repeated timings (milliseconds), the most bytes one run allocated, and the highest heap
 * use seen during a run (after a GC before it: what the run itself needed at its peak, plus what lives on).
 */
record Measurement(String name, String size, double[] millis, long allocatedBytes, long peakHeapBytes) {

    private static final List<java.lang.management.MemoryPoolMXBean> HEAP = java.lang.management.ManagementFactory
            .getMemoryPoolMXBeans().stream().filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).toList();

    private static void resetPeak() {
        System.gc();
        HEAP.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap in use at any moment since the reset. */
    private static long peak() {
        return HEAP.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    double median() {
        double[] s = millis.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    double min() {
        return Arrays.stream(millis).min().orElse(0);
    }

    double max() {
        return Arrays.stream(millis).max().orElse(0);
    }

    /** Half the spread between the fastest and slowest run, as a share of the median. */
    double spreadPercent() {
        double m = median();
        return m == 0 ? 0 : (max() - min()) / 2 / m * 100;
    }

    /** Runs {@code warmups} unmeasured and {@code runs} measured repetitions of the operation. */
    static Measurement time(String name, String size, int warmups, int runs, Runnable operation) {
        for (int i = 0; i < warmups; i++) {
            operation.run();
        }
        Runs measured = new Runs(runs, true);
        for (int i = 0; i < runs; i++) {
            measured.run(operation);
        }
        return measured.result(name, size);
    }

    /**
     * Times {@code product} and {@code floor} alternately, run by run, so that a server or disk that speeds up or
     * slows down during the benchmark weighs on both alike. Returns the product's measurement, then the floor's.
     */
    static Measurement[] interleaved(String productName, String floorName, String size, int warmups, int runs,
                                     Runnable product, Runnable floor) {
        for (int i = 0; i < warmups; i++) {
            product.run();
            floor.run();
        }
        Runs p = new Runs(runs, true);
        Runs f = new Runs(runs, false);
        for (int i = 0; i < runs; i++) {
            p.run(product);
            f.run(floor);
        }
        return new Measurement[] {p.result(productName, size), f.result(floorName, size)};
    }

    /** Timed repetitions of one operation, with (when {@code memory}) the most one of them allocated and held. */
    private static final class Runs {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

        private final double[] millis;
        private final boolean memory;
        private int count;
        private long allocated;
        private long peak;

        Runs(int runs, boolean memory) {
            this.millis = new double[runs];
            this.memory = memory;
        }

        void run(Runnable operation) {
            long thread = Thread.currentThread().getId();
            if (memory) {
                resetPeak();
            }
            long before = THREADS.getThreadAllocatedBytes(thread);
            long t0 = System.nanoTime();
            operation.run();
            millis[count++] = (System.nanoTime() - t0) / 1e6;
            if (memory) {
                allocated = Math.max(allocated, THREADS.getThreadAllocatedBytes(thread) - before);
                peak = Math.max(peak, peak());
            }
        }

        Measurement result(String name, String size) {
            return new Measurement(name, size, millis, allocated, peak);
        }
    }

    String json() {
        return String.format(Locale.ROOT, "{\"name\": \"%s\", \"size\": \"%s\", \"median_ms\": %.2f, \"min_ms\": %.2f, "
                + "\"max_ms\": %.2f, \"spread_pct\": %.1f, \"allocated_mb\": %.1f, \"peak_heap_mb\": %.1f, \"runs\": %d}",
                name, size, median(), min(), max(), spreadPercent(), allocatedBytes / 1048576.0, peakHeapBytes / 1048576.0, millis.length);
    }
}
