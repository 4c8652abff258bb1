package io.tenantsync.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Request bodies the checks send, and small readers of what comes back. */
final class Payloads {
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
    static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    static final String SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    /** A user with a work e-mail equal to its userName and a name. */
    static String user(String userName) {
        return """
                {"schemas":["%s"],"userName":"%s","active":true,"displayName":"Conformance User",
                 "name":{"givenName":"Given","familyName":"Family"},
                 "emails":[{"type":"work","value":"%s","primary":true}]}""".formatted(USER, userName, userName);
    }

    /** A user with the enterprise extension (department, employee number, optional manager id). */
    static String enterpriseUser(String userName, String displayName, String department, String employeeNumber, String managerId) {
        String manager = managerId == null ? "" : ",\"manager\":{\"value\":\"" + managerId + "\"}";
        return """
                {"schemas":["%s","%s"],"userName":"%s","active":true,"displayName":"%s",
                 "name":{"givenName":"Given","familyName":"Family"},"title":"Engineer",
                 "emails":[{"type":"work","value":"%s","primary":true}],
                 "%s":{"department":"%s","employeeNumber":"%s"%s}}"""
                .formatted(USER, ENTERPRISE, userName, displayName, userName, ENTERPRISE, department, employeeNumber, manager);
    }

    static String group(String displayName, String... memberIds) {
        StringBuilder members = new StringBuilder();
        for (String id : memberIds) members.append(members.isEmpty() ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
        return "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + displayName + "\",\"members\":[" + members + "]}";
    }

    /** A PatchOp request of the given operation objects (JSON text each). */
    static String patch(String... operations) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + String.join(",", operations) + "]}";
    }

    /** One operation; {@code value} is JSON text or null for none. */
    static String op(String op, String path, String value) {
        ObjectNode o = JSON.createObjectNode();
        o.put("op", op);
        if (path != null) o.put("path", path);
        String text = o.toString();
        return value == null ? text : text.substring(0, text.length() - 1) + ",\"value\":" + value + "}";
    }

    static String quoted(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    /** The value of {@code type} in a multi-valued attribute, or a missing node. */
    static JsonNode typed(JsonNode values, String type) {
        for (JsonNode v : values) if (type.equalsIgnoreCase(v.path("type").asText())) return v;
        return JSON.missingNode();
    }

    static boolean hasSchema(JsonNode body, String urn) {
        for (JsonNode s : body.path("schemas")) if (urn.equalsIgnoreCase(s.asText())) return true;
        return false;
    }

    /** Member ids of a group body. */
    static List<String> memberIds(JsonNode group) {
        List<String> ids = new java.util.ArrayList<>();
        group.path("members").forEach(m -> ids.add(m.path("value").asText()));
        return ids;
    }

    static String managerValue(JsonNode user) {
        return user.path(ENTERPRISE).path("manager").path("value").asText("");
    }
}
