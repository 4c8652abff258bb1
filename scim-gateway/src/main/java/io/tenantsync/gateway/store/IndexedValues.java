package io.tenantsync.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The copies of a resource's attributes that live in indexed columns, lower-cased where the attribute is
 * {@code caseExact=false} so that SQL equality is SCIM equality.
 */
public record IndexedValues(String uniqueNameLc, String userNameLc, String displayNameLc, String externalId, Boolean active,
                            List<EmailValue> emails) {
    /** Longest value an indexed column holds; longer values are refused before they reach SQL. */
    public static final int MAX_INDEXED_LENGTH = 1024;

    /** One element of {@code emails}. */
    public record EmailValue(String valueLc, String typeLc, boolean primary) {}

    /** Extracts the indexed values of a validated resource. */
    public static IndexedValues of(ResourceType type, JsonNode resource) throws BadRequestException {
        String userName = text(resource, "userName");
        String displayName = text(resource, "displayName");
        String externalId = text(resource, "externalId");
        JsonNode activeNode = resource.get("active");
        Boolean active = activeNode != null && activeNode.isBoolean() ? activeNode.booleanValue() : null;
        List<EmailValue> emails = new ArrayList<>();
        JsonNode array = resource.get("emails");
        if (array != null && array.isArray()) {
            for (JsonNode e : array) {
                String value = text(e, "value");
                String kind = text(e, "type");
                if (value == null && kind == null) continue;
                checkLength("emails.value", value);
                checkLength("emails.type", kind);
                emails.add(new EmailValue(lower(value), lower(kind), e.path("primary").asBoolean(false)));
            }
        }
        checkLength("userName", userName);
        checkLength("displayName", displayName);
        checkLength("externalId", externalId);
        String unique = type == ResourceType.USER ? userName : displayName;
        return new IndexedValues(lower(unique), type == ResourceType.USER ? lower(userName) : null, lower(displayName),
                externalId, active, List.copyOf(emails));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.textValue().isEmpty() ? v.textValue() : null;
    }

    private static void checkLength(String attribute, String value) throws BadRequestException {
        if (value != null && value.length() > MAX_INDEXED_LENGTH) {
            throw BadRequestException.invalidValue(attribute + " is longer than " + MAX_INDEXED_LENGTH + " characters");
        }
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
