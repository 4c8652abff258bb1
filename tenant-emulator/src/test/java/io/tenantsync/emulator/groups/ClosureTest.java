package io.tenantsync.emulator.groups;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClosureTest {
    /** Membership edges: group → members; names starting with "g" are groups. */
    private static Closure.Neighbours graph(Map<String, List<String>> members, List<String> visits) {
        return id -> {
            visits.add(id);
            return members.getOrDefault(id, List.of()).stream().map(m -> new Closure.Edge(m, m.startsWith("g"))).toList();
        };
    }

    @Test
    void nestedGroupsAreFlattenedAndTheStartIsExcluded() throws Exception {
        var members = Map.of("g1", List.of("u1", "g2"), "g2", List.of("u2", "g3"), "g3", List.of("u3"));
        assertThat(Closure.from("g1", graph(members, new ArrayList<>()))).containsExactly("g2", "g3", "u1", "u2", "u3");
    }

    @Test
    void cyclesTerminateAndEachGroupIsExpandedOnce() throws Exception {
        var members = Map.of("g1", List.of("g2", "u1"), "g2", List.of("g3"), "g3", List.of("g1", "g2", "u3"));
        List<String> visits = new ArrayList<>();
        assertThat(Closure.from("g1", graph(members, visits))).containsExactly("g2", "g3", "u1", "u3");
        assertThat(visits).containsExactly("g1", "g2", "g3");
    }

    @Test
    void diamondsYieldEachObjectOnce() throws Exception {
        var members = Map.of("g1", List.of("g2", "g3"), "g2", List.of("g4", "u1"), "g3", List.of("g4", "u1"), "g4", List.of("u2"));
        List<String> visits = new ArrayList<>();
        assertThat(Closure.from("g1", graph(members, visits))).containsExactly("g2", "g3", "g4", "u1", "u2");
        assertThat(visits).containsExactlyInAnyOrder("g1", "g2", "g3", "g4");
    }

    @Test
    void usersAreNotExpanded() throws Exception {
        List<String> visits = new ArrayList<>();
        // walking upwards from a user: user → groups; the user itself has no edges to follow twice
        var parents = Map.of("u1", List.of("g1"), "g1", List.of("g2"), "g2", List.<String>of());
        assertThat(Closure.from("u1", graph(parents, visits))).containsExactly("g1", "g2");
        assertThat(visits).containsExactly("u1", "g1", "g2");
        assertThat(Closure.from("g9", graph(Map.of("g9", List.of("u5")), new ArrayList<>()))).containsExactly("u5");
    }

    @Test
    void aGroupWithoutMembersHasAnEmptyClosure() throws Exception {
        assertThat(Closure.from("g1", graph(Map.of(), new ArrayList<>()))).isEmpty();
    }
}
