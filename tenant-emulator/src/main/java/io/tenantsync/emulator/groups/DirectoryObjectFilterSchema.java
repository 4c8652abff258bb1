package io.tenantsync.emulator.groups;

import io.tenantsync.emulator.odata.FilterSchema;
import io.tenantsync.emulator.odata.StoredProperty;
import io.tenantsync.emulator.store.DirectoryFilterSchema;

import java.util.List;
import java.util.Optional;

/**
 * What {@code $filter} may use on a mixed directoryObject collection (members, memberOf): any property filterable
 * on users or on groups. Both live in the same indexed columns, so an object lacking the property simply never matches.
 */
final class DirectoryObjectFilterSchema implements FilterSchema {
    static final DirectoryObjectFilterSchema INSTANCE = new DirectoryObjectFilterSchema();

    private DirectoryObjectFilterSchema() {}

    @Override
    public Optional<StoredProperty> resolve(List<String> path) {
        return DirectoryFilterSchema.USER.resolve(path).or(() -> DirectoryFilterSchema.GROUP.resolve(path));
    }

    @Override
    public String entityName() { return "DirectoryObject"; }
}
