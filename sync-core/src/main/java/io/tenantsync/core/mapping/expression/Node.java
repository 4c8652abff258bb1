package io.tenantsync.core.mapping.expression;

import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of a mapping expression. Positions are not part of the tree, so that two expressions that
 * differ only in spacing or in the case of function names are equal.
 */
public sealed interface Node {

    /** {@code Name(arg1, …, argN)}; the function is resolved when parsing, so an unknown name never gets here. */
    record Call(Function function, List<Node> arguments) implements Node {
        public Call {
            Objects.requireNonNull(function, "function");
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code [name]}: a source attribute. */
    record AttributeRef(String name) implements Node {
        public AttributeRef {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code "text"}; the value is unescaped. */
    record StringLiteral(String value) implements Node {
        public StringLiteral {
            Objects.requireNonNull(value, "value");
        }
    }

    /** An unquoted integer ({@code 3}, {@code -10}) or a VB hex literal ({@code &HF7}), which prints as decimal. */
    record NumberLiteral(long value) implements Node {
    }

    /** A bare VB constant such as {@code vbBinaryCompare}. */
    record Keyword(VbConstant constant) implements Node {
        public Keyword {
            Objects.requireNonNull(constant, "constant");
        }
    }

    /** {@code left op right}; only ever an argument of a call. */
    record Comparison(Node left, ComparisonOperator operator, Node right) implements Node {
        public Comparison {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(right, "right");
        }
    }

    /** An argument left empty, as in {@code Replace([mail], "@contoso.com", , , "", , )}: "not supplied". */
    record Omitted() implements Node {
    }
}
