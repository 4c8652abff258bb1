package io.tenantsync.emulator.odata;

import java.util.List;
import java.util.Optional;

/** The entity's filterable properties; empty for a property that exists but is not filterable or does not exist. */
public interface FilterSchema {

    /** How the property at {@code path} (segments as the client spelled them) is stored. */
    Optional<StoredProperty> resolve(List<String> path);

    /** The Graph entity type without namespace, e.g. {@code user}; used in error messages. */
    String entityName();
}
