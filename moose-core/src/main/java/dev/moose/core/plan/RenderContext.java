package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.ServerVersion;

/**
 * What rendering an operation may depend on: the server's version (which DDL it has) and, when known, the state
 * just before the operation (to fill in what a short plan item leaves out).
 */
public record RenderContext(ServerVersion version, InfraMap state) {

    public static RenderContext current() {
        return new RenderContext(ServerVersion.CURRENT_LTS, null);
    }

    public static RenderContext of(ServerVersion version) {
        return new RenderContext(version, null);
    }

    public Capabilities capabilities() {
        return Capabilities.of(version);
    }

    public RenderContext withState(InfraMap newState) {
        return new RenderContext(version, newState);
    }
}
