package io.tenantsync.core.mapping.expression;

/**
 * Renders a tree as canonical expression text: documented function names, ", " between arguments (an empty
 * argument prints as nothing, as in {@code Replace([mail], "@contoso.com", , , "", , )}), " = " around comparisons,
 * decimal numbers, and strings with {@code \"} and {@code \\} escaped. Parsing the output gives the same tree.
 */
public final class ExpressionPrinter {

    private ExpressionPrinter() {
    }

    /** The canonical text of {@code node}. */
    public static String print(Node node) {
        StringBuilder out = new StringBuilder();
        append(out, node);
        return out.toString();
    }

    private static void append(StringBuilder out, Node node) {
        if (node instanceof Node.Call call) {
            out.append(call.function().displayName()).append('(');
            for (int i = 0; i < call.arguments().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                append(out, call.arguments().get(i));
            }
            out.append(')');
        } else if (node instanceof Node.AttributeRef ref) {
            out.append('[').append(ref.name()).append(']');
        } else if (node instanceof Node.StringLiteral literal) {
            out.append('"');
            String value = literal.value();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        } else if (node instanceof Node.NumberLiteral number) {
            out.append(number.value());
        } else if (node instanceof Node.Keyword keyword) {
            out.append(keyword.constant().name());
        } else if (node instanceof Node.Comparison comparison) {
            append(out, comparison.left());
            out.append(' ').append(comparison.operator().symbol()).append(' ');
            append(out, comparison.right());
        }
        // Node.Omitted prints as nothing
    }
}
