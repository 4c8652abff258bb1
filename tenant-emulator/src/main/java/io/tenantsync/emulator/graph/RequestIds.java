package io.tenantsync.emulator.graph;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: GUID-shaped like Graph's, from a per-thread generator. They identify requests in logs and error
 * bodies and need no unpredictability, so they skip the contended SecureRandom behind {@link UUID#randomUUID()}.
 */
public final class RequestIds {
    private RequestIds() {}

    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;            // version 4
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | Long.MIN_VALUE; // IETF variant
        return new UUID(msb, lsb).toString();
    }
}
