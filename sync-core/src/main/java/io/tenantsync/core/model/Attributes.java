package io.tenantsync.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The attribute values of one directory object (a source user, a mapped target, an actual target user), immutable.
 *
 * <p>Names are case-insensitive, as they are in Entra's mappings and in Graph, but keep the spelling they were
 * given. A value is a {@link String}, {@link Boolean}, {@link Long}, or an unmodifiable {@link List} of those for a
 * multi-valued attribute. An attribute that is absent and one whose value is null are the same thing: null values
 * are not stored, so {@code equals} compares what is actually there.
 */
public final class Attributes {

    private static final Attributes EMPTY = new Attributes(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    private final TreeMap<String, Object> values;

    private Attributes(TreeMap<String, Object> values) {
        this.values = values;
    }

    public static Attributes empty() {
        return EMPTY;
    }

    /** Copies the map; null values are dropped, numbers become {@link Long}, collections become lists. */
    public static Attributes of(Map<String, ?> values) {
        TreeMap<String, Object> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        values.forEach((name, value) -> {
            Object normalized = normalize(name, value);
            if (normalized != null) {
                copy.put(name, normalized);
            }
        });
        return new Attributes(copy);
    }

    /** Pairs of name and value: {@code Attributes.of("mail", "a@b", "accountEnabled", true)}. */
    public static Attributes of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return of(map);
    }

    /** The value, or null when the attribute is absent. */
    public Object get(String name) {
        return values.get(name);
    }

    /** The value as a string (booleans as Entra prints them, {@code True}/{@code False}), or null. */
    public String getString(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof List<?>) {
            return value == null ? null : ((List<?>) value).isEmpty() ? null : text(((List<?>) value).get(0));
        }
        return text(value);
    }

    /** The values of a multi-valued attribute; a single value is a one-element list, absent is empty. */
    public List<Object> getAll(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return Collections.unmodifiableList(new ArrayList<>(list));
        }
        return List.of(value);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** A copy with the attribute set; a null value removes it. */
    public Attributes with(String name, Object value) {
        TreeMap<String, Object> copy = new TreeMap<>(values);
        Object normalized = normalize(name, value);
        if (normalized == null) {
            copy.remove(name);
        } else {
            copy.remove(name); // keep the new spelling of the name
            copy.put(name, normalized);
        }
        return new Attributes(copy);
    }

    /** A copy with every attribute of {@code other} set over these. */
    public Attributes withAll(Attributes other) {
        TreeMap<String, Object> copy = new TreeMap<>(values);
        other.values.forEach((name, value) -> {
            copy.remove(name);
            copy.put(name, value);
        });
        return new Attributes(copy);
    }

    public Attributes without(String name) {
        if (!values.containsKey(name)) {
            return this;
        }
        TreeMap<String, Object> copy = new TreeMap<>(values);
        copy.remove(name);
        return new Attributes(copy);
    }

    /** Entra's text form of a single value: booleans are {@code True}/{@code False}. */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value.toString();
    }

    private static Object normalize(String name, Object value) {
        Objects.requireNonNull(name, "attribute name");
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Iterable<?> iterable) {
            List<Object> list = new ArrayList<>();
            for (Object item : iterable) {
                Object normalized = normalize(name, item);
                if (normalized instanceof List<?>) {
                    throw new IllegalArgumentException("attribute " + name + " nests a list in a list");
                }
                if (normalized != null) {
                    list.add(normalized);
                }
            }
            return List.copyOf(list);
        }
        throw new IllegalArgumentException(
                "attribute " + name + " has a value of unsupported type " + value.getClass().getSimpleName());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attributes that && caseInsensitiveKeys(values).equals(caseInsensitiveKeys(that.values));
    }

    @Override
    public int hashCode() {
        return caseInsensitiveKeys(values).hashCode();
    }

    private static Map<String, Object> caseInsensitiveKeys(TreeMap<String, Object> values) {
        Map<String, Object> lowered = new java.util.HashMap<>();
        values.forEach((name, value) -> lowered.put(name.toLowerCase(java.util.Locale.ROOT), value));
        return lowered;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
