package io.tenantsync.emulator.graph;

/** One area of the Graph surface (users, groups, policies …): registers its routes. */
public interface GraphApi {
    void register(Routes routes);
}
