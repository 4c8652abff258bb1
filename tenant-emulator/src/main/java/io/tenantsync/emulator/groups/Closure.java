package io.tenantsync.emulator.groups;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Transitive membership as a graph walk: every object reachable from a start object through membership edges, each
 * once, however the groups nest (cycles and diamonds included). The start object itself is never part of the result.
 */
final class Closure {
    /** A neighbour of a node and whether the walk continues through it (groups do, users do not). */
    record Edge(String id, boolean expands) {}

    /** The neighbours of one node: its direct members (walking down) or the groups it is in (walking up). */
    @FunctionalInterface
    interface Neighbours {
        List<Edge> of(String id) throws java.sql.SQLException;
    }

    private Closure() {}

    /** The ids reachable from {@code start}, sorted (so pages can be cut by id). */
    static TreeSet<String> from(String start, Neighbours neighbours) throws java.sql.SQLException {
        TreeSet<String> found = new TreeSet<>();
        Set<String> expanded = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        expanded.add(start);
        while (!queue.isEmpty()) {
            for (Edge e : neighbours.of(queue.poll())) {
                if (!e.id().equals(start)) found.add(e.id());
                if (e.expands() && expanded.add(e.id())) queue.add(e.id());
            }
        }
        return found;
    }
}
