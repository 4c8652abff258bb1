package io.tenantsync.core.mapping.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Printing a tree and parsing the text gives the same tree, for generated valid trees. */
class RoundTripPropertyTest {

    @Property(tries = 1000)
    void printedExpressionParsesBackToTheSameTree(@ForAll("expressions") Node root) {
        String text = ExpressionPrinter.print(root);
        assertThat(Expression.parse(text).root()).as(text).isEqualTo(root);
    }

    @Property(tries = 300)
    void canonicalTextIsAFixedPoint(@ForAll("expressions") Node root) {
        String once = Expression.of(root).canonicalText();
        assertThat(Expression.parse(once).canonicalText()).isEqualTo(once);
    }

    @Provide
    Arbitrary<Node> expressions() {
        Arbitrary<Node> body = node(3);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, body),
                net.jqwik.api.Tuple.of(1, body.map(inner -> call(Function.IGNORE_FLOW_IF_NULL_OR_EMPTY, inner))),
                net.jqwik.api.Tuple.of(1, node(2).list().ofMinSize(2).ofMaxSize(3)
                        .map(rules -> new Node.Call(Function.SELECT_UNIQUE_VALUE, rules))));
    }

    private Arbitrary<Node> node(int depth) {
        Arbitrary<Node> leaf = Arbitraries.oneOf(attributes(), strings(), numbers());
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Node> child = Arbitraries.lazy(() -> node(depth - 1));
        Arbitrary<Node> optional = Arbitraries.oneOf(child, Arbitraries.just(new Node.Omitted()));
        Arbitrary<Node> comparison = Combinators.combine(child, Arbitraries.of(ComparisonOperator.class), child)
                .as(Node.Comparison::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf),
                net.jqwik.api.Tuple.of(1, Combinators.combine(child, child.list().ofMinSize(1).ofMaxSize(3))
                        .as((separator, sources) -> new Node.Call(Function.JOIN, prepend(separator, sources)))),
                net.jqwik.api.Tuple.of(1, child.list().ofMinSize(1).ofMaxSize(3).map(sources -> new Node.Call(Function.COALESCE, sources))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(child, child).as((a, b) -> call(Function.APPEND, a, b))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(child, child, child).as((a, b, c) -> call(Function.MID, a, b, c))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(comparison, child, child).as((c, t, f) -> call(Function.IIF, c, t, f))),
                net.jqwik.api.Tuple.of(1, comparison.map(c -> call(Function.C_BOOL, c))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(child, optional).as((a, culture) -> call(Function.TO_LOWER, a, culture))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(child, child, optional, Arbitraries.of(VbConstant.class))
                        .as((a, b, start, compare) -> call(Function.IN_STR, a, b, start, new Node.Keyword(compare)))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(child, optional, child, child)
                        .as((source, fallback, key, value) -> call(Function.SWITCH, source, fallback, key, value))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(child, child, child)
                        .as((source, old, with) -> call(Function.REPLACE, source, old, new Node.Omitted(), new Node.Omitted(),
                                with, new Node.Omitted(), new Node.Omitted()))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Function.NOW, Function.GUID).map(f -> new Node.Call(f, List.of()))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(Function.NOT, Function.IS_NULL, Function.IS_PRESENT,
                        Function.STRIP_SPACES, Function.NORMALIZE_DIACRITICS, Function.REDACT, Function.C_STR), child)
                        .as((f, a) -> call(f, a))));
    }

    private static Arbitrary<Node> attributes() {
        return Arbitraries.strings().withChars("abcdeXYZ_019.-").ofMinLength(1).ofMaxLength(12).map(Node.AttributeRef::new);
    }

    private static Arbitrary<Node> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab \"\\\n,()[]=<>&-é\t'").ofMaxLength(10),
                Arbitraries.strings().ofMaxLength(6)).map(Node.StringLiteral::new);
    }

    private static Arbitrary<Node> numbers() {
        return Arbitraries.longs().map(Node.NumberLiteral::new);
    }

    private static Node call(Function function, Node... arguments) {
        return new Node.Call(function, List.of(arguments));
    }

    private static List<Node> prepend(Node first, List<Node> rest) {
        List<Node> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
