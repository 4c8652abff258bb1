package io.tenantsync.emulator.groups;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.graph.GraphException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID1 = "0d5c1f5a-9d2e-4f6b-8a1c-2b3c4d5e6f70", ID2 = "1e6d2a6b-0e3f-4a7c-9b2d-3c4d5e6f7081";

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static void rejected(Runnable r, String messagePart) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(GraphException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("Request_BadRequest");
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void validatesCanonicalNamesAndDropsAnnotations() throws Exception {
        var w = GroupSchema.validate(body("{\"@odata.type\":\"#microsoft.graph.group\",\"DISPLAYNAME\":\"G\",\"mailEnabled\":false}"));
        assertThat(w.properties().has("displayName")).isTrue();
        assertThat(w.properties().has("@odata.type")).isFalse();
        assertThat(w.memberRefs()).isNull();
    }

    @Test
    void unknownReadOnlyAndMistypedPropertiesAreRefused() {
        rejected(() -> GroupSchema.validate(bodyOf("{\"colour\":\"red\"}")), "'colour' does not exist");
        rejected(() -> GroupSchema.validate(bodyOf("{\"mail\":\"x@y.com\"}")), "read-only");
        rejected(() -> GroupSchema.validate(bodyOf("{\"securityEnabled\":\"true\"}")), "'securityEnabled'");
        rejected(() -> GroupSchema.validate(bodyOf("{\"groupTypes\":\"Unified\"}")), "'groupTypes'");
        rejected(() -> GroupSchema.validate(bodyOf("{\"displayName\":null}")), "'displayName'");
        rejected(() -> GroupSchema.validate(bodyOf("{\"displayName\":\"" + "x".repeat(257) + "\"}")), "'displayName'");
    }

    @Test
    void membersBindResolvesIdsOnAnyHostAndCapsAtTwenty() throws Exception {
        var w = GroupSchema.validate(body("{\"members@odata.bind\":[\"https://graph.microsoft.com/v1.0/directoryObjects/" + ID1
                + "\",\"https://127.0.0.1:9/v1.0/users/" + ID2.toUpperCase() + "\"]}"));
        assertThat(w.memberRefs()).containsExactly(ID1, ID2);
        StringBuilder many = new StringBuilder("{\"members@odata.bind\":[");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"https://graph.microsoft.com/v1.0/users/")
                    .append(String.format("00000000-0000-4000-8000-%012d", i)).append('"');
        }
        String tooMany = many.append("]}").toString();
        rejected(() -> GroupSchema.validate(bodyOf(tooMany)), "at most 20");
        rejected(() -> GroupSchema.validate(bodyOf("{\"members@odata.bind\":[\"https://x/v1.0/users/" + ID1 + "\",\"https://y/v1.0/groups/" + ID1 + "\"]}")),
                "already exist");
        rejected(() -> GroupSchema.validate(bodyOf("{\"members@odata.bind\":[\"https://x/v1.0/users/not-a-guid\"]}")), "Invalid object identifier");
        rejected(() -> GroupSchema.validate(bodyOf("{\"owners@odata.bind\":[\"https://x/v1.0/users/" + ID1 + "\"]}")), "not supported");
    }

    @Test
    void securityAndMicrosoft365GroupsAreTheCreatableKinds() throws Exception {
        GroupSchema.checkKind(body("{\"displayName\":\"S\",\"mailEnabled\":false,\"mailNickname\":\"s\",\"securityEnabled\":true,\"groupTypes\":[]}"));
        GroupSchema.checkKind(body("{\"displayName\":\"M\",\"mailEnabled\":true,\"mailNickname\":\"m.team\",\"securityEnabled\":false,\"groupTypes\":[\"Unified\"]}"));
        assertThat(GroupSchema.isUnified(body("{\"groupTypes\":[\"Unified\"]}"))).isTrue();
        assertThat(GroupSchema.isUnified(body("{\"groupTypes\":[]}"))).isFalse();

        rejected(() -> GroupSchema.checkKind(bodyOf("{\"displayName\":\"S\",\"mailEnabled\":true,\"mailNickname\":\"s\",\"securityEnabled\":true,\"groupTypes\":[]}")),
                "Only security groups");
        rejected(() -> GroupSchema.checkKind(bodyOf("{\"displayName\":\"S\",\"mailEnabled\":false,\"mailNickname\":\"s\",\"securityEnabled\":false,\"groupTypes\":[]}")),
                "Only security groups");
        rejected(() -> GroupSchema.checkKind(bodyOf("{\"displayName\":\"M\",\"mailEnabled\":false,\"mailNickname\":\"m\",\"securityEnabled\":false,\"groupTypes\":[\"Unified\"]}")),
                "'mailEnabled'");
        rejected(() -> GroupSchema.checkKind(bodyOf("{\"displayName\":\"D\",\"mailEnabled\":false,\"mailNickname\":\"d\",\"securityEnabled\":true,\"groupTypes\":[\"DynamicMembership\"]}")),
                "Dynamic membership");
        rejected(() -> GroupSchema.checkKind(bodyOf("{\"displayName\":\"X\",\"mailEnabled\":false,\"mailNickname\":\"x\",\"securityEnabled\":true,\"groupTypes\":[\"Other\"]}")),
                "'groupTypes'");
        rejected(() -> GroupSchema.checkKind(bodyOf("{\"displayName\":\"S\",\"mailEnabled\":false,\"mailNickname\":\"has space\",\"securityEnabled\":true}")),
                "'mailNickname'");
        rejected(() -> GroupSchema.checkKind(bodyOf("{\"displayName\":\"S\",\"mailEnabled\":false,\"securityEnabled\":true}")), "'mailNickname'");
        rejected(() -> GroupSchema.checkKind(bodyOf("{\"displayName\":\"S\",\"mailEnabled\":false,\"mailNickname\":\"s\",\"securityEnabled\":true,\"visibility\":\"Secret\"}")),
                "'visibility'");
    }

    @Test
    void securityIdentifierIsTheObjectIdAsFourLittleEndianIntegers() {
        assertThat(GroupsApi.securityIdentifier("00000001-0002-0003-0405-060708090a0b"))
                .isEqualTo("S-1-12-1-1-196610-117835012-185207048");
        assertThat(GroupsApi.securityIdentifier("ffffffff-ffff-ffff-ffff-ffffffffffff"))
                .isEqualTo("S-1-12-1-4294967295-4294967295-4294967295-4294967295");
    }

    private static ObjectNode bodyOf(String json) {
        try {
            return body(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
