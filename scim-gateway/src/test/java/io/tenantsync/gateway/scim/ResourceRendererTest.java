package io.tenantsync.gateway.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantsync.gateway.store.Member;
import io.tenantsync.gateway.store.ResourceType;
import io.tenantsync.gateway.store.StoredResource;
import io.tenantsync.gateway.store.TargetState;
import io.tenantsync.gateway.store.TargetStatus;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The streamed rendering of list responses writes exactly what the tree rendering builds. */
class ResourceRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI BASE = URI.create("http://127.0.0.1:8080/scim/v2/");
    private static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");
    private final ResourceRenderer renderer = new ResourceRenderer(JSON);

    @Test
    void aStoredUserStreamsToTheSameJsonAsItsRenderedTree() throws Exception {
        StoredResource user = new StoredResource("u-1", ResourceType.USER, 3, T, T, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],\
                "id":"u-1","externalId":"x\\"1","userName":"ann@contoso.com","active":true,"name":{"givenName":"Ann","familyName":"Lee"},\
                "emails":[{"type":"work","value":"ann@contoso.com","primary":true}],"x-count":12,"x-ratio":0.25,"x-none":null,\
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Ünïcode ☃","manager":{"value":"m-1"}},\
                "meta":{"resourceType":"User","created":"2026-01-02T03:04:05.678Z","lastModified":"2026-01-02T03:04:05.678Z",\
                "x-revisions":[1,2],"version":"W/\\"3\\"","location":"http://elsewhere/Users/u-1"}}""");
        TargetState synced = new TargetState("u-1", ResourceType.USER, Optional.of("t-9"), TargetStatus.FAILED, Optional.of(T),
                Optional.of("throttled \"429\""));

        assertSame(user, Optional.empty(), synced);
        assertSame(user, Optional.empty(), TargetState.pending("u-1", ResourceType.USER));
    }

    @Test
    void aGroupStreamsWithItsMembersBeforeTheTargetStateAndMeta() throws Exception {
        StoredResource group = new StoredResource("g-1", ResourceType.GROUP, 1, T, T, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g-1","displayName":"Sales",\
                "meta":{"resourceType":"Group","created":"2026-01-02T03:04:05.678Z","lastModified":"2026-01-02T03:04:05.678Z",\
                "version":"W/\\"1\\""}}""");
        List<Member> members = List.of(new Member("u-1", ResourceType.USER, "Ann"), new Member("g-2", ResourceType.GROUP, null));

        assertSame(group, Optional.of(members), TargetState.pending("g-1", ResourceType.GROUP));
        assertSame(group, Optional.of(List.of()), TargetState.pending("g-1", ResourceType.GROUP));
        assertThat(streamed(group, Optional.of(members), TargetState.pending("g-1", ResourceType.GROUP), AttributeSelection.DEFAULT))
                .contains("\"members\":[{\"value\":\"u-1\",\"display\":\"Ann\",\"type\":\"User\",\"$ref\":\"" + BASE + "Users/u-1\"}");
    }

    @Test
    void aSelectionOfAttributesIsTrimmedAsTheTreeRenderingTrimsIt() throws Exception {
        StoredResource user = new StoredResource("u-2", ResourceType.USER, 1, T, T, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u-2","userName":"bo@contoso.com","displayName":"Bo",\
                "meta":{"resourceType":"User","created":"2026-01-02T03:04:05.678Z","lastModified":"2026-01-02T03:04:05.678Z",\
                "version":"W/\\"1\\""}}""");
        AttributeSelection onlyUserName = AttributeSelection.of("userName", null);

        String streamed = streamed(user, Optional.empty(), TargetState.pending("u-2", ResourceType.USER), onlyUserName);

        assertThat(streamed).isEqualTo(renderer.render(BASE, user, Optional.empty(), TargetState.pending("u-2", ResourceType.USER),
                onlyUserName).toString()).doesNotContain("displayName");
    }

    private void assertSame(StoredResource r, Optional<List<Member>> members, TargetState target) throws Exception {
        String tree = renderer.render(BASE, r, members, target, AttributeSelection.DEFAULT).toString();
        assertThat(streamed(r, members, target, AttributeSelection.DEFAULT)).isEqualTo(tree);
    }

    private String streamed(StoredResource r, Optional<List<Member>> members, TargetState target, AttributeSelection selection)
            throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            renderer.write(g, BASE, r, members, target, selection);
        }
        return out.toString();
    }
}
