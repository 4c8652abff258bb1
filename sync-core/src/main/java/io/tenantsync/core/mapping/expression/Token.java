package io.tenantsync.core.mapping.expression;

/**
 * One lexical token. {@code text} is the name, the attribute name, the unescaped string value or the operator symbol;
 * {@code number} holds a numeric literal's value. {@code start} is the 0-based offset of its first character.
 */
record Token(Kind kind, String text, long number, int start) {

    enum Kind {
        NAME("a name"),
        ATTRIBUTE("an [attribute]"),
        STRING("a string"),
        NUMBER("a number"),
        LEFT_PAREN("'('"),
        RIGHT_PAREN("')'"),
        COMMA("','"),
        OPERATOR("a comparison"),
        END("the end of the expression");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** How to name this token in an error message. */
    String describe() {
        return switch (kind) {
            case NAME -> "'" + text + "'";
            case ATTRIBUTE -> "[" + text + "]";
            case STRING -> "a string";
            case NUMBER -> "the number " + number;
            case OPERATOR -> "'" + text + "'";
            default -> kind.description();
        };
    }
}
