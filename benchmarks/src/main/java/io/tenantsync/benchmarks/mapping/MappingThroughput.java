package io.tenantsync.benchmarks.mapping;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link MappingThroughputBenchmark} under JMH; JMH's report goes to stderr, the figure to stdout. */
public final class MappingThroughput {
    private MappingThroughput() {}

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(MappingThroughputBenchmark.class.getName())
                .output("/dev/stderr")
                .build()).run();
        double usersPerSecond = results.iterator().next().getPrimaryResult().getScore();
        System.out.printf("mapping-throughput: %.0f users/s%n", usersPerSecond);
    }
}
