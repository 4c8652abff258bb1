package io.tenantsync.emulator.graph;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Every request the emulator answered (token, Graph and inner {@code $batch} requests), newest last, bounded so a
 * long run cannot exhaust memory. Tests assert call counts on it through {@code /_emulator/journal}.
 */
public final class RequestJournal {
    /** One answered request. {@code tenantId}/{@code appId} are null when the caller was not authenticated. */
    public record Entry(long seq, Instant at, String method, String path, int status, String tenantId, String appId) {}

    private final int capacity;
    private final Clock wall;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long seq;

    public RequestJournal(int capacity, Clock wall) {
        this.capacity = capacity;
        this.wall = wall;
    }

    public synchronized void record(String method, String path, int status, String tenantId, String appId) {
        if (entries.size() == capacity) entries.removeFirst();
        entries.addLast(new Entry(++seq, wall.instant(), method, path, status, tenantId, appId));
    }

    /** Entries with a sequence number above {@code afterSeq}, oldest first. */
    public synchronized List<Entry> since(long afterSeq) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) if (e.seq() > afterSeq) out.add(e);
        return out;
    }

    public synchronized void clear() { entries.clear(); }
}
