package io.tenantsync.core.mapping.expression;

import io.tenantsync.core.model.Attributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed, validated and compiled mapping expression. Parse once, then evaluate against many source objects:
 * evaluation walks a pre-built tree and allocates only what the functions produce.
 */
public final class Expression {

    private final String text;
    private final Node root;
    private final List<AttributeReference> references;
    private final Term term;
    private final Term[] uniqueValueRules;
    private final boolean ignoresFlowIfNullOrEmpty;
    private final boolean redacted;

    private Expression(String text, ExpressionParser.Parsed parsed) {
        this.text = text;
        this.root = parsed.root();
        this.references = parsed.references();
        this.ignoresFlowIfNullOrEmpty = root instanceof Node.Call call
                && call.function() == Function.IGNORE_FLOW_IF_NULL_OR_EMPTY;
        if (root instanceof Node.Call call && call.function() == Function.SELECT_UNIQUE_VALUE) {
            uniqueValueRules = call.arguments().stream().map(ExpressionCompiler::compile).toArray(Term[]::new);
            term = null;
        } else {
            uniqueValueRules = null;
            term = ExpressionCompiler.compile(root);
        }
        this.redacted = uses(root, Function.REDACT);
    }

    /** Parses and validates; throws {@link ExpressionSyntaxException} with the position and reason of a problem. */
    public static Expression parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Expression(text, ExpressionParser.parse(text));
    }

    /** The expression for a tree built in code; validated as if it were parsed from its printed form. */
    public static Expression of(Node root) {
        return parse(ExpressionPrinter.print(root));
    }

    /** The text as given. */
    public String text() {
        return text;
    }

    public Node root() {
        return root;
    }

    /** The canonical text of the tree (see {@link ExpressionPrinter}). */
    public String canonicalText() {
        return ExpressionPrinter.print(root);
    }

    /** Every {@code [attribute]} in the text, in order, with its position. */
    public List<AttributeReference> attributeReferences() {
        return references;
    }

    /** The whole expression is an IgnoreFlowIfNullOrEmpty(…). */
    public boolean ignoresFlowIfNullOrEmpty() {
        return ignoresFlowIfNullOrEmpty;
    }

    /** The whole expression is a SelectUniqueValue(…). */
    public boolean selectsUniqueValue() {
        return uniqueValueRules != null;
    }

    /** A Redact(…) appears anywhere: logs must show {@code [Redact]} instead of the value. */
    public boolean redacted() {
        return redacted;
    }

    /** Evaluates without a target attribute (SelectUniqueValue then probes with a null attribute name). */
    public ExpressionResult evaluate(Attributes source, EvaluationContext context) {
        return evaluate(source, context, null);
    }

    /** Evaluates for the mapping into {@code targetAttribute}, which SelectUniqueValue's probe is asked about. */
    public ExpressionResult evaluate(Attributes source, EvaluationContext context, String targetAttribute) {
        if (uniqueValueRules != null) {
            return selectUniqueValue(source, context, targetAttribute);
        }
        Object value = term.evaluate(source, context);
        if (ignoresFlowIfNullOrEmpty && Coercion.isNullOrEmpty(value)) {
            return ExpressionResult.IGNORED;
        }
        return ExpressionResult.of(value);
    }

    private ExpressionResult selectUniqueValue(Attributes source, EvaluationContext context, String targetAttribute) {
        List<String> candidates = new ArrayList<>(uniqueValueRules.length);
        for (Term rule : uniqueValueRules) {
            String candidate = Coercion.text(rule.evaluate(source, context));
            if (candidate == null || candidate.isEmpty()) {
                continue;
            }
            if (!context.uniqueness().isTaken(targetAttribute, candidate)) {
                return new ExpressionResult.Value(candidate);
            }
            candidates.add(candidate);
        }
        return candidates.isEmpty() ? ExpressionResult.NULL : new ExpressionResult.NoUniqueValue(candidates);
    }

    private static boolean uses(Node node, Function function) {
        if (node instanceof Node.Call call) {
            return call.function() == function || call.arguments().stream().anyMatch(argument -> uses(argument, function));
        }
        if (node instanceof Node.Comparison comparison) {
            return uses(comparison.left(), function) || uses(comparison.right(), function);
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Expression that && root.equals(that.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
