package io.tenantsync.core.mapping;

import io.tenantsync.core.mapping.expression.AttributeReference;
import io.tenantsync.core.mapping.expression.EvaluationContext;
import io.tenantsync.core.mapping.expression.ExpressionResult;
import io.tenantsync.core.model.Attributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The attribute mappings of one connection, validated against a {@link UserSchema}, applied to source objects.
 * Each application evaluates every mapping once and sorts the values into those that flow always and those that
 * flow only on create (on-create-only mappings and default values used because the source was null).
 */
public final class MappingSet {

    private final List<AttributeMapping> mappings;
    private final UserSchema schema;
    private final AttributeMapping[] ordered;
    private final AttributeType[] types;
    private final Object[] defaults;
    private final int[] matchingOrder;
    private final Set<String> redacted;

    private MappingSet(List<AttributeMapping> mappings, UserSchema schema) {
        this.mappings = List.copyOf(mappings);
        this.schema = schema;
        this.ordered = this.mappings.toArray(AttributeMapping[]::new);
        this.types = new AttributeType[ordered.length];
        this.defaults = new Object[ordered.length];
        Set<String> redactedTargets = new LinkedHashSet<>();
        for (int i = 0; i < ordered.length; i++) {
            types[i] = schema.typeOf(ordered[i].target());
            String defaultValue = ordered[i].defaultValue();
            defaults[i] = defaultValue == null ? null : types[i].convert(new ExpressionResult.Value(defaultValue));
            if (ordered[i].source() instanceof MappingSource.Computed computed && computed.expression().redacted()) {
                redactedTargets.add(ordered[i].target());
            }
        }
        this.redacted = Collections.unmodifiableSet(redactedTargets);
        Integer[] matching = new Integer[ordered.length];
        int count = 0;
        for (int i = 0; i < ordered.length; i++) {
            if (ordered[i].isMatching()) {
                matching[count++] = i;
            }
        }
        Integer[] sorted = Arrays.copyOf(matching, count);
        Arrays.sort(sorted, Comparator.comparingInt(i -> ordered[i].matchingPrecedence()));
        this.matchingOrder = Arrays.stream(sorted).mapToInt(Integer::intValue).toArray();
    }

    /** Validates the mappings; throws {@link MappingConfigException} listing every problem. */
    public static MappingSet of(List<AttributeMapping> mappings, UserSchema schema) {
        List<String> problems = problems(mappings, schema);
        if (!problems.isEmpty()) {
            throw new MappingConfigException(problems);
        }
        return new MappingSet(mappings, schema);
    }

    /** The CTS default mappings (see {@code cts-default-mappings.yaml}). */
    public static MappingSet ctsDefaults() {
        return MappingConfigReader.ctsDefaults();
    }

    static List<String> problems(List<AttributeMapping> mappings, UserSchema schema) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> targets = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<Integer, String> precedences = new HashMap<>();
        for (AttributeMapping mapping : mappings) {
            String name = "mapping '" + mapping.target() + "': ";
            if (targets.merge(mapping.target(), 1, Integer::sum) == 2) {
                problems.add(name + "the target attribute is mapped more than once");
            }
            schema.targetProblem(mapping.target()).ifPresent(problem -> problems.add(name + problem));
            if (mapping.source() instanceof MappingSource.Direct direct) {
                schema.sourceProblem(direct.attribute()).ifPresent(problem -> problems.add(name + problem));
            }
            if (mapping.source() instanceof MappingSource.Computed computed) {
                for (AttributeReference reference : computed.expression().attributeReferences()) {
                    schema.sourceProblem(reference.name()).ifPresent(
                            problem -> problems.add(name + problem + " at column " + reference.position()));
                }
                if (computed.expression().selectsUniqueValue()) {
                    if (mapping.isMatching()) {
                        problems.add(name + "SelectUniqueValue can't be used on a matching attribute");
                    }
                    if (mapping.apply() != ApplyMode.ON_CREATE_ONLY) {
                        problems.add(name + "SelectUniqueValue must be applied only during object creation");
                    }
                }
            }
            if (mapping.source() instanceof MappingSource.None && mapping.defaultValue() == null) {
                problems.add(name + "a mapping of type None needs a default value");
            }
            if (mapping.isMatching()) {
                String other = precedences.putIfAbsent(mapping.matchingPrecedence(), mapping.target());
                if (other != null) {
                    problems.add(name + "matching precedence " + mapping.matchingPrecedence()
                            + " is already used by '" + other + "'");
                }
            }
        }
        return problems;
    }

    /** The mappings in the order they were given. */
    public List<AttributeMapping> mappings() {
        return mappings;
    }

    /** The schema the mappings were validated against. */
    public UserSchema schema() {
        return schema;
    }

    /** The mapping of {@code target} (any case), if there is one. */
    public Optional<AttributeMapping> mapping(String target) {
        return mappings.stream().filter(m -> m.target().equalsIgnoreCase(target)).findFirst();
    }

    /** The matching mappings, lowest precedence value first. */
    public List<AttributeMapping> matchingMappings() {
        return Arrays.stream(matchingOrder).mapToObj(i -> ordered[i]).toList();
    }

    /** Targets whose expressions use Redact: logs show {@code [Redact]} for them. */
    public Set<String> redactedTargets() {
        return redacted;
    }

    /** A set with {@code mapping} added, or replacing the mapping of the same target. */
    public MappingSet with(AttributeMapping mapping) {
        List<AttributeMapping> changed = new ArrayList<>(mappings);
        changed.removeIf(m -> m.target().equalsIgnoreCase(mapping.target()));
        changed.add(mapping);
        return of(changed, schema);
    }

    /** Applies every mapping to one source object. */
    public MappingResult apply(Attributes source, EvaluationContext context) {
        Attributes.Builder always = Attributes.builder();
        Attributes.Builder createOnly = Attributes.builder();
        Object[] matchingValues = matchingOrder.length == 0 ? null : new Object[ordered.length];
        List<MappingProblem> problems = List.of();
        for (int i = 0; i < ordered.length; i++) {
            AttributeMapping mapping = ordered[i];
            ExpressionResult result = mapping.evaluate(source, context);
            if (result instanceof ExpressionResult.Value value) {
                Object converted = types[i].convert(value);
                (mapping.apply() == ApplyMode.ALWAYS ? always : createOnly).put(mapping.target(), converted);
                if (matchingValues != null) {
                    matchingValues[i] = converted;
                }
            } else if (result == ExpressionResult.NULL) {
                if (defaults[i] != null) {
                    createOnly.put(mapping.target(), defaults[i]);
                }
            } else if (result instanceof ExpressionResult.NoUniqueValue none) {
                if (problems.isEmpty()) {
                    problems = new ArrayList<>(1);
                }
                problems.add(new MappingProblem(mapping.target(),
                        "SelectUniqueValue found every candidate taken: " + String.join(", ", none.candidates())));
            }
            // ExpressionResult.Ignored: IgnoreFlowIfNullOrEmpty leaves the attribute out, default included
        }
        List<MatchingValue> matching = new ArrayList<>(matchingOrder.length);
        for (int i : matchingOrder) {
            if (matchingValues[i] != null) {
                matching.add(new MatchingValue(ordered[i].target(), ordered[i].matchingPrecedence(), matchingValues[i]));
            }
        }
        return new MappingResult(new MappedTarget(always.build(), createOnly.build()), matching, problems);
    }

    @Override
    public String toString() {
        return "MappingSet" + mappings.stream().map(AttributeMapping::target).toList();
    }
}
