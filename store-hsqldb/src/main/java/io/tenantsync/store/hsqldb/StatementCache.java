package io.tenantsync.store.hsqldb;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the prepared statements of one pooled connection for reuse: callers prepare and close as usual, but a
 * "closed" statement only has its parameters cleared and is handed out again for the same SQL. HSQLDB compiles
 * SQL on every prepare, which otherwise costs more than running a point lookup.
 */
public final class StatementCache {
    private static final int CAPACITY = 256;

    private StatementCache() {}

    /** Wraps a connection so its {@code prepareStatement} calls are served from a per-connection cache. */
    public static Connection wrap(Connection real) {
        Map<String, Slot> cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Slot> eldest) {
                if (size() <= CAPACITY || eldest.getValue().inUse) return false;
                try {
                    eldest.getValue().statement.close();
                } catch (SQLException ignored) {
                    // evicting a statement of a live connection; nothing to recover
                }
                return true;
            }
        };
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
                    && (args.length == 1 || args.length == 2 && args[1] instanceof Integer)) {
                String key = args.length == 1 ? sql : sql + "\u0000" + args[1];
                Slot slot = cache.get(key);
                if (slot != null && slot.inUse) {
                    // the same SQL is already open further up the stack (nested reads): give an uncached statement
                    return args.length == 1 ? real.prepareStatement(sql) : real.prepareStatement(sql, (Integer) args[1]);
                }
                if (slot == null || slot.statement.isClosed()) {
                    slot = new Slot(args.length == 1 ? real.prepareStatement(sql) : real.prepareStatement(sql, (Integer) args[1]));
                    cache.put(key, slot);
                }
                slot.inUse = true;
                return reusable(slot);
            }
            return call(method, real, args);
        };
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(), new Class<?>[]{Connection.class}, h);
    }

    /** A cached statement and whether a caller holds it now. Connections are used by one thread at a time. */
    private static final class Slot {
        final PreparedStatement statement;
        boolean inUse;

        Slot(PreparedStatement statement) {
            this.statement = statement;
        }
    }

    private static PreparedStatement reusable(Slot slot) {
        PreparedStatement real = slot.statement;
        boolean[] closed = {false};
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("close") && (args == null || args.length == 0)) {
                if (!closed[0]) {
                    closed[0] = true;
                    real.clearParameters();
                    real.clearBatch();
                    slot.inUse = false;
                }
                return null;
            }
            if (method.getName().equals("isClosed") && (args == null || args.length == 0)) return closed[0];
            if (closed[0]) throw new SQLException("statement is closed");
            return call(method, real, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(), new Class<?>[]{PreparedStatement.class}, h);
    }

    private static Object call(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
