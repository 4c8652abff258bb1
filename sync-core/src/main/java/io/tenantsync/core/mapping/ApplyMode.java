package io.tenantsync.core.mapping;

import java.util.Locale;

/** When a mapping flows: on create and every update, or only when the target object is created. */
public enum ApplyMode {
    ALWAYS,
    ON_CREATE_ONLY;

    /** Reads {@code always}/{@code onCreateOnly}, or Graph's flowType names {@code Always}/{@code ObjectAddOnly}, in any case. */
    static ApplyMode parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "")) {
            case "always" -> ALWAYS;
            case "oncreateonly", "objectaddonly", "oncreate" -> ON_CREATE_ONLY;
            default -> null;
        };
    }
}
