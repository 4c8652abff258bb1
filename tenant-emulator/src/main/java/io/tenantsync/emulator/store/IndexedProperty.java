package io.tenantsync.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;

/**
 * The single-valued properties the store copies into indexed columns of DIRECTORY_OBJECT, with their Graph path.
 * The same list drives what is written and what {@code $filter}/{@code $orderby} may use.
 */
public enum IndexedProperty {
    DISPLAY_NAME("displayName", "DISPLAY_NAME_LC", Kind.STRING),
    USER_PRINCIPAL_NAME("userPrincipalName", "UPN_LC", Kind.STRING),
    MAIL("mail", "MAIL_LC", Kind.STRING),
    MAIL_NICKNAME("mailNickname", "MAIL_NICKNAME_LC", Kind.STRING),
    GIVEN_NAME("givenName", "GIVEN_NAME_LC", Kind.STRING),
    SURNAME("surname", "SURNAME_LC", Kind.STRING),
    USER_TYPE("userType", "USER_TYPE_LC", Kind.STRING),
    ACCOUNT_ENABLED("accountEnabled", "ACCOUNT_ENABLED", Kind.BOOLEAN),
    DEPARTMENT("department", "DEPARTMENT_LC", Kind.STRING),
    COMPANY_NAME("companyName", "COMPANY_NAME_LC", Kind.STRING),
    JOB_TITLE("jobTitle", "JOB_TITLE_LC", Kind.STRING),
    EMPLOYEE_ID("employeeId", "EMPLOYEE_ID_LC", Kind.STRING),
    EXTERNAL_USER_STATE("externalUserState", "EXTERNAL_USER_STATE_LC", Kind.STRING),
    CREATION_TYPE("creationType", "CREATION_TYPE_LC", Kind.STRING),
    SECURITY_ENABLED("securityEnabled", "SECURITY_ENABLED", Kind.BOOLEAN),
    MAIL_ENABLED("mailEnabled", "MAIL_ENABLED", Kind.BOOLEAN),
    EXT1(1), EXT2(2), EXT3(3), EXT4(4), EXT5(5), EXT6(6), EXT7(7), EXT8(8), EXT9(9), EXT10(10),
    EXT11(11), EXT12(12), EXT13(13), EXT14(14), EXT15(15);

    /** Column value kinds. */
    public enum Kind { STRING, BOOLEAN }

    private final String graphPath;
    private final String column;
    private final Kind kind;

    IndexedProperty(String graphPath, String column, Kind kind) {
        this.graphPath = graphPath;
        this.column = column;
        this.kind = kind;
    }

    IndexedProperty(int extensionAttribute) {
        this("onPremisesExtensionAttributes/extensionAttribute" + extensionAttribute, "EXT" + extensionAttribute + "_LC", Kind.STRING);
    }

    /** The property's path in Graph JSON, '/'-separated. */
    public String graphPath() { return graphPath; }

    /** The column in DIRECTORY_OBJECT. */
    public String column() { return column; }

    public Kind kind() { return kind; }

    /** The column value for an object body: lower-cased string, Boolean, or null. */
    public Object valueOf(JsonNode body) {
        JsonNode n = body;
        for (String p : graphPath.split("/")) {
            n = n == null ? null : n.get(p);
        }
        if (n == null || n.isNull()) return null;
        return kind == Kind.BOOLEAN ? (Object) n.asBoolean() : n.asText().toLowerCase(Locale.ROOT);
    }

    /** Multi-valued properties kept in OBJECT_VALUE: string collections, and complex collections with their sub-properties. */
    public static final List<String> STRING_COLLECTIONS = List.of("otherMails", "proxyAddresses", "groupTypes");
    public static final String IDENTITIES = "identities";
    public static final List<String> IDENTITY_FIELDS = List.of("signInType", "issuer", "issuerAssignedId");
}
