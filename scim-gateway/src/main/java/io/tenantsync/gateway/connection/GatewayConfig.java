package io.tenantsync.gateway.connection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The connection file: every connection the gateway serves. Read once at start. */
public record GatewayConfig(List<Connection> connections) {
    public GatewayConfig {
        connections = connections == null ? List.of() : List.copyOf(connections);
        Set<String> ids = new HashSet<>();
        for (Connection c : connections) {
            if (!ids.add(c.id())) throw new IllegalArgumentException("connection id '" + c.id() + "' appears twice");
        }
    }

    /** The connection with this id, if configured. */
    public Optional<Connection> connection(String id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Reads a connection file (YAML, or JSON which is YAML too). */
    public static GatewayConfig read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** Parses connection-file text; unknown keys are errors so that typos do not silently fall back to defaults. */
    public static GatewayConfig parse(String yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return mapper.readValue(yaml, GatewayConfig.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            // the message names the key and line; never the value, which may be a secret
            throw new IOException("invalid connection file: " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
        }
    }
}
