package io.tenantsync.core.provision;

import io.tenantsync.core.identity.ExternalUpnFormat;
import io.tenantsync.core.mapping.MappedTarget;
import io.tenantsync.core.model.Attributes;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns what the mappings produced, in the source's terms, into what the target user must look like, so that
 * reconcile compares like with like and a user in sync needs no write:
 * <ul>
 *   <li>{@code userPrincipalName} becomes the target's {@code #EXT#} form of the mapped value;</li>
 *   <li>{@code alternativeSecurityIds} and {@code IsSoftDeleted} have no writable Graph property (tenantsync keeps
 *       links in its own store; soft deletion is an action) and are dropped;</li>
 *   <li>{@code manager} holds the source manager's id; it becomes the manager's target object id when the manager
 *       is linked, and is left out otherwise (a later pass sets it once the manager exists in the target).</li>
 * </ul>
 */
public final class TargetShape {

    static final String USER_PRINCIPAL_NAME = "userPrincipalName";
    static final String MANAGER = "manager";
    static final Set<String> NOT_IN_TARGET = Set.of("alternativeSecurityIds", "IsSoftDeleted");

    private TargetShape() {}

    /**
     * @param unresolved target attributes left out because they could not be resolved yet; reconcile must not
     *                   clear them in the target
     */
    public record Shaped(MappedTarget target, Set<String> unresolved) {}

    public static Shaped of(MappedTarget mapped, ExternalUpnFormat upn,
                            Function<String, Optional<String>> managerTargetId) {
        boolean[] managerUnresolved = {false};
        Function<Attributes, Attributes> shape = attributes -> {
            Attributes shaped = attributes;
            for (String name : NOT_IN_TARGET) {
                shaped = shaped.without(name);
            }
            String principal = shaped.getString(USER_PRINCIPAL_NAME);
            if (principal != null) {
                shaped = shaped.with(USER_PRINCIPAL_NAME, upn.format(principal));
            }
            String manager = shaped.getString(MANAGER);
            if (manager != null) {
                Optional<String> target = managerTargetId.apply(manager);
                managerUnresolved[0] |= target.isEmpty();
                shaped = shaped.with(MANAGER, target.orElse(null));
            }
            return shaped;
        };
        MappedTarget target = new MappedTarget(shape.apply(mapped.always()), shape.apply(mapped.createOnly()));
        return new Shaped(target, managerUnresolved[0] ? Set.of(MANAGER) : Set.of());
    }
}
