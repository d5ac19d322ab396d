package dev.moose.core.server;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one ClickHouse release can do: the single place that knows which DDL and settings each version has.
 * Thresholds come from ClickHouse's changelogs and were checked against a live 18.16 server where possible.
 */
public record ServerCapabilities(ServerVersion version) {

    public static ServerCapabilities of(ServerVersion version) {
        return new ServerCapabilities(version);
    }

    /**
     * Settings to send with every statement so that this version accepts what we render, each only within the
     * releases that know it (an unknown setting is an error, an obsolete one is ignored).
     */
    public Map<String, String> connectionSettings() {
        Map<String, String> s = new TreeMap<>();
        if (version.atLeast(18, 12) && !version.atLeast(19, 3)) {
            s.put("allow_experimental_low_cardinality_type", "1");
        }
        return s;
    }
}
