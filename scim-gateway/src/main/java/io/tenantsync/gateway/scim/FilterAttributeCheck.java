package io.tenantsync.gateway.scim;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.types.AttributeDefinition;
import io.tenantsync.gateway.store.ResourceType;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Refuses filters naming attributes the searched resource types do not have (400 invalidFilter), before any SQL. */
final class FilterAttributeCheck {
    private static final Set<String> META = Set.of("created", "lastmodified", "resourcetype", "location", "version");

    private final ScimSchemas schemas;

    FilterAttributeCheck(ScimSchemas schemas) {
        this.schemas = schemas;
    }

    void check(Optional<ResourceType> type, Filter filter) throws BadRequestException {
        List<ResourceType> types = type.map(List::of).orElse(List.of(ResourceType.values()));
        walk(types, filter, null);
    }

    private void walk(List<ResourceType> types, Filter f, AttributeDefinition within) throws BadRequestException {
        if (f.isCombiningFilter()) {
            for (Filter part : f.getCombinedFilters()) walk(types, part, within);
        } else if (f.isNotFilter()) {
            walk(types, f.getInvertedFilter(), within);
        } else if (f instanceof ComplexValueFilter complex) {
            if (within != null) throw BadRequestException.invalidFilter("value filters cannot be nested");
            AttributeDefinition def = resolve(types, complex.getAttributePath());
            if (def == null || def.getType() != AttributeDefinition.Type.COMPLEX) {
                throw BadRequestException.invalidFilter("'" + complex.getAttributePath() + "' is not a complex attribute of "
                        + names(types) + "; a value filter needs one");
            }
            walk(types, complex.getValueFilter(), def);
        } else {
            Path path = f.getAttributePath();
            boolean known = within != null
                    ? path.size() == 1 && ScimSchemas.sub(within, path.getElement(0).getAttribute()).isPresent()
                    : resolve(types, path) != null || isCommon(path);
            if (!known) throw BadRequestException.invalidFilter("'" + path + "' is not an attribute of " + names(types));
        }
    }

    private static String names(List<ResourceType> types) {
        return String.join(" or ", types.stream().map(ResourceType::scimName).toList());
    }

    private static boolean isCommon(Path path) {
        String urn = path.getSchemaUrn();
        if (urn != null && !urn.toLowerCase(Locale.ROOT).startsWith("urn:ietf:params:scim:schemas:core:2.0:")) return false;
        String first = path.getElement(0).getAttribute().toLowerCase(Locale.ROOT);
        if (path.size() == 1) return first.equals("id") || first.equals("externalid");
        return path.size() == 2 && first.equals("meta") && META.contains(path.getElement(1).getAttribute().toLowerCase(Locale.ROOT));
    }

    /** The definition a path names in any of the types (a sub-attribute's when it has two elements). */
    private AttributeDefinition resolve(List<ResourceType> types, Path path) {
        if (path.size() == 0 || path.size() > 2) return null;
        for (ResourceType t : types) {
            String urn = path.getSchemaUrn();
            if (urn != null && !urn.equalsIgnoreCase(t.schema()) && schemas.extension(t, urn).isEmpty()) continue;
            Optional<AttributeDefinition> def = schemas.attribute(t, urn == null ? null : schemas.extension(t, urn).orElse(null),
                    path.getElement(0).getAttribute());
            if (def.isEmpty()) continue;
            if (path.size() == 1) return def.get();
            Optional<AttributeDefinition> sub = ScimSchemas.sub(def.get(), path.getElement(1).getAttribute());
            if (sub.isPresent()) return sub.get();
        }
        return null;
    }
}
