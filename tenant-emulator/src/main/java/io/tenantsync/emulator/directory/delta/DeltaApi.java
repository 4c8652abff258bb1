package io.tenantsync.emulator.directory.delta;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantsync.emulator.directory.DirectoryLifecycle;
import io.tenantsync.emulator.graph.GraphApi;
import io.tenantsync.emulator.graph.GraphCall;
import io.tenantsync.emulator.graph.GraphException;
import io.tenantsync.emulator.graph.GraphRequest;
import io.tenantsync.emulator.graph.GraphResponse;
import io.tenantsync.emulator.graph.Projection;
import io.tenantsync.emulator.graph.Routes;
import io.tenantsync.emulator.odata.FilterExpr;
import io.tenantsync.emulator.odata.Literal;
import io.tenantsync.emulator.odata.ODataFilterParser;
import io.tenantsync.emulator.odata.ODataSelect;
import io.tenantsync.emulator.odata.ODataSyntaxException;
import io.tenantsync.emulator.odata.Operand;
import io.tenantsync.emulator.store.Database;
import io.tenantsync.emulator.store.DirectoryObject;
import io.tenantsync.emulator.store.DirectoryStore;
import io.tenantsync.emulator.users.UserSchema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code users/delta} and {@code groups/delta}: a first round of every live object, then rounds of what changed
 * since the previous round's watermark, read from the change log and collapsed to each object's current state.
 * Groups carry {@code members@delta}.
 */
public final class DeltaApi implements GraphApi {
    static final int DEFAULT_PAGE = 100, MAX_PAGE = 999;
    private static final int MAX_FILTER_IDS = 50;
    private static final Pattern MAX_PAGE_SIZE = Pattern.compile("odata\\.maxpagesize\\s*=\\s*(\\d{1,9})", Pattern.CASE_INSENSITIVE);
    private static final List<String> UNSUPPORTED = List.of("$orderby", "$search", "$expand", "$count", "$skip");

    /** A collection that answers delta. */
    private record Tracked(String resource, String type, String role, List<String> defaults, Set<String> neverReturned) {
        boolean groups() { return type.equals("group"); }
    }

    private static final Tracked USERS = new Tracked("users", "user", "User.Read.All", UserSchema.DEFAULT_SELECT, UserSchema.NEVER_RETURNED);
    private static final Tracked GROUPS = new Tracked("groups", "group", "Group.Read.All", null, Set.of());

    private final Database db;
    private final DirectoryStore store;
    private final DirectoryLifecycle lifecycle;
    private final ChangeLog log;
    private final ObjectMapper json;

    public DeltaApi(Database db, DirectoryStore store, DirectoryLifecycle lifecycle, ObjectMapper json) {
        this.db = db;
        this.store = store;
        this.lifecycle = lifecycle;
        this.log = new ChangeLog(store);
        this.json = json;
    }

    @Override
    public void register(Routes routes) {
        routes.get("users/delta", call -> delta(call, USERS));
        routes.get("groups/delta", call -> delta(call, GROUPS));
    }

    private GraphResponse delta(GraphCall call, Tracked what) {
        call.caller().require(what.role());
        // objects past retention must already read as purged
        db.transaction(lifecycle::purgeExpired);
        GraphRequest req = call.request();
        String tenant = call.caller().tenantId();
        Optional<String> skip = req.option("$skiptoken");
        Optional<String> deltaToken = req.option("$deltatoken");
        if (skip.isPresent() && deltaToken.isPresent()) throw DeltaToken.invalid();
        Optional<Integer> preferred = preferredPageSize(req);
        boolean latest = deltaToken.map("latest"::equalsIgnoreCase).orElse(false);
        DeltaToken firstCall = skip.isEmpty() && (deltaToken.isEmpty() || latest) ? firstCall(req, what, tenant, preferred) : null;
        GraphResponse response = db.transaction(c -> {
            DeltaToken t;
            if (skip.isPresent()) {
                t = DeltaToken.decode(json, skip.get(), what.resource(), tenant, List.of(DeltaToken.Phase.INITIAL, DeltaToken.Phase.CHANGES));
            } else if (firstCall == null) {
                DeltaToken round = DeltaToken.decode(json, deltaToken.get(), what.resource(), tenant, List.of(DeltaToken.Phase.NEXT_ROUND));
                t = round.changesUpTo(log.watermark(c, round.from()));
            } else {
                // the watermark is read before any object, so whatever commits later is in the next round
                long watermark = log.watermark(c, 0);
                t = new DeltaToken(firstCall.resource(), tenant, DeltaToken.Phase.INITIAL, 0, watermark, null,
                        firstCall.select(), firstCall.ids(), firstCall.pageSize());
                if (latest) return GraphResponse.ok(envelope(req, what, t, List.of(), null, t.nextRound()));
            }
            if (preferred.isPresent()) t = t.withPageSize(preferred.get());
            return page(c, req, what, t);
        });
        return preferred.map(n -> response.withHeader("Preference-Applied", "odata.maxpagesize=" + n)).orElse(response);
    }

    /** The options of a round's first call, checked: {@code $select}, {@code $filter} on ids, page size. */
    private DeltaToken firstCall(GraphRequest req, Tracked what, String tenant, Optional<Integer> preferred) {
        for (String option : UNSUPPORTED) {
            if (req.option(option).isPresent()) {
                throw GraphException.unsupportedQuery("The query option '" + option + "' is not supported with delta queries.");
            }
        }
        List<String> select;
        List<String> ids;
        try {
            select = req.option("$select").map(ODataSelect::parse).orElse(List.of());
            ids = req.option("$filter").filter(f -> !f.isBlank()).map(f -> filterIds(ODataFilterParser.parse(f))).orElse(List.of());
        } catch (ODataSyntaxException e) {
            throw new GraphException(400, "BadRequest", e.getMessage());
        }
        int size = preferred.orElse(DEFAULT_PAGE);
        Optional<String> top = req.option("$top");
        if (top.isPresent()) {
            try {
                size = Integer.parseInt(top.get().trim());
            } catch (NumberFormatException e) {
                throw GraphException.badRequest("Invalid value '" + top.get() + "' for query option $top.");
            }
            if (size < 1 || size > MAX_PAGE) {
                throw GraphException.badRequest("Invalid page size specified: '" + top.get() + "'. Must be between 1 and " + MAX_PAGE + " inclusive.");
            }
        }
        return new DeltaToken(what.resource(), tenant, DeltaToken.Phase.INITIAL, 0, 0, null, select, ids, size);
    }

    /** The ids of a delta filter, which may only be {@code id eq '…'} clauses joined by {@code or} (or {@code id in (…)}). */
    private static List<String> filterIds(FilterExpr f) {
        Set<String> ids = new LinkedHashSet<>();
        collectIds(f, ids);
        if (ids.size() > MAX_FILTER_IDS) {
            throw GraphException.unsupportedQuery("A delta filter may name at most " + MAX_FILTER_IDS + " ids.");
        }
        return List.copyOf(ids);
    }

    private static void collectIds(FilterExpr f, Set<String> ids) {
        if (f instanceof FilterExpr.Or or) {
            collectIds(or.left(), ids);
            collectIds(or.right(), ids);
        } else if (f instanceof FilterExpr.Comparison cmp && isId(cmp.subject()) && cmp.operator() == FilterExpr.ComparisonOperator.EQ
                && cmp.value() instanceof Literal.StringValue v) {
            ids.add(v.value().toLowerCase(Locale.ROOT));
        } else if (f instanceof FilterExpr.In in && isId(in.subject())) {
            for (Literal l : in.values()) {
                if (!(l instanceof Literal.StringValue v)) throw unsupportedFilter();
                ids.add(v.value().toLowerCase(Locale.ROOT));
            }
        } else {
            throw unsupportedFilter();
        }
    }

    private static boolean isId(Operand o) {
        return o.unwrapped() instanceof Operand.Property p && p.path().size() == 1 && p.path().get(0).equalsIgnoreCase("id");
    }

    private static GraphException unsupportedFilter() {
        return GraphException.unsupportedQuery("Delta queries only support $filter on id: id eq '…' or id eq '…'.");
    }

    private static Optional<Integer> preferredPageSize(GraphRequest req) {
        return req.header("Prefer").map(MAX_PAGE_SIZE::matcher).filter(Matcher::find)
                .map(m -> Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(m.group(1)))));
    }

    /** One page of a round: the objects after the token's position, then a nextLink, or the deltaLink after the last. */
    private GraphResponse page(Connection c, GraphRequest req, Tracked what, DeltaToken t) throws SQLException {
        String tenant = t.tenantId();
        boolean members = what.groups() && tracksMembers(t.select());
        List<ObjectNode> items = new ArrayList<>();
        String lastId;
        boolean more;
        if (t.phase() == DeltaToken.Phase.INITIAL) {
            String where = t.ids().isEmpty() ? null : "o.ID IN (" + String.join(", ", Collections.nCopies(t.ids().size(), "?")) + ")";
            var query = new DirectoryStore.Query(tenant, what.type(), false, where, List.copyOf(t.ids()), null,
                    t.afterId(), 0, t.pageSize() + 1);
            List<DirectoryObject> rows = t.ids().isEmpty() ? store.query(c, query)
                    : store.queryByKeys(c, query, new TreeSet<>(t.ids())); // the filtered ids, by key
            more = rows.size() > t.pageSize();
            List<DirectoryObject> page = more ? rows.subList(0, t.pageSize()) : rows;
            Map<String, List<ChangeLog.Member>> current = members
                    ? log.liveMembers(c, tenant, page.stream().map(DirectoryObject::id).toList()) : Map.of();
            for (DirectoryObject o : page) {
                ObjectNode item = render(o, what, t.select());
                if (members) {
                    ArrayNode delta = item.putArray("members@delta");
                    for (ChangeLog.Member m : current.getOrDefault(o.id(), List.of())) delta.add(memberRef(m.id(), m.type(), false));
                }
                items.add(item);
            }
            lastId = page.isEmpty() ? null : page.get(page.size() - 1).id();
        } else {
            List<String> ids = log.changedIds(c, tenant, what.type(), t.from(), t.to(), t.afterId(), t.ids(), t.pageSize() + 1);
            more = ids.size() > t.pageSize();
            List<String> page = more ? ids.subList(0, t.pageSize()) : ids;
            Map<String, List<ChangeLog.MemberChange>> changes = members ? log.memberChanges(c, tenant, page, t.from(), t.to()) : Map.of();
            Set<String> memberIds = new HashSet<>();
            changes.values().forEach(l -> l.forEach(m -> memberIds.add(m.memberId())));
            Map<String, String> types = log.types(c, tenant, memberIds);
            for (String id : page) {
                Optional<DirectoryObject> o = store.find(c, tenant, id).filter(x -> x.type().equals(what.type()));
                if (o.isEmpty()) {
                    items.add(removed(id, "deleted"));
                } else if (o.get().deleted()) {
                    items.add(removed(id, "changed"));
                } else {
                    ObjectNode item = render(o.get(), what, t.select());
                    List<ChangeLog.MemberChange> mc = changes.getOrDefault(id, List.of());
                    if (!mc.isEmpty()) {
                        ArrayNode delta = item.putArray("members@delta");
                        for (ChangeLog.MemberChange m : mc) {
                            delta.add(memberRef(m.memberId(), types.getOrDefault(m.memberId(), "user"), !m.added()));
                        }
                    }
                    items.add(item);
                }
            }
            lastId = page.isEmpty() ? null : page.get(page.size() - 1);
        }
        DeltaToken next = more ? t.nextPage(lastId) : null;
        return GraphResponse.ok(envelope(req, what, t, items, next, more ? null : t.nextRound()));
    }

    private ObjectNode envelope(GraphRequest req, Tracked what, DeltaToken t, List<ObjectNode> items, DeltaToken nextPage,
                                DeltaToken nextRound) {
        ObjectNode body = json.createObjectNode();
        String context = req.serviceRoot() + "/$metadata#" + what.resource();
        body.put("@odata.context", t.select().isEmpty() ? context : context + "(" + String.join(",", t.select()) + ")");
        String base = req.serviceRoot() + "/" + what.resource() + "/delta";
        if (nextPage != null) body.put("@odata.nextLink", base + "?$skiptoken=" + nextPage.encode(json));
        if (nextRound != null) body.put("@odata.deltaLink", base + "?$deltatoken=" + nextRound.encode(json));
        body.putArray("value").addAll(items);
        return body;
    }

    private static boolean tracksMembers(List<String> select) {
        return select.isEmpty() || select.stream().anyMatch(s -> s.equalsIgnoreCase("members"));
    }

    /** The tracked properties of a live object; properties it never had are left out rather than sent as null. */
    private static ObjectNode render(DirectoryObject o, Tracked what, List<String> select) {
        List<String> props = select.stream().filter(s -> !s.equalsIgnoreCase("members")).toList();
        if (!select.isEmpty() && props.isEmpty()) props = List.of("id");
        ObjectNode item = Projection.project(o.body(), props, what.defaults(), what.neverReturned(), null);
        List<String> never = new ArrayList<>();
        item.fieldNames().forEachRemaining(name -> {
            if (!name.equals("id") && !o.body().has(name)) never.add(name);
        });
        item.remove(never);
        return item;
    }

    private ObjectNode removed(String id, String reason) {
        ObjectNode n = json.createObjectNode();
        n.put("id", id);
        n.putObject("@removed").put("reason", reason);
        return n;
    }

    private ObjectNode memberRef(String id, String type, boolean removed) {
        ObjectNode n = json.createObjectNode();
        n.put("@odata.type", "#microsoft.graph." + type);
        n.put("id", id);
        if (removed) n.putObject("@removed").put("reason", "deleted");
        return n;
    }
}
