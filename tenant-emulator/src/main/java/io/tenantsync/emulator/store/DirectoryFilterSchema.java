package io.tenantsync.emulator.store;

import io.tenantsync.emulator.odata.FilterSchema;
import io.tenantsync.emulator.odata.StoredProperty;
import io.tenantsync.emulator.odata.ValueType;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What {@code $filter} and {@code $orderby} may use on users and groups: the indexed columns and multi-value rows. */
public final class DirectoryFilterSchema implements FilterSchema {
    public static final DirectoryFilterSchema USER = new DirectoryFilterSchema("User", Set.of(
            IndexedProperty.SECURITY_ENABLED, IndexedProperty.MAIL_ENABLED), Set.of("otherMails", "proxyAddresses"), true);
    public static final DirectoryFilterSchema GROUP = new DirectoryFilterSchema("Group", Set.of(
            IndexedProperty.USER_PRINCIPAL_NAME, IndexedProperty.GIVEN_NAME, IndexedProperty.SURNAME, IndexedProperty.USER_TYPE,
            IndexedProperty.ACCOUNT_ENABLED, IndexedProperty.DEPARTMENT, IndexedProperty.COMPANY_NAME, IndexedProperty.JOB_TITLE,
            IndexedProperty.EMPLOYEE_ID, IndexedProperty.EXTERNAL_USER_STATE, IndexedProperty.CREATION_TYPE),
            Set.of("proxyAddresses", "groupTypes"), false);

    private final String entityName;
    private final Set<IndexedProperty> excluded;
    private final Set<String> collections;
    private final boolean identities;

    private DirectoryFilterSchema(String entityName, Set<IndexedProperty> excluded, Set<String> collections, boolean identities) {
        this.entityName = entityName;
        this.excluded = excluded;
        this.collections = collections;
        this.identities = identities;
    }

    @Override
    public String entityName() { return entityName; }

    @Override
    public Optional<StoredProperty> resolve(List<String> path) {
        String p = String.join("/", path);
        if (p.equalsIgnoreCase("id")) return Optional.of(new StoredProperty.Column("o.ID", ValueType.STRING));
        if (p.equalsIgnoreCase("createdDateTime")) return Optional.of(new StoredProperty.Column("o.CREATED_AT", ValueType.DATETIME));
        if (p.equalsIgnoreCase("deletedDateTime")) return Optional.of(new StoredProperty.Column("o.DELETED_AT", ValueType.DATETIME));
        if (entityName.equals("User") && p.equalsIgnoreCase("extensionAttribute")) return Optional.empty();
        if (entityName.equals("Group") && p.startsWith("onPremisesExtensionAttributes")) return Optional.empty();
        for (IndexedProperty ip : IndexedProperty.values()) {
            if (ip.graphPath().equalsIgnoreCase(p) && !excluded.contains(ip)) {
                if (entityName.equals("Group") && ip.name().startsWith("EXT")) return Optional.empty();
                return Optional.of(new StoredProperty.Column("o." + ip.column(),
                        ip.kind() == IndexedProperty.Kind.BOOLEAN ? ValueType.BOOLEAN : ValueType.STRING));
            }
        }
        for (String c : collections) {
            if (c.equalsIgnoreCase(p)) return Optional.of(new StoredProperty.StringCollection(c));
        }
        if (identities && p.equalsIgnoreCase(IndexedProperty.IDENTITIES)) {
            return Optional.of(new StoredProperty.ComplexCollection(IndexedProperty.IDENTITIES, Set.copyOf(IndexedProperty.IDENTITY_FIELDS)));
        }
        return Optional.empty();
    }
}
