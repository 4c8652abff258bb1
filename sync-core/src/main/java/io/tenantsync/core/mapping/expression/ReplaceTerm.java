package io.tenantsync.core.mapping.expression;

import io.tenantsync.core.model.Attributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Replace, compiled for the mode its supplied arguments select. A literal regex and replacement are translated
 * once here; computed ones are translated per evaluation.
 */
final class ReplaceTerm implements Term {

    enum Mode {
        /** oldValue + replacementValue: every oldValue in source becomes replacementValue. */
        TEXT,
        /** oldValue + template: every oldValue in template becomes the source. */
        TEMPLATE,
        /** regexPattern + replacementValue: regex replace, replacementValue may use ${group}. */
        REGEX,
        /** regexPattern + regexGroupName + replacementValue: each match's named group becomes replacementValue. */
        REGEX_GROUP,
        /** regexPattern + regexGroupName + replacementAttributeName: source if it has a value, else the named group of the other value. */
        REGEX_GROUP_FROM_ATTRIBUTE
    }

    private final Mode mode;
    private final Term source;
    private final Term oldValue;
    private final Term pattern;
    private final Pattern fixedPattern;
    private final Term groupName;
    private final Term replacement;
    private final String fixedJavaReplacement;
    private final Term replacementAttribute;
    private final Term template;

    /** {@code arguments} are the seven compiled arguments (null where omitted), {@code nodes} the same as nodes. */
    ReplaceTerm(Term[] arguments, Node[] nodes) {
        this.source = arguments[0];
        this.oldValue = arguments[1];
        this.pattern = arguments[2];
        this.groupName = arguments[3];
        this.replacement = arguments[4];
        this.replacementAttribute = arguments[5];
        this.template = arguments[6];
        if (oldValue != null) {
            mode = replacement != null ? Mode.TEXT : Mode.TEMPLATE;
        } else if (groupName != null && replacement != null) {
            mode = Mode.REGEX_GROUP;
        } else if (groupName != null && replacementAttribute != null && replacement == null) {
            mode = Mode.REGEX_GROUP_FROM_ATTRIBUTE;
        } else {
            mode = Mode.REGEX;
        }
        fixedPattern = nodes[2] instanceof Node.StringLiteral literal ? DotNetRegex.compile(literal.value()) : null;
        fixedJavaReplacement = nodes[4] instanceof Node.StringLiteral literal ? DotNetRegex.replacement(literal.value()) : null;
    }

    Mode mode() {
        return mode;
    }

    @Override
    public Object evaluate(Attributes attributes, EvaluationContext context) {
        String text = Coercion.text(source.evaluate(attributes, context));
        switch (mode) {
            case TEXT -> {
                String old = Coercion.text(oldValue.evaluate(attributes, context));
                if (text == null || old == null || old.isEmpty()) {
                    return text;
                }
                String with = Coercion.text(replacement.evaluate(attributes, context));
                return text.replace(old, with == null ? "" : with);
            }
            case TEMPLATE -> {
                String templateText = Coercion.text(template.evaluate(attributes, context));
                String old = Coercion.text(oldValue.evaluate(attributes, context));
                if (text == null || templateText == null) {
                    return null;
                }
                return old == null || old.isEmpty() ? templateText : templateText.replace(old, text);
            }
            case REGEX -> {
                Pattern regex = regex(attributes, context);
                if (text == null || regex == null) {
                    return text; // no pattern: nothing to replace
                }
                String javaReplacement = fixedJavaReplacement != null ? fixedJavaReplacement
                        : DotNetRegex.replacement(nullToEmpty(Coercion.text(replacement.evaluate(attributes, context))));
                try {
                    return regex.matcher(text).replaceAll(javaReplacement);
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    return null; // the replacement names a group the pattern doesn't have
                }
            }
            case REGEX_GROUP -> {
                Pattern regex = regex(attributes, context);
                String group = Coercion.text(groupName.evaluate(attributes, context));
                if (text == null || regex == null || group == null) {
                    return null;
                }
                String with = nullToEmpty(Coercion.text(replacement.evaluate(attributes, context)));
                return replaceGroup(regex.matcher(text), text, group, with);
            }
            case REGEX_GROUP_FROM_ATTRIBUTE -> {
                if (text != null && !text.isEmpty()) {
                    return text;
                }
                Pattern regex = regex(attributes, context);
                String group = Coercion.text(groupName.evaluate(attributes, context));
                String other = Coercion.text(replacementAttribute.evaluate(attributes, context));
                if (regex == null || group == null || other == null) {
                    return text;
                }
                Matcher matcher = regex.matcher(other);
                try {
                    return matcher.find() ? matcher.group(group) : text;
                } catch (IllegalArgumentException e) {
                    return null; // no group of that name
                }
            }
            default -> throw new IllegalStateException(mode.name());
        }
    }

    private static String replaceGroup(Matcher matcher, String text, String group, String with) {
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        try {
            while (matcher.find()) {
                int start = matcher.start(group);
                if (start >= 0) {
                    out.append(text, last, start).append(with);
                    last = matcher.end(group);
                }
            }
        } catch (IllegalArgumentException e) {
            return null; // no group of that name
        }
        return out.append(text, last, text.length()).toString();
    }

    private Pattern regex(Attributes attributes, EvaluationContext context) {
        if (fixedPattern != null) {
            return fixedPattern;
        }
        String text = Coercion.text(pattern.evaluate(attributes, context));
        if (text == null) {
            return null;
        }
        try {
            return DotNetRegex.compile(text);
        } catch (PatternSyntaxException e) {
            return null; // a computed pattern that isn't a regex matches nothing
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
