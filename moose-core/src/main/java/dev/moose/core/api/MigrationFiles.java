package dev.moose.core.api;

import java.nio.file.Files;
import java.nio.file.Path;

/** The three files of a planned migration, in one directory (by default {@code migrations/}). */
public record MigrationFiles(Path directory) {

    public static final String PLAN = "plan.yaml";
    public static final String REMOTE_STATE = "remote_state.json";
    public static final String LOCAL_INFRA_MAP = "local_infra_map.json";

    public Path plan() {
        return directory.resolve(PLAN);
    }

    public Path remoteState() {
        return directory.resolve(REMOTE_STATE);
    }

    public Path localInfraMap() {
        return directory.resolve(LOCAL_INFRA_MAP);
    }

    public boolean exist() {
        return Files.exists(plan()) || Files.exists(remoteState()) || Files.exists(localInfraMap());
    }
}
