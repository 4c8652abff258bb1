package io.tenantsync.emulator.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTTP face of Graph: turns each request under {@code /v1.0} or {@code /beta} into a {@link GraphRequest}. */
@jakarta.inject.Singleton
@Path("{version: v1\\.0|beta}")
public final class GraphEndpoint {
    /** Graph refuses request bodies above 4 MB. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final String JSON_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    private final GraphPipeline pipeline;
    private final ObjectMapper json;
    private final ErrorEnvelope envelope;

    @Inject
    public GraphEndpoint(GraphPipeline pipeline, ObjectMapper json, ErrorEnvelope envelope) {
        this.pipeline = pipeline;
        this.json = json;
        this.envelope = envelope;
    }

    @GET @Path("{path: .*}") public Response get(@Context UriInfo uri, @Context HttpHeaders h, @Context Request r) { return serve("GET", uri, h, null); }
    @DELETE @Path("{path: .*}") public Response delete(@Context UriInfo uri, @Context HttpHeaders h) { return serve("DELETE", uri, h, null); }
    @POST @Path("{path: .*}") public Response post(@Context UriInfo uri, @Context HttpHeaders h, InputStream body) { return serve("POST", uri, h, body); }
    @PUT @Path("{path: .*}") public Response put(@Context UriInfo uri, @Context HttpHeaders h, InputStream body) { return serve("PUT", uri, h, body); }
    @PATCH @Path("{path: .*}") public Response patch(@Context UriInfo uri, @Context HttpHeaders h, InputStream body) { return serve("PATCH", uri, h, body); }

    private Response serve(String method, UriInfo uri, HttpHeaders httpHeaders, InputStream bodyStream) {
        List<PathSegment> all = uri.getPathSegments(true);
        String version = all.get(0).getPath();
        List<String> segments = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            String s = all.get(i).getPath();
            if (!s.isEmpty() || i < all.size() - 1) segments.add(Routes.normalise(s));
        }
        Map<String, String> query = new LinkedHashMap<>();
        uri.getQueryParameters(true).forEach((k, v) -> {
            if (!v.isEmpty()) query.put(k, v.get(0));
        });
        Map<String, String> headers = new HashMap<>();
        httpHeaders.getRequestHeaders().forEach((k, v) -> {
            if (!v.isEmpty()) headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
        });
        String base = uri.getBaseUri().toString();
        String root = (base.endsWith("/") ? base : base + "/") + version;
        String requestId = RequestIds.next();
        byte[] body;
        try {
            body = read(bodyStream);
        } catch (GraphException e) {
            GraphRequest stub = new GraphRequest(method, version, segments, query, headers, new byte[0], root, requestId);
            return toHttp(envelope.error(stub, e).withHeader("request-id", requestId));
        }
        GraphRequest request = new GraphRequest(method, version, segments, query, headers, body, root, requestId);
        return toHttp(pipeline.handle(request));
    }

    private static byte[] read(InputStream in) {
        if (in == null) return new byte[0];
        try {
            byte[] b = in.readNBytes(MAX_BODY_BYTES + 1);
            if (b.length > MAX_BODY_BYTES) {
                throw new GraphException(413, "Request_EntityTooLarge", "The request body exceeds the maximum of 4 MB.");
            }
            requireUtf8(b);
            return b;
        } catch (IOException e) {
            throw GraphException.badRequest("The request body could not be read.");
        }
    }

    /** JSON on the wire is UTF-8; other bytes would be stored as replacement characters, so they are refused. */
    private static void requireUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw GraphException.badRequest("The request body is not valid UTF-8.");
        }
    }

    private Response toHttp(GraphResponse res) {
        Response.ResponseBuilder b = Response.status(res.status());
        res.headers().forEach(b::header);
        b.header("OData-Version", "4.0");
        if (res.json() != null) {
            try {
                b.entity(json.writeValueAsBytes(res.json())).type(JSON_TYPE);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else if (res.text() != null) {
            b.entity(res.text()).type("text/plain;charset=utf-8");
        }
        return b.build();
    }
}
