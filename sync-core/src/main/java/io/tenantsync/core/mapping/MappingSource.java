package io.tenantsync.core.mapping;

import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.mapping.expression.Expression;
import io.tenantsync.core.mapping.expression.ExpressionPrinter;
import io.tenantsync.core.mapping.expression.ExpressionResult;
import io.tenantsync.core.mapping.expression.Node;
import io.tenantsync.core.model.Attributes;
import java.util.Objects;

/** Where a mapped value comes from: Entra's mapping types Direct, Constant, Expression and None. */
public sealed interface MappingSource {

    /** The value for one source object; {@code targetAttribute} is what SelectUniqueValue probes. */
    ExpressionResult evaluate(Attributes source, EvaluationContext context, String targetAttribute);

    /** The source as Graph's attributeMappingSource expression text: {@code [mail]}, {@code "Member"}, the expression, or "". */
    String expressionText();

    /** The target gets the source attribute's value. */
    record Direct(String attribute) implements MappingSource {
        public Direct {
            Objects.requireNonNull(attribute, "attribute");
        }

        @Override
        public ExpressionResult evaluate(Attributes source, EvaluationContext context, String targetAttribute) {
            return ExpressionResult.of(source.get(attribute));
        }

        @Override
        public String expressionText() {
            return "[" + attribute + "]";
        }
    }

    /** The target gets a fixed string. */
    record Constant(String value) implements MappingSource {
        public Constant {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public ExpressionResult evaluate(Attributes source, EvaluationContext context, String targetAttribute) {
            return new ExpressionResult.Value(value);
        }

        @Override
        public String expressionText() {
            return ExpressionPrinter.print(new Node.StringLiteral(value));
        }
    }

    /** The target gets what an expression evaluates to. */
    record Computed(Expression expression) implements MappingSource {
        public Computed {
            Objects.requireNonNull(expression, "expression");
        }

        @Override
        public ExpressionResult evaluate(Attributes source, EvaluationContext context, String targetAttribute) {
            return expression.evaluate(source, context, targetAttribute);
        }

        @Override
        public String expressionText() {
            return expression.text();
        }
    }

    /** Nothing flows; a default value still applies when the object is created. */
    record None() implements MappingSource {
        @Override
        public ExpressionResult evaluate(Attributes source, EvaluationContext context, String targetAttribute) {
            return ExpressionResult.NULL;
        }

        @Override
        public String expressionText() {
            return "";
        }
    }
}
