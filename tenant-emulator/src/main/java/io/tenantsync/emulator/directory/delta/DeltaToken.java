package io.tenantsync.emulator.directory.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.graph.GraphException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The state a delta client carries between calls, as an opaque base64url string: where the round stands and the
 * options of the first call ({@code $select}, {@code $filter} ids, page size), which later calls cannot change.
 *
 * @param resource  {@code users} or {@code groups}: a token is only good for the collection that issued it
 * @param tenantId  the tenant that issued it
 * @param phase     {@link Phase#INITIAL} or {@link Phase#CHANGES} for a {@code $skiptoken} inside a round,
 *                  {@link Phase#NEXT_ROUND} for a {@code $deltatoken}
 * @param from      change-log sequence already delivered (changes after it are due); 0 in the initial round
 * @param to        the watermark of this round: the change-log sequence when it started
 * @param afterId   the last object id delivered in this round (pages run in id order), null at a round's start
 * @param select    the {@code $select} of the first call, empty for the default properties
 * @param ids       the ids of the first call's {@code $filter}, empty for all objects
 * @param pageSize  objects per page
 */
record DeltaToken(String resource, String tenantId, Phase phase, long from, long to, String afterId, List<String> select,
                  List<String> ids, int pageSize) {
    /** Where a token stands. */
    enum Phase { INITIAL, CHANGES, NEXT_ROUND }

    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    DeltaToken {
        select = List.copyOf(select);
        ids = List.copyOf(ids);
    }

    /** The token of the next page of this round. */
    DeltaToken nextPage(String lastId) {
        return new DeltaToken(resource, tenantId, phase, from, to, lastId, select, ids, pageSize);
    }

    /** The token that starts the round after this one. */
    DeltaToken nextRound() {
        return new DeltaToken(resource, tenantId, Phase.NEXT_ROUND, to, to, null, select, ids, pageSize);
    }

    /** The first page of the change round that a {@link Phase#NEXT_ROUND} token starts, up to {@code watermark}. */
    DeltaToken changesUpTo(long watermark) {
        return new DeltaToken(resource, tenantId, Phase.CHANGES, from, watermark, null, select, ids, pageSize);
    }

    DeltaToken withPageSize(int size) {
        return new DeltaToken(resource, tenantId, phase, from, to, afterId, select, ids, size);
    }

    String encode(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("v", 1);
        n.put("r", resource);
        n.put("t", tenantId);
        n.put("p", phase.name());
        n.put("f", from);
        n.put("w", to);
        if (afterId != null) n.put("a", afterId);
        if (!select.isEmpty()) select.forEach(n.putArray("s")::add);
        if (!ids.isEmpty()) ids.forEach(n.putArray("i")::add);
        n.put("n", pageSize);
        byte[] payload = n.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(payload);
        // the checksum turns an edited or truncated token into a clean 400 instead of a silently different sync
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + Long.toHexString(crc.getValue());
    }

    /**
     * Reads a token the emulator issued for this resource and tenant in the expected phases; anything else (garbage,
     * edited, another collection's or tenant's token) is Graph's 400 {@code Directory_ExpiredPageToken}.
     */
    static DeltaToken decode(ObjectMapper json, String token, String resource, String tenantId, List<Phase> allowed) {
        try {
            int dot = token.lastIndexOf('.');
            if (dot <= 0) throw invalid();
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            CRC32 crc = new CRC32();
            crc.update(payload);
            if (!Long.toHexString(crc.getValue()).equals(token.substring(dot + 1))) throw invalid();
            JsonNode n = json.readTree(payload);
            if (n == null || !n.isObject() || n.path("v").asInt() != 1) throw invalid();
            Phase phase = Phase.valueOf(n.path("p").asText(""));
            String afterId = n.hasNonNull("a") ? n.get("a").asText() : null;
            int size = n.path("n").asInt(0);
            long from = n.path("f").asLong(-1), to = n.path("w").asLong(-1);
            if (!resource.equals(n.path("r").asText()) || !tenantId.equals(n.path("t").asText()) || !allowed.contains(phase)
                    || afterId != null && !ID.matcher(afterId).matches() || size < 1 || size > DeltaApi.MAX_PAGE
                    || from < 0 || to < from) {
                throw invalid();
            }
            return new DeltaToken(resource, tenantId, phase, from, to, afterId, strings(n.path("s")), strings(n.path("i")), size);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : arr) {
            if (!x.isTextual()) throw invalid();
            out.add(x.asText());
        }
        return out;
    }

    static GraphException invalid() {
        return new GraphException(400, "Directory_ExpiredPageToken",
                "The specified token value has expired or is invalid; start a new delta round without a token.");
    }
}
