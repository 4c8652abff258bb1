package io.tenantsync.core.source;

import com.microsoft.graph.models.OnPremisesExtensionAttributes;
import com.microsoft.graph.models.User;
import io.tenantsync.core.model.Attributes;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Graph user read as Entra's source attributes (see {@link SourceUserRecord} for the names), and the {@code $select}
 * that reads exactly those. The target package's own translation writes the other way and reads target users; the
 * source adds the ids and the Entra names of renamed properties, and never reads the manager.
 */
final class SourceUserAttributes {

    static final String OBJECT_ID = "objectId";
    static final String NET_ID = "netId";
    static final String IS_SOFT_DELETED = "IsSoftDeleted";
    static final String ACCOUNT_ENABLED = "accountEnabled";
    private static final String BUSINESS_PHONES = "businessPhones";
    private static final String EXTENSION_ATTRIBUTES = "onPremisesExtensionAttributes";

    /** Graph properties read under their own names: those of the CTS user schema that Graph has. */
    private static final List<String> READ = List.of(ACCOUNT_ENABLED, "ageGroup", BUSINESS_PHONES, "city",
            "companyName", "consentProvidedForMinor", "country", "createdDateTime", "creationType", "department",
            "displayName", "employeeHireDate", "employeeId", "employeeType", "externalUserState", "faxNumber",
            "givenName", "jobTitle", "mail", "mailNickname", "mobilePhone", "officeLocation", "onPremisesImmutableId",
            "onPremisesSecurityIdentifier", "otherMails", "passwordPolicies", "postalCode", "preferredDataLocation",
            "preferredLanguage", "proxyAddresses", "showInAddressList", "state", "streetAddress", "surname",
            "usageLocation", "userPrincipalName", "userType");

    /** Entra's names for Graph properties that Graph renamed: Entra name → Graph name. */
    private static final Map<String, String> ENTRA_NAMES = Map.of(
            "mobile", "mobilePhone",
            "physicalDeliveryOfficeName", "officeLocation",
            "facsimileTelephoneNumber", "faxNumber");

    /** What every read asks Graph for: the properties above, the extension attributes and the id. */
    static final String[] SELECT = select();

    private SourceUserAttributes() {
    }

    /** The attributes of a user read with {@link #SELECT}; {@code softDeleted} when it was read from the recycle bin. */
    static Attributes read(User user, boolean softDeleted) {
        Attributes.Builder values = Attributes.builder();
        values.put(OBJECT_ID, user.getId());
        values.put(NET_ID, user.getId());
        var store = user.getBackingStore();
        for (String property : READ) {
            values.put(property, plain(store.get(property)));
        }
        ENTRA_NAMES.forEach((entra, graph) -> values.put(entra, plain(store.get(graph))));
        List<String> phones = user.getBusinessPhones();
        values.put("telephoneNumber", phones == null || phones.isEmpty() ? null : phones.get(0));
        OnPremisesExtensionAttributes extensions = user.getOnPremisesExtensionAttributes();
        if (extensions != null) {
            for (int i = 1; i <= 15; i++) {
                String name = "extensionAttribute" + i;
                values.put(name, plain(extensions.getBackingStore().get(name)));
            }
        }
        values.put(IS_SOFT_DELETED, softDeleted);
        return values.build();
    }

    /** SDK values as {@link Attributes} holds them: date-times as UTC instants, lists copied, enums as text. */
    private static Object plain(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer) {
            return value;
        }
        return value.toString();
    }

    private static String[] select() {
        List<String> select = new ArrayList<>(READ);
        select.add("id");
        select.add(EXTENSION_ATTRIBUTES);
        return select.toArray(String[]::new);
    }
}
