package io.tenantsync.gateway.scim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.tenantsync.gateway.connection.Connection;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body as JSON: application/scim+json or application/json (charset parameters ignored: JSON is
 * UTF-8 by RFC 8259), at most {@code maxBytes}, refusing anything else with a SCIM error rather than a 5xx.
 */
final class RequestBodyReader {
    private final ObjectReader strict;
    private final int maxBytes;

    RequestBodyReader(ObjectMapper json, int maxBytes) {
        // a repeated member makes the document ambiguous (which userName is meant?): refused, not last-one-wins
        this.strict = json.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.maxBytes = maxBytes;
    }

    /** JSON is UTF-8 (RFC 8259 §8.1); other bytes would be stored as replacement characters, so they are refused. */
    private static void requireUtf8(byte[] bytes) throws BadRequestException {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw BadRequestException.invalidSyntax("the request body is not valid UTF-8");
        }
    }

    int maxBytes() { return maxBytes; }

    /** Reads a body of this connection's client: at most its own limit when lower than the gateway's. */
    JsonNode read(MediaType type, InputStream in, Connection connection) throws ScimException {
        int max = connection.maxRequestBytes() == null ? maxBytes : Math.min(maxBytes, connection.maxRequestBytes());
        return read(type, in, max);
    }

    private JsonNode read(MediaType type, InputStream in, int maxBytes) throws ScimException {
        if (!ScimMediaType.readable(type)) {
            throw new ScimException(415, null, "request bodies must be application/scim+json or application/json, not " + type);
        }
        byte[] bytes;
        try {
            bytes = in == null ? new byte[0] : in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw BadRequestException.invalidSyntax("the request body could not be read");
        }
        if (bytes.length > maxBytes) {
            throw new ScimException(413, null, "the request body is larger than " + maxBytes + " bytes");
        }
        if (bytes.length == 0) throw BadRequestException.invalidSyntax("the request needs a JSON body");
        requireUtf8(bytes);
        try {
            JsonNode node = strict.readTree(bytes);
            if (node == null || node.isMissingNode()) throw BadRequestException.invalidSyntax("the request needs a JSON body");
            return node;
        } catch (JsonProcessingException e) {
            throw BadRequestException.invalidSyntax("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw BadRequestException.invalidSyntax("the request body could not be read");
        }
    }
}
