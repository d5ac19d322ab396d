package dev.moose.core.plan;

import dev.moose.core.model.SqlResource;

/**
 * Where a run notes the SQL resources it creates and drops as it goes: the schema cannot show them, so the migrated
 * database keeps a record of them.
 */
public interface ResourceLedger {

    void added(SqlResource resource);

    void removed(String key);
}
