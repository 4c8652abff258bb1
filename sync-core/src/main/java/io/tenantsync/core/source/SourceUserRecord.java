package io.tenantsync.core.source;

import io.tenantsync.core.model.Attributes;
import java.util.Objects;

/**
 * One user as a source round read it: a live user with its attributes, or the news that it was removed.
 *
 * <p>Attribute names are Entra's source names, as the mappings use them: Graph's property names for most;
 * {@code objectId} and {@code netId} both the Graph {@code id} (Entra's netId, the PUID its CTS links by, is not
 * exposed by Graph, so the object id stands in for it: stable for the user's lifetime and unique, which is all the
 * linking key needs); {@code telephoneNumber} the first of {@code businessPhones}; {@code mobile},
 * {@code physicalDeliveryOfficeName} and {@code facsimileTelephoneNumber} the Graph {@code mobilePhone},
 * {@code officeLocation} and {@code faxNumber} (which are kept under their Graph names too);
 * {@code extensionAttribute1..15} the members of {@code onPremisesExtensionAttributes}; {@code IsSoftDeleted}
 * whether the user is in the recycle bin. {@code manager} is not read: delta cannot expand it (see
 * {@link GraphSourceDirectory}).
 *
 * @param id             the user's object id in the source tenant
 * @param attributes     its attributes; empty for a removal a change round reported, which carries only the id
 * @param accountEnabled whether the user may sign in; false for removals
 * @param removal        whether and how the user was removed
 */
public record SourceUserRecord(String id, Attributes attributes, boolean accountEnabled, Removal removal) {

    /** How a user left the source directory. */
    public enum Removal {
        /** Not removed: a live user. */
        NONE,
        /** In the source's recycle bin, restorable for 30 days (delta's {@code @removed} reason {@code changed}). */
        SOFT_DELETED,
        /** Permanently deleted (delta's {@code @removed} reason {@code deleted}). */
        HARD_DELETED
    }

    public SourceUserRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(removal, "removal");
    }

    /** A user removed from the source, known only by its id. */
    public static SourceUserRecord removed(String id, Removal removal) {
        if (removal == Removal.NONE) {
            throw new IllegalArgumentException("a removed user needs a removal, not NONE");
        }
        return new SourceUserRecord(id, Attributes.empty(), false, removal);
    }

    public boolean isRemoved() {
        return removal != Removal.NONE;
    }
}
