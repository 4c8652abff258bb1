package io.tenantsync.emulator.odata;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The user properties the tests filter on, stored the way the directory store keeps them. */
final class UserFilterSchema implements FilterSchema {
    static final UserFilterSchema USER = new UserFilterSchema();

    private final Map<String, StoredProperty> properties = new HashMap<>();

    private UserFilterSchema() {
        put("id", new StoredProperty.Column("o.ID", ValueType.STRING));
        string("mail", "MAIL_LC");
        string("userPrincipalName", "UPN_LC");
        string("displayName", "DISPLAY_NAME_LC");
        string("givenName", "GIVEN_NAME_LC");
        string("surname", "SURNAME_LC");
        string("userType", "USER_TYPE_LC");
        string("department", "DEPARTMENT_LC");
        string("companyName", "COMPANY_NAME_LC");
        string("jobTitle", "JOB_TITLE_LC");
        string("externalUserState", "EXTERNAL_USER_STATE_LC");
        string("creationType", "CREATION_TYPE_LC");
        string("mailNickname", "MAIL_NICKNAME_LC");
        for (int i = 1; i <= 15; i++) string("onPremisesExtensionAttributes/extensionAttribute" + i, "EXT" + i + "_LC");
        put("accountEnabled", new StoredProperty.Column("o.ACCOUNT_ENABLED", ValueType.BOOLEAN));
        put("createdDateTime", new StoredProperty.Column("o.CREATED_AT", ValueType.DATETIME));
        // not a Graph user property: gives the tests an INTEGER column
        put("changeSeq", new StoredProperty.Column("o.CHANGE_SEQ", ValueType.INTEGER));
        put("otherMails", new StoredProperty.StringCollection("otherMails"));
        put("proxyAddresses", new StoredProperty.StringCollection("proxyAddresses"));
        put("identities", new StoredProperty.ComplexCollection("identities", Set.of("signInType", "issuer", "issuerAssignedId")));
    }

    @Override public Optional<StoredProperty> resolve(List<String> path) {
        return Optional.ofNullable(properties.get(key(String.join("/", path))));
    }

    @Override public String entityName() { return "user"; }

    private void string(String property, String column) {
        put(property, new StoredProperty.Column("o." + column, ValueType.STRING));
    }

    private void put(String property, StoredProperty stored) { properties.put(key(property), stored); }

    private static String key(String path) { return path.toLowerCase(Locale.ROOT); }
}
