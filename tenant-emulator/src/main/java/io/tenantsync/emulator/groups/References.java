package io.tenantsync.emulator.groups;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tenantsync.emulator.users.UsersApi;

/** Object references as Graph writes and reads them ({@code @odata.id} URLs). */
final class References {
    private References() {}

    /** The object id at the end of a reference URL on any host (…/users|groups|directoryObjects/{id}); 400 otherwise. */
    static String id(String url) {
        return UsersApi.referencedId(JsonNodeFactory.instance.objectNode().put("@odata.id", url));
    }

    /** The {@code @odata.id} Graph returns for a reference to an object of {@code type} (user or group). */
    static String url(String serviceRoot, String id, String type) {
        return serviceRoot + "/directoryObjects/" + id + "/Microsoft.DirectoryServices." + ("group".equals(type) ? "Group" : "User");
    }
}
