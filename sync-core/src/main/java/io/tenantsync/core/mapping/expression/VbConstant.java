package io.tenantsync.core.mapping.expression;

import java.util.Locale;

/** Bare VB constants that documented expressions use as values (InStr's compare type). */
public enum VbConstant {
    /** Case-sensitive comparison; VB's value 0. */
    vbBinaryCompare(0),
    /** Case-insensitive comparison; VB's value 1. */
    vbTextCompare(1);

    private final long value;

    VbConstant(long value) {
        this.value = value;
    }

    /** The constant's VB value. */
    public long value() {
        return value;
    }

    /** The constant named {@code name} in any case, or null. */
    static VbConstant named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (VbConstant constant : values()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return constant;
            }
        }
        return null;
    }
}
