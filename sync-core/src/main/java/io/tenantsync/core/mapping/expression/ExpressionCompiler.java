package io.tenantsync.core.mapping.expression;

import io.tenantsync.core.model.Attributes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Turns a validated tree into a tree of {@link Term}s, doing once whatever doesn't depend on the object: literal
 * regexes, intervals, date formats, cultures and RandomString rules are resolved here, not per evaluation.
 * The semantics of each function are described on its {@link Function} constant.
 */
final class ExpressionCompiler {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ExpressionCompiler() {
    }

    static Term compile(Node node) {
        if (node instanceof Node.StringLiteral literal) {
            return Term.constant(literal.value());
        }
        if (node instanceof Node.NumberLiteral number) {
            return Term.constant(number.value());
        }
        if (node instanceof Node.Keyword keyword) {
            return Term.constant(keyword.constant().value());
        }
        if (node instanceof Node.AttributeRef ref) {
            String name = ref.name();
            return (source, context) -> source.get(name);
        }
        if (node instanceof Node.Comparison comparison) {
            return comparison(comparison);
        }
        if (node instanceof Node.Omitted) {
            return Term.constant(null);
        }
        return call((Node.Call) node);
    }

    private static Term comparison(Node.Comparison comparison) {
        Term left = compile(comparison.left());
        Term right = compile(comparison.right());
        ComparisonOperator operator = comparison.operator();
        return (source, context) -> {
            Object a = Coercion.single(left.evaluate(source, context));
            Object b = Coercion.single(right.evaluate(source, context));
            // Entra: a condition on a null or empty value fails
            if (Coercion.isNullOrEmpty(a) || Coercion.isNullOrEmpty(b)) {
                return Boolean.FALSE;
            }
            return operator.holds(order(a, b));
        };
    }

    /** Numbers compare as numbers, booleans and DateTimes as such, everything else as case-sensitive text. */
    private static int order(Object a, Object b) {
        if (a instanceof Long || b instanceof Long) {
            Long x = Coercion.number(a);
            Long y = Coercion.number(b);
            if (x != null && y != null) {
                return Long.compare(x, y);
            }
        } else if (a instanceof Boolean || b instanceof Boolean) {
            Boolean x = Coercion.bool(a);
            Boolean y = Coercion.bool(b);
            if (x != null && y != null) {
                return Boolean.compare(x, y);
            }
        } else if (a instanceof Instant || b instanceof Instant) {
            Instant x = Coercion.dateTime(a);
            Instant y = Coercion.dateTime(b);
            if (x != null && y != null) {
                return x.compareTo(y);
            }
        }
        return Coercion.text(a).compareTo(Coercion.text(b));
    }

    private static Term call(Node.Call call) {
        List<Node> nodes = call.arguments();
        Term[] args = new Term[nodes.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = nodes.get(i) instanceof Node.Omitted ? null : compile(nodes.get(i));
        }
        return switch (call.function()) {
            case APPEND -> (s, c) -> {
                String text = Coercion.text(args[0].evaluate(s, c));
                String suffix = Coercion.text(args[1].evaluate(s, c));
                return text == null || suffix == null ? text : text.concat(suffix);
            };
            case ALT_SEC_ID_FROM_NET_ID, C_STR -> (s, c) -> Coercion.text(args[0].evaluate(s, c));
            case APP_ROLE_ASSIGNMENTS_COMPLEX, ASSERTIVE_APP_ROLE_ASSIGNMENTS_COMPLEX -> (s, c) -> texts(args[0].evaluate(s, c));
            case SINGLE_APP_ROLE_ASSIGNMENT -> (s, c) -> Coercion.text(args[0].evaluate(s, c));
            case BIT_AND -> (s, c) -> {
                Long a = Coercion.number(args[0].evaluate(s, c));
                Long b = Coercion.number(args[1].evaluate(s, c));
                return a == null || b == null ? null : a & b;
            };
            case C_BOOL -> (s, c) -> Boolean.TRUE.equals(Coercion.bool(args[0].evaluate(s, c)));
            case C_DATE -> (s, c) -> Coercion.dateTime(args[0].evaluate(s, c));
            case COALESCE -> (s, c) -> {
                for (Term arg : args) {
                    Object value = arg.evaluate(s, c);
                    if (!Coercion.isNull(value)) {
                        return value;
                    }
                }
                return null;
            };
            case CONVERT_TO_BASE64 -> (s, c) -> {
                String text = Coercion.text(args[0].evaluate(s, c));
                return text == null ? null : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_16LE));
            };
            case CONVERT_TO_UTF8_HEX -> (s, c) -> {
                String text = Coercion.text(args[0].evaluate(s, c));
                return text == null ? null : hex(text.getBytes(StandardCharsets.UTF_8));
            };
            case COUNT -> (s, c) -> {
                Object value = args[0].evaluate(s, c);
                return value == null ? 0L : value instanceof List<?> list ? (long) list.size() : 1L;
            };
            case DATE_ADD -> dateAdd(nodes, args);
            case DATE_DIFF -> dateDiff(nodes, args);
            case DATE_FROM_NUM -> (s, c) -> {
                Long ticks = Coercion.number(args[0].evaluate(s, c));
                return ticks == null ? null : EntraDateTime.fromFileTime(ticks);
            };
            case FORMAT_DATE_TIME -> formatDateTime(nodes, args);
            case GUID -> (s, c) -> c.ids().get().toString();
            case IGNORE_FLOW_IF_NULL_OR_EMPTY, REDACT -> args[0];
            case IIF -> (s, c) -> Boolean.TRUE.equals(Coercion.bool(args[0].evaluate(s, c)))
                    ? args[1].evaluate(s, c) : args[2].evaluate(s, c);
            case IN_STR -> inStr(args);
            case IS_NULL -> (s, c) -> Coercion.isNull(args[0].evaluate(s, c));
            case IS_NULL_OR_EMPTY -> (s, c) -> Coercion.isNullOrEmpty(args[0].evaluate(s, c));
            case IS_PRESENT -> (s, c) -> !Coercion.isNullOrEmpty(args[0].evaluate(s, c));
            case IS_STRING -> (s, c) -> {
                Object value = args[0].evaluate(s, c);
                return value != null && !(value instanceof List<?>);
            };
            case ITEM -> (s, c) -> {
                Object value = args[0].evaluate(s, c);
                Long index = Coercion.number(args[1].evaluate(s, c));
                List<?> values = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
                return index == null || index < 1 || index > values.size() ? null : values.get((int) (index - 1));
            };
            case JOIN -> join(args);
            case LEFT -> (s, c) -> {
                String text = Coercion.text(args[0].evaluate(s, c));
                Long count = Coercion.number(args[1].evaluate(s, c));
                if (text == null) {
                    return "";
                }
                if (count == null || count < 0 || count >= text.length()) {
                    return text;
                }
                return text.substring(0, count.intValue());
            };
            case MID -> (s, c) -> {
                String text = Coercion.text(args[0].evaluate(s, c));
                Long start = Coercion.number(args[1].evaluate(s, c));
                Long length = Coercion.number(args[2].evaluate(s, c));
                if (text == null || start == null || length == null) {
                    return null;
                }
                long from = Math.max(start, 1) - 1;
                if (from >= text.length() || length <= 0) {
                    return "";
                }
                return text.substring((int) from, (int) Math.min(text.length(), from + length));
            };
            case NORMALIZE_DIACRITICS -> (s, c) -> {
                String text = Coercion.text(args[0].evaluate(s, c));
                return text == null ? null : Diacritics.normalize(text);
            };
            case NOT -> (s, c) -> !Boolean.TRUE.equals(Coercion.bool(args[0].evaluate(s, c)));
            case NOW -> (s, c) -> c.clock().instant();
            case NUM_FROM_DATE -> (s, c) -> {
                Instant instant = Coercion.dateTime(args[0].evaluate(s, c));
                return instant == null ? null : EntraDateTime.toFileTime(instant);
            };
            case P_CASE -> (s, c) -> {
                String text = Coercion.text(args[0].evaluate(s, c));
                String separators = args.length > 1 && args[1] != null ? Coercion.text(args[1].evaluate(s, c)) : null;
                return text == null ? null : ProperCase.apply(text, separators);
            };
            case RANDOM_STRING -> randomString(nodes, args);
            case REMOVE_DUPLICATES -> (s, c) -> {
                Object value = args[0].evaluate(s, c);
                return value instanceof List<?> list ? List.copyOf(new LinkedHashSet<>(list)) : value;
            };
            case REPLACE -> {
                Term[] seven = new Term[7];
                Node[] sevenNodes = new Node[7];
                System.arraycopy(args, 0, seven, 0, args.length);
                for (int i = 0; i < 7; i++) {
                    sevenNodes[i] = i < nodes.size() ? nodes.get(i) : new Node.Omitted();
                }
                yield new ReplaceTerm(seven, sevenNodes);
            }
            case SELECT_UNIQUE_VALUE -> throw new IllegalStateException("SelectUniqueValue is evaluated by Expression");
            case SPLIT -> (s, c) -> split(Coercion.text(args[0].evaluate(s, c)), Coercion.text(args[1].evaluate(s, c)));
            case STRIP_SPACES -> (s, c) -> {
                String text = Coercion.text(args[0].evaluate(s, c));
                return text == null || text.indexOf(' ') < 0 ? text : text.replace(" ", "");
            };
            case SWITCH -> switchTerm(args);
            case TO_LOWER -> caseChange(nodes, args, false);
            case TO_UPPER -> caseChange(nodes, args, true);
            case WORD -> (s, c) -> {
                String text = Coercion.text(args[0].evaluate(s, c));
                Long number = Coercion.number(args[1].evaluate(s, c));
                String delimiters = Coercion.text(args[2].evaluate(s, c));
                return text == null || number == null ? "" : word(text, number, delimiters == null ? "" : delimiters);
            };
        };
    }

    private static Object texts(Object value) {
        if (value instanceof List<?> list) {
            List<String> texts = new ArrayList<>(list.size());
            for (Object item : list) {
                texts.add(Coercion.text(item));
            }
            return texts.isEmpty() ? null : List.copyOf(texts);
        }
        return value == null ? null : List.of(Coercion.text(value));
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    private static DateInterval interval(Term term, Attributes s, EvaluationContext c, DateInterval fixed) {
        return fixed != null ? fixed : DateInterval.of(Coercion.text(term.evaluate(s, c)));
    }

    private static Term dateAdd(List<Node> nodes, Term[] args) {
        DateInterval fixed = nodes.get(0) instanceof Node.StringLiteral literal ? DateInterval.of(literal.value()) : null;
        return (s, c) -> {
            DateInterval interval = interval(args[0], s, c, fixed);
            Long amount = Coercion.number(args[1].evaluate(s, c));
            Instant date = Coercion.dateTime(args[2].evaluate(s, c));
            return interval == null || amount == null || date == null ? null : interval.add(date, amount);
        };
    }

    private static Term dateDiff(List<Node> nodes, Term[] args) {
        DateInterval fixed = nodes.get(0) instanceof Node.StringLiteral literal ? DateInterval.of(literal.value()) : null;
        return (s, c) -> {
            DateInterval interval = interval(args[0], s, c, fixed);
            Instant first = Coercion.dateTime(args[1].evaluate(s, c));
            Instant second = Coercion.dateTime(args[2].evaluate(s, c));
            return interval == null || first == null || second == null ? null : interval.between(first, second);
        };
    }

    private static Term formatDateTime(List<Node> nodes, Term[] args) {
        int input = args.length - 2;
        int output = args.length - 1;
        DotNetDateFormat fixedInput = nodes.get(input) instanceof Node.StringLiteral l ? DotNetDateFormat.of(l.value()) : null;
        DotNetDateFormat fixedOutput = nodes.get(output) instanceof Node.StringLiteral l ? DotNetDateFormat.of(l.value()) : null;
        return (s, c) -> {
            String text = Coercion.text(args[0].evaluate(s, c));
            DotNetDateFormat in = fixedInput != null ? fixedInput : format(args[input].evaluate(s, c));
            DotNetDateFormat out = fixedOutput != null ? fixedOutput : format(args[output].evaluate(s, c));
            if (text == null || in == null || out == null) {
                return null;
            }
            OffsetDateTime parsed = in.parse(text);
            return parsed == null ? null : out.format(parsed);
        };
    }

    private static DotNetDateFormat format(Object value) {
        String text = Coercion.text(value);
        if (text == null || DotNetDateFormat.problemWith(text) != null) {
            return null;
        }
        return DotNetDateFormat.of(text);
    }

    private static Term inStr(Term[] args) {
        return (s, c) -> {
            String haystack = Coercion.text(args[0].evaluate(s, c));
            String needle = Coercion.text(args[1].evaluate(s, c));
            if (haystack == null || needle == null) {
                return null;
            }
            long start = args.length > 2 && args[2] != null ? Math.max(1, Coercion.number(args[2].evaluate(s, c), 1)) : 1;
            boolean ignoreCase = args.length > 3 && args[3] != null
                    && Coercion.number(args[3].evaluate(s, c), 0) == VbConstant.vbTextCompare.value();
            if (start > haystack.length() + 1) {
                return 0L;
            }
            int from = (int) start - 1;
            int found = ignoreCase ? indexOfIgnoreCase(haystack, needle, from) : haystack.indexOf(needle, from);
            return found < 0 ? 0L : (long) found + 1;
        };
    }

    private static int indexOfIgnoreCase(String haystack, String needle, int from) {
        for (int i = from; i + needle.length() <= haystack.length(); i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    private static Term join(Term[] args) {
        return (s, c) -> {
            String separator = Coercion.text(args[0].evaluate(s, c));
            StringBuilder out = null;
            for (int i = 1; i < args.length; i++) {
                Object value = args[i].evaluate(s, c);
                if (value instanceof List<?> list) {
                    for (Object item : list) {
                        out = appendJoined(out, separator, Coercion.text(item));
                    }
                } else {
                    out = appendJoined(out, separator, Coercion.text(value));
                }
            }
            return out == null ? null : out.toString();
        };
    }

    private static StringBuilder appendJoined(StringBuilder out, String separator, String text) {
        if (text == null || text.isEmpty()) {
            return out;
        }
        if (out == null) {
            return new StringBuilder(text);
        }
        if (separator != null) {
            out.append(separator);
        }
        return out.append(text);
    }

    private static Term randomString(List<Node> nodes, Term[] args) {
        RandomStringRule fixed = fixedRule(nodes);
        if (fixed != null) {
            return (s, c) -> fixed.draw(c.random());
        }
        return (s, c) -> {
            long[] numbers = new long[5];
            for (int i = 0; i < 5; i++) {
                Long number = Coercion.number(args[i].evaluate(s, c));
                if (number == null) {
                    return null;
                }
                numbers[i] = number;
            }
            String avoid = args.length > 5 && args[5] != null ? Coercion.text(args[5].evaluate(s, c)) : null;
            RandomStringRule rule = RandomStringRule.of(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], avoid);
            return rule == null ? null : rule.draw(c.random());
        };
    }

    /** The rule when every argument is a literal (as in every documented example), else null. */
    private static RandomStringRule fixedRule(List<Node> nodes) {
        long[] numbers = new long[5];
        for (int i = 0; i < 5; i++) {
            if (!(nodes.get(i) instanceof Node.NumberLiteral number)) {
                return null;
            }
            numbers[i] = number.value();
        }
        String avoid = null;
        if (nodes.size() > 5 && !(nodes.get(5) instanceof Node.Omitted)) {
            if (!(nodes.get(5) instanceof Node.StringLiteral literal)) {
                return null;
            }
            avoid = literal.value();
        }
        return RandomStringRule.of(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], avoid);
    }

    private static Object split(String text, String delimiter) {
        if (text == null) {
            return null;
        }
        if (delimiter == null || delimiter.isEmpty()) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = text.indexOf(delimiter, from)) >= 0) {
            parts.add(text.substring(from, at));
            from = at + delimiter.length();
        }
        parts.add(text.substring(from));
        return List.copyOf(parts);
    }

    private static Term switchTerm(Term[] args) {
        return (s, c) -> {
            String key = Coercion.text(args[0].evaluate(s, c));
            boolean emptySource = key == null || key.isEmpty();
            for (int i = 2; i < args.length; i += 2) {
                String candidate = Coercion.text(args[i].evaluate(s, c));
                boolean matches = candidate == null || candidate.isEmpty() ? emptySource : candidate.equals(key);
                if (matches) {
                    return args[i + 1].evaluate(s, c);
                }
            }
            return args[1] == null ? null : args[1].evaluate(s, c);
        };
    }

    private static Term caseChange(List<Node> nodes, Term[] args, boolean upper) {
        Locale fixed = args.length < 2 || args[1] == null ? Locale.ROOT
                : nodes.get(1) instanceof Node.StringLiteral l ? Locale.forLanguageTag(l.value()) : null;
        return (s, c) -> {
            String text = Coercion.text(args[0].evaluate(s, c));
            if (text == null) {
                return null;
            }
            Locale locale = fixed;
            if (locale == null) {
                String culture = Coercion.text(args[1].evaluate(s, c));
                locale = culture == null ? Locale.ROOT : Locale.forLanguageTag(culture);
            }
            return upper ? text.toUpperCase(locale) : text.toLowerCase(locale);
        };
    }

    private static String word(String text, long number, String delimiters) {
        if (number < 1) {
            return "";
        }
        long seen = 0;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && delimiters.indexOf(text.charAt(i)) >= 0) {
                i++;
            }
            int start = i;
            while (i < text.length() && delimiters.indexOf(text.charAt(i)) < 0) {
                i++;
            }
            if (i > start && ++seen == number) {
                return text.substring(start, i);
            }
        }
        return "";
    }
}
