package io.tenantsync.core.source;

import com.microsoft.graph.models.BaseDeltaFunctionResponse;
import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.serialization.UntypedArray;
import com.microsoft.kiota.serialization.UntypedNode;
import com.microsoft.kiota.serialization.UntypedObject;
import com.microsoft.kiota.serialization.UntypedString;
import io.tenantsync.core.scope.AssignmentScope;
import io.tenantsync.core.source.SourceUserRecord.Removal;
import io.tenantsync.core.target.GraphClientOptions;
import io.tenantsync.core.target.GraphConnection;
import io.tenantsync.core.target.GraphFailureClassifier;
import io.tenantsync.core.target.TargetDirectoryException;
import io.tenantsync.core.target.TargetDirectoryException.Kind;
import io.tenantsync.core.target.TenantGraphClientFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SourceDirectory} on Microsoft Graph delta queries through the official SDK.
 *
 * <ul>
 *   <li>Users: a first {@code users/delta} round with {@link SourceUserAttributes#SELECT} returns every user, in pages
 *       of up to 999 ({@code Prefer: odata.maxpagesize=999}), and ends with the deltaLink; later rounds follow it.
 *       There is no request per user in any round.</li>
 *   <li>Assigned groups: a first {@code groups/delta?$filter=id eq '…' or …&$select=displayName,members} round per
 *       batch of 50 groups (Graph's limit) returns their direct members in {@code members@delta}; later rounds return
 *       only groups whose membership changed, with the added and removed members. Members that are groups are left
 *       out: assignment does not cascade to nested groups. For all users no group is read.</li>
 *   <li>Users a round does not carry (members a group gained, whose own attributes did not change) are read
 *       {@value #MAX_IN_IDS} to a request with {@code GET /users?$filter=id in (…)}; only those no live user answers
 *       for are looked up in the recycle bin, one request each.</li>
 *   <li>{@code manager} is not read: delta queries cannot {@code $expand} it, and reading it per user would make the
 *       initial round one request per user. A mapping of {@code manager} gets no source value from this directory.</li>
 *   <li>Failures are classified as {@link TargetDirectoryException}s, the same classification the target uses
 *       (the name is the target's; the kinds mean the same for a source). Throttling is ridden out first by the SDK's
 *       retry handler, which honours {@code Retry-After}. A token Graph refuses as expired or unknown
 *       ({@code Directory_ExpiredPageToken}, {@code syncStateNotFound}, {@code resyncRequired}, or any 410) is a
 *       {@link ResyncRequiredException}.</li>
 * </ul>
 * Thread-safe: it holds no state between calls.
 */
public final class GraphSourceDirectory implements SourceDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(GraphSourceDirectory.class);

    /** Graph's limit on ids in one delta query's {@code $filter}. */
    static final int MAX_FILTER_IDS = 50;

    /** Graph's limit on the values of one {@code in} (and on {@code or}ed clauses) in a {@code $filter}. */
    static final int MAX_IN_IDS = 15;

    /** An object id: the only ids an {@code id in (…)} filter accepts. */
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    /** The largest page Graph serves for directory objects: fewest round trips. */
    static final int MAX_PAGE_SIZE = 999;
    private static final String[] GROUP_SELECT = {"displayName", "members"};
    private static final String REMOVED = "@removed";
    private static final String MEMBERS_DELTA = "members@delta";
    private static final String USER_TYPE = "#microsoft.graph.user";

    /** Error codes with which Graph says a delta or page token is no longer good: start over. */
    private static final Set<String> RESYNC_CODES = Set.of("directory_expiredpagetoken", "syncstatenotfound",
            "resyncrequired", "syncstateinvalid");

    private final GraphServiceClient graph;
    private final GraphFailureClassifier failures;
    /** The {@code Prefer} header of every delta request. */
    private final String preferPageSize;

    /**
     * @param graph      a client signed in to the source tenant with {@code User.Read.All} and {@code Group.Read.All}
     * @param connection the source tenant; its secret is kept out of messages
     */
    public GraphSourceDirectory(GraphServiceClient graph, GraphConnection connection) {
        this(graph, connection, MAX_PAGE_SIZE);
    }

    /** With smaller pages than Graph's largest, so tests can watch paging without thousands of users. */
    GraphSourceDirectory(GraphServiceClient graph, GraphConnection connection, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("the page size must be 1 to " + MAX_PAGE_SIZE + ", not " + pageSize);
        }
        this.graph = Objects.requireNonNull(graph, "graph");
        this.failures = new GraphFailureClassifier(connection.clientSecret());
        this.preferPageSize = "odata.maxpagesize=" + pageSize;
    }

    /** A directory on its own client for the connection. */
    public static GraphSourceDirectory forConnection(GraphConnection connection, GraphClientOptions options) {
        return new GraphSourceDirectory(TenantGraphClientFactory.create(connection, options), connection);
    }

    @Override
    public SourceRound initialRound(AssignmentScope scope) {
        Objects.requireNonNull(scope, "scope");
        Map<String, Set<String>> groupMembers = new LinkedHashMap<>();
        List<String> groupLinks = new ArrayList<>();
        Set<String> candidates = null; // null: every user
        if (scope instanceof AssignmentScope.Assigned assigned) {
            // groups first: their members decide which users the users round keeps
            for (List<String> batch : batches(new TreeSet<>(assigned.groupIds()), MAX_FILTER_IDS)) {
                groupLinks.add(readGroups("GET /groups/delta", firstGroupsPage(batch), group -> {
                    if (group.getAdditionalData().get(REMOVED) == null) {
                        // Graph may spread a big group's members over several pages: merge them
                        Set<String> members = groupMembers.computeIfAbsent(id(group.getId()), g -> new HashSet<>());
                        memberDeltas(group).forEach(m -> {
                            if (m.added()) {
                                members.add(m.memberId());
                            }
                        });
                    }
                }));
            }
            candidates = new HashSet<>(assigned.userIds());
            groupMembers.values().forEach(candidates::addAll);
        }
        Set<String> keep = candidates;
        List<SourceUserRecord> users = new ArrayList<>();
        String usersLink = readUsers("GET /users/delta", this::firstUsersPage, user -> {
            if (user.getAdditionalData().get(REMOVED) == null && (keep == null || keep.contains(id(user.getId())))) {
                users.add(live(user));
            }
        });
        LOG.debug("initial source round: {} users, {} assigned groups", users.size(), groupMembers.size());
        return new SourceRound(users, groupMembers, List.of(), Set.of(), new Watermarks(usersLink, groupLinks));
    }

    @Override
    public SourceRound nextRound(Watermarks watermarks) {
        Objects.requireNonNull(watermarks, "watermarks");
        // a user Graph reports twice in a round (changed on two pages' watch) counts once, with its latest state
        Map<String, SourceUserRecord> users = new LinkedHashMap<>();
        String usersLink = readUsers("GET /users/delta (deltaLink)", () -> usersPage(watermarks.usersDeltaLink()),
                user -> users.put(id(user.getId()), record(user)));
        Map<List<String>, MembershipChange> changes = new LinkedHashMap<>();
        Set<String> deletedGroups = new LinkedHashSet<>();
        List<String> groupLinks = new ArrayList<>();
        for (String link : watermarks.groupsDeltaLinks()) {
            groupLinks.add(readGroups("GET /groups/delta (deltaLink)", () -> groupsPage(link), group -> {
                String groupId = id(group.getId());
                if (group.getAdditionalData().get(REMOVED) != null) {
                    deletedGroups.add(groupId);
                    return;
                }
                for (MembershipChange change : memberDeltas(group)) {
                    List<String> key = List.of(groupId, change.memberId());
                    changes.remove(key); // the latest change of a member goes last
                    changes.put(key, change);
                }
            }));
        }
        return new SourceRound(List.copyOf(users.values()), Map.of(), List.copyOf(changes.values()), deletedGroups,
                new Watermarks(usersLink, groupLinks));
    }

    @Override
    public Optional<SourceUserRecord> user(String id) {
        Objects.requireNonNull(id, "id");
        try {
            User user = call("GET /users/{id}", () -> graph.users().byUserId(id)
                    .get(request -> request.queryParameters.select = SourceUserAttributes.SELECT));
            return Optional.of(live(user));
        } catch (TargetDirectoryException e) {
            if (e.kind() != Kind.NOT_FOUND) {
                throw e;
            }
        }
        return deleted(id);
    }

    /**
     * Live users with {@code GET /users?$filter=id in (…)}, {@value #MAX_IN_IDS} ids a request (Graph's limit on
     * the values of an {@code in}); only ids that no live user answered are looked up in the recycle bin, one by one.
     * Ids that are not object ids (GUIDs) are read one by one, as Graph would refuse the whole filter for them.
     */
    @Override
    public Map<String, Optional<SourceUserRecord>> users(Collection<String> ids) {
        Map<String, Optional<SourceUserRecord>> answer = new LinkedHashMap<>();
        Map<String, List<String>> byKey = new LinkedHashMap<>(); // lower case → the ids as given
        for (String given : ids) {
            Objects.requireNonNull(given, "id");
            if (GUID.matcher(given).matches()) {
                byKey.computeIfAbsent(id(given), k -> new ArrayList<>(1)).add(given);
            } else {
                answer.put(given, user(given));
            }
        }
        Map<String, SourceUserRecord> live = new HashMap<>();
        for (List<String> part : batches(byKey.keySet(), MAX_IN_IDS)) {
            String filter = part.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",", "id in (", ")"));
            UserCollectionResponse page = call("GET /users?$filter=id in (…)", () -> graph.users().get(request -> {
                request.queryParameters.filter = filter;
                request.queryParameters.select = SourceUserAttributes.SELECT;
            }));
            while (true) {
                if (page.getValue() != null) {
                    page.getValue().forEach(user -> live.put(id(user.getId()), live(user)));
                }
                String next = page.getOdataNextLink();
                if (next == null) {
                    break;
                }
                page = call("GET /users?$filter=id in (…) (nextLink)", () -> graph.users().withUrl(next).get());
            }
        }
        byKey.forEach((key, given) -> {
            SourceUserRecord user = live.get(key);
            Optional<SourceUserRecord> record = user != null ? Optional.of(user) : deleted(key);
            given.forEach(id -> answer.put(id, record));
        });
        return answer;
    }

    @Override
    public int usersPerRead() {
        return MAX_IN_IDS;
    }

    /** A user in the recycle bin, or empty when it is not there (permanently deleted, or never existed). */
    private Optional<SourceUserRecord> deleted(String id) {
        try {
            DirectoryObject deleted = call("GET /directory/deletedItems/{id}",
                    () -> graph.directory().deletedItems().byDirectoryObjectId(id)
                            .get(request -> request.queryParameters.select = SourceUserAttributes.SELECT));
            if (deleted instanceof User user) {
                return Optional.of(new SourceUserRecord(id(user.getId()), SourceUserAttributes.read(user, true),
                        Boolean.TRUE.equals(user.getAccountEnabled()), Removal.SOFT_DELETED));
            }
            return Optional.empty();
        } catch (TargetDirectoryException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- users

    private com.microsoft.graph.users.delta.DeltaGetResponse firstUsersPage() {
        return graph.users().delta().get(request -> {
            request.queryParameters.select = SourceUserAttributes.SELECT;
            request.headers.add("Prefer", preferPageSize);
        });
    }

    private com.microsoft.graph.users.delta.DeltaGetResponse usersPage(String link) {
        return graph.users().delta().withUrl(link).get(request -> request.headers.add("Prefer", preferPageSize));
    }

    /** Walks a users round from its first page to the deltaLink, which it returns. */
    private String readUsers(String operation, Supplier<com.microsoft.graph.users.delta.DeltaGetResponse> first,
                             Consumer<User> each) {
        return walk(operation, first, this::usersPage, com.microsoft.graph.users.delta.DeltaGetResponse::getValue,
                each);
    }

    private static SourceUserRecord record(User user) {
        Object removed = user.getAdditionalData().get(REMOVED);
        if (removed == null) {
            return live(user);
        }
        // "changed": in the recycle bin, restorable; "deleted" (or a reason we do not know): gone for good
        String reason = text(field(removed, "reason"));
        return SourceUserRecord.removed(id(user.getId()),
                "changed".equalsIgnoreCase(reason) ? Removal.SOFT_DELETED : Removal.HARD_DELETED);
    }

    private static SourceUserRecord live(User user) {
        return new SourceUserRecord(id(user.getId()), SourceUserAttributes.read(user, false),
                Boolean.TRUE.equals(user.getAccountEnabled()), Removal.NONE);
    }

    // ---------------------------------------------------------------- groups

    private Supplier<com.microsoft.graph.groups.delta.DeltaGetResponse> firstGroupsPage(List<String> groupIds) {
        String filter = groupIds.stream().map(g -> "id eq '" + g.replace("'", "''") + "'")
                .collect(Collectors.joining(" or "));
        return () -> graph.groups().delta().get(request -> {
            request.queryParameters.filter = filter;
            request.queryParameters.select = GROUP_SELECT;
            request.headers.add("Prefer", preferPageSize);
        });
    }

    private com.microsoft.graph.groups.delta.DeltaGetResponse groupsPage(String link) {
        return graph.groups().delta().withUrl(link).get(request -> request.headers.add("Prefer", preferPageSize));
    }

    private String readGroups(String operation, Supplier<com.microsoft.graph.groups.delta.DeltaGetResponse> first,
                              Consumer<Group> each) {
        return walk(operation, first, this::groupsPage, com.microsoft.graph.groups.delta.DeltaGetResponse::getValue,
                each);
    }

    /**
     * The user members a group item carries in {@code members@delta}: added, or removed when annotated
     * {@code @removed}. Members of other types (nested groups, devices, contacts) are not users in scope.
     */
    private static List<MembershipChange> memberDeltas(Group group) {
        Object members = group.getAdditionalData().get(MEMBERS_DELTA);
        if (!(members instanceof UntypedArray array)) {
            return List.of();
        }
        String groupId = id(group.getId());
        List<MembershipChange> changes = new ArrayList<>();
        for (UntypedNode member : array.getValue()) {
            String type = text(field(member, "@odata.type"));
            String memberId = text(field(member, "id"));
            if (memberId == null || type != null && !USER_TYPE.equalsIgnoreCase(type)) {
                continue;
            }
            changes.add(new MembershipChange(groupId, id(memberId), field(member, REMOVED) == null));
        }
        return changes;
    }

    // ---------------------------------------------------------------- paging

    /** Reads pages from {@code first} through the nextLinks, hands each item to {@code each}, returns the deltaLink. */
    private <R extends BaseDeltaFunctionResponse, T> String walk(String operation, Supplier<R> first,
                                                                 Function<String, R> next,
                                                                 Function<R, List<T>> values, Consumer<T> each) {
        R page = call(operation, first);
        int pages = 1;
        while (true) {
            List<T> items = values.apply(page);
            if (items != null) {
                items.forEach(each);
            }
            if (page.getOdataNextLink() != null) {
                String link = page.getOdataNextLink();
                page = call(operation + " (nextLink)", () -> next.apply(link));
                pages++;
            } else if (page.getOdataDeltaLink() != null) {
                LOG.trace("{}: {} pages", operation, pages);
                return page.getOdataDeltaLink();
            } else {
                throw new TargetDirectoryException(Kind.UNAVAILABLE, "NoDeltaLink",
                        operation + ": a page carried neither a nextLink nor a deltaLink", 200, null, null);
            }
        }
    }

    private <T> T call(String operation, Supplier<T> action) {
        TargetDirectoryException failure;
        try {
            return action.get();
        } catch (RuntimeException e) {
            failure = failures.classify(operation, e);
        }
        if (failure.httpStatus() == 410 || RESYNC_CODES.contains(failure.errorCode().toLowerCase(Locale.ROOT))) {
            throw new ResyncRequiredException(operation + ": the delta token is no longer valid; an initial round is"
                    + " needed", failure);
        }
        throw failure;
    }

    // ---------------------------------------------------------------- untyped JSON of annotations

    /** A member of an untyped JSON object (kiota's {@link UntypedObject}, or a map), or null. */
    private static Object field(Object node, String name) {
        if (node instanceof UntypedObject object) {
            return object.getValue().get(name);
        }
        if (node instanceof Map<?, ?> map) {
            return map.get(name);
        }
        return null;
    }

    private static String text(Object node) {
        if (node instanceof UntypedString string) {
            return string.getValue();
        }
        return node instanceof String string ? string : null;
    }

    /** Object ids are GUIDs; lower case makes them compare equal whatever case an admin or a link gave them in. */
    private static String id(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    private static List<List<String>> batches(Set<String> ids, int size) {
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        for (String id : ids) {
            batch.add(id);
            if (batch.size() == size) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }
}
