package io.tenantsync.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attribute values of one directory object (a source user, a mapped target, an actual target user), immutable.
 *
 * <p>Names are case-insensitive, as they are in Entra's mappings and in Graph, but keep the spelling they were
 * given; iteration follows insertion order. A value is a {@link String}, {@link Boolean}, {@link Long}, or an
 * unmodifiable {@link List} of those for a multi-valued attribute. An attribute that is absent and one whose value
 * is null are the same thing: null values are not stored, so {@code equals} compares what is actually there.
 */
public final class Attributes {

    private static final Attributes EMPTY = new Attributes(new LinkedHashMap<>());

    /**
     * Lower-cased forms of the names seen so far. Mapping every user of a cycle looks up the same few dozen names
     * millions of times; caching their folded form keeps those lookups free of allocation.
     */
    private static final Map<String, String> FOLDED = new ConcurrentHashMap<>();
    private static final int FOLDED_LIMIT = 10_000;

    /** Folded name → the name as spelled and its value. */
    private final LinkedHashMap<String, Slot> slots;

    private record Slot(String name, Object value) {}

    private Attributes(LinkedHashMap<String, Slot> slots) {
        this.slots = slots;
    }

    public static Attributes empty() {
        return EMPTY;
    }

    /** Copies the map; null values are dropped, numbers become {@link Long}, collections become lists. */
    public static Attributes of(Map<String, ?> values) {
        Builder builder = new Builder(values.size());
        values.forEach(builder::put);
        return builder.build();
    }

    /** Pairs of name and value: {@code Attributes.of("mail", "a@b", "accountEnabled", true)}. */
    public static Attributes of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Builder builder = new Builder(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder(16);
    }

    /** Collects attributes without copying them again on {@link #build()}; a later put of a name replaces it. */
    public static final class Builder {
        private LinkedHashMap<String, Slot> slots;

        private Builder(int expected) {
            slots = new LinkedHashMap<>(Math.max(4, expected * 4 / 3 + 1));
        }

        /** Sets the attribute; a null value removes it. */
        public Builder put(String name, Object value) {
            Object normalized = normalize(name, value);
            String key = fold(name);
            slots.remove(key); // keep the latest spelling of the name
            if (normalized != null) {
                slots.put(key, new Slot(name, normalized));
            }
            return this;
        }

        public Attributes build() {
            Attributes built = slots.isEmpty() ? EMPTY : new Attributes(slots);
            slots = new LinkedHashMap<>(); // the built object owns the map now
            return built;
        }
    }

    /** The value, or null when the attribute is absent. */
    public Object get(String name) {
        Slot slot = slots.get(fold(name));
        return slot == null ? null : slot.value();
    }

    /** The value as a string (booleans as Entra prints them, {@code True}/{@code False}), or null. */
    public String getString(String name) {
        Object value = get(name);
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : text(list.get(0));
        }
        return text(value);
    }

    /** The values of a multi-valued attribute; a single value is a one-element list, absent is empty. */
    @SuppressWarnings("unchecked")
    public List<Object> getAll(String name) {
        Object value = get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list; // already an unmodifiable copy
        }
        return List.of(value);
    }

    public boolean has(String name) {
        return slots.containsKey(fold(name));
    }

    /** The names as spelled, in insertion order. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        slots.values().forEach(slot -> names.add(slot.name()));
        return Collections.unmodifiableSet(names);
    }

    /** The attributes as a map keyed by name as spelled, in insertion order. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        slots.values().forEach(slot -> map.put(slot.name(), slot.value()));
        return Collections.unmodifiableMap(map);
    }

    public int size() {
        return slots.size();
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }

    /** A copy with the attribute set; a null value removes it. */
    public Attributes with(String name, Object value) {
        Builder builder = copy(1);
        builder.put(name, value);
        return builder.build();
    }

    /** A copy with every attribute of {@code other} set over these. */
    public Attributes withAll(Attributes other) {
        if (other.isEmpty()) {
            return this;
        }
        Builder builder = copy(other.size());
        other.slots.forEach((key, slot) -> {
            builder.slots.remove(key);
            builder.slots.put(key, slot);
        });
        return builder.build();
    }

    public Attributes without(String name) {
        if (!has(name)) {
            return this;
        }
        Builder builder = copy(0);
        builder.slots.remove(fold(name));
        return builder.build();
    }

    private Builder copy(int extra) {
        Builder builder = new Builder(slots.size() + extra);
        builder.slots.putAll(slots);
        return builder;
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

    private static String fold(String name) {
        String folded = FOLDED.get(Objects.requireNonNull(name, "attribute name"));
        if (folded == null) {
            folded = name.toLowerCase(Locale.ROOT);
            if (FOLDED.size() < FOLDED_LIMIT) {
                FOLDED.put(name, folded);
            }
        }
        return folded;
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
        if (!(other instanceof Attributes that) || that.slots.size() != slots.size()) {
            return false;
        }
        for (Map.Entry<String, Slot> entry : slots.entrySet()) {
            Slot theirs = that.slots.get(entry.getKey());
            if (theirs == null || !theirs.value().equals(entry.getValue().value())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (Map.Entry<String, Slot> entry : slots.entrySet()) {
            hash += entry.getKey().hashCode() ^ entry.getValue().value().hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
