package io.tenantsync.core.reconcile;

import io.tenantsync.core.model.Attributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What must change in a target user's attributes for them to match the mapped ones. Names compare
 * case-insensitively (as {@link Attributes} does), values case-sensitively, multi-valued attributes as ordered lists.
 */
final class AttributeDiff {

    private AttributeDiff() {
    }

    /**
     * @param current   the target user's attributes
     * @param wanted    the Always-mapped attributes
     * @param clearable names of Always mappings; one absent from {@code wanted} but set in {@code current} is cleared
     * @param createOnly the create-only attributes; a name here is never cleared (see below)
     * @return the changes in name order, empty when the target already matches
     */
    static List<AttributeChange> between(Attributes current, Attributes wanted, Set<String> clearable,
            Attributes createOnly) {
        List<AttributeChange> changes = new ArrayList<>();
        for (String name : wanted.names()) {
            Object want = wanted.get(name);
            Object have = current.get(name);
            if (!sameValue(have, want)) {
                changes.add(new AttributeChange(name, have, want));
            }
        }
        for (String name : clearable) {
            // A create-only value for a null Always mapping is its default-if-null: clearing it on the next cycle
            // would undo the create every time, so the default stays.
            if (!wanted.has(name) && !createOnly.has(name) && current.has(name)) {
                changes.add(new AttributeChange(name, current.get(name), null));
            }
        }
        changes.sort((a, b) -> String.CASE_INSENSITIVE_ORDER.compare(a.name(), b.name()));
        return changes;
    }

    /** Absent, an empty list and a list of one value compare as the lists they are. */
    static boolean sameValue(Object have, Object want) {
        List<?> haves = asList(have);
        List<?> wants = asList(want);
        if (haves.size() != wants.size()) {
            return false;
        }
        for (int i = 0; i < haves.size(); i++) {
            if (!sameScalar(haves.get(i), wants.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<?> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list : List.of(value);
    }

    // A constant mapping yields the string "true" where Graph reports a boolean; numbers likewise.
    private static boolean sameScalar(Object have, Object want) {
        if (have.equals(want)) {
            return true;
        }
        if (have instanceof Boolean flag && want instanceof String text) {
            return text.equalsIgnoreCase(flag.toString());
        }
        if (have instanceof String text && want instanceof Boolean flag) {
            return text.equalsIgnoreCase(flag.toString());
        }
        if (have instanceof Long number && want instanceof String text) {
            return text.equals(number.toString());
        }
        if (have instanceof String text && want instanceof Long number) {
            return text.equals(number.toString());
        }
        return false;
    }
}
