package io.tenantsync.gateway.scim;

import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.SchemaUtils;
import io.tenantsync.gateway.store.ResourceType;

import java.beans.IntrospectionException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The schemas the gateway serves — core User and Group (RFC 7643), the enterprise User extension, and our read-only
 * target-state extension — and attribute lookups by name, case-insensitively as RFC 7643 §2.1 requires.
 */
public final class ScimSchemas {
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String TARGET_STATE = "urn:tenantsync:params:scim:schemas:extension:target:2.0:Resource";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    public static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

    private final SchemaResource user;
    private final SchemaResource group;
    private final SchemaResource enterpriseUser;
    private final SchemaResource targetState;
    private final Map<String, AttributeDefinition> userAttributes;
    private final Map<String, AttributeDefinition> groupAttributes;
    private final Map<String, AttributeDefinition> enterpriseAttributes;
    private final Map<String, AttributeDefinition> targetAttributes;

    public ScimSchemas() {
        try {
            user = SchemaUtils.getSchema(UserResource.class);
            group = SchemaUtils.getSchema(GroupResource.class);
            enterpriseUser = SchemaUtils.getSchema(EnterpriseUserExtension.class);
        } catch (IntrospectionException e) {
            throw new IllegalStateException("the SDK's schema annotations are unreadable", e);
        }
        targetState = new SchemaResource(TARGET_STATE, "TargetState",
                "Where the resource stands in the target tenant; maintained by the gateway, read-only to clients", List.of(
                readOnly("targetObjectId", AttributeDefinition.Type.STRING, true, "The object id of the resource's counterpart in the target tenant"),
                new AttributeDefinition.Builder().setName("state").setType(AttributeDefinition.Type.STRING).setCaseExact(true)
                        .setDescription("pending, synced, failed or refused").addCanonicalValues("pending", "synced", "failed", "refused")
                        .setMutability(AttributeDefinition.Mutability.READ_ONLY).setReturned(AttributeDefinition.Returned.DEFAULT)
                        .setUniqueness(AttributeDefinition.Uniqueness.NONE).build(),
                readOnly("lastAttempt", AttributeDefinition.Type.DATETIME, false, "When the target tenant was last written for this resource"),
                readOnly("lastError", AttributeDefinition.Type.STRING, false, "Why the last attempt failed or was refused")));
        userAttributes = index(user);
        groupAttributes = index(group);
        enterpriseAttributes = index(enterpriseUser);
        targetAttributes = index(targetState);
    }

    private static AttributeDefinition readOnly(String name, AttributeDefinition.Type type, boolean caseExact, String description) {
        return new AttributeDefinition.Builder().setName(name).setType(type).setCaseExact(caseExact).setDescription(description)
                .setMutability(AttributeDefinition.Mutability.READ_ONLY).setReturned(AttributeDefinition.Returned.DEFAULT)
                .setUniqueness(AttributeDefinition.Uniqueness.NONE).build();
    }

    private static Map<String, AttributeDefinition> index(SchemaResource schema) {
        Map<String, AttributeDefinition> byName = new TreeMap<>();
        for (AttributeDefinition d : schema.getAttributes()) byName.put(d.getName().toLowerCase(Locale.ROOT), d);
        return Map.copyOf(byName);
    }

    /** Every schema, for {@code /Schemas}. */
    public List<SchemaResource> all() {
        return List.of(user, enterpriseUser, group, targetState);
    }

    /** The extension schema URNs a resource type accepts. */
    public List<String> extensions(ResourceType type) {
        return type == ResourceType.USER ? List.of(ENTERPRISE_USER, TARGET_STATE) : List.of(TARGET_STATE);
    }

    /** The extension URN {@code name} spells (case-insensitively) for this type, if it is one. */
    public Optional<String> extension(ResourceType type, String name) {
        return extensions(type).stream().filter(urn -> urn.equalsIgnoreCase(name)).findFirst();
    }

    /** A core attribute of the type, by name in any case. */
    public Optional<AttributeDefinition> core(ResourceType type, String name) {
        return Optional.ofNullable((type == ResourceType.USER ? userAttributes : groupAttributes).get(name.toLowerCase(Locale.ROOT)));
    }

    /** An attribute of an extension schema, by name in any case. */
    public Optional<AttributeDefinition> extensionAttribute(String urn, String name) {
        Map<String, AttributeDefinition> attrs = urn.equals(ENTERPRISE_USER) ? enterpriseAttributes : urn.equals(TARGET_STATE) ? targetAttributes : Map.of();
        return Optional.ofNullable(attrs.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A sub-attribute of a complex attribute, by name in any case. */
    public static Optional<AttributeDefinition> sub(AttributeDefinition complex, String name) {
        if (complex.getSubAttributes() == null) return Optional.empty();
        return complex.getSubAttributes().stream().filter(s -> s.getName().equalsIgnoreCase(name)).findFirst();
    }

    /** The attribute {@code urn}:{@code name} or core {@code name} resolves to, with its canonical schema. */
    public Optional<AttributeDefinition> attribute(ResourceType type, String urn, String name) {
        if (urn == null || urn.equalsIgnoreCase(type.schema())) return core(type, name);
        return extension(type, urn).flatMap(u -> extensionAttribute(u, name));
    }
}
