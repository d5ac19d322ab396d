package dev.moose.core.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every operation there is, in the order the plan format lists them: the one registry of tags. */
final class Operations {

    static final List<OperationType<?>> ALL = List.of(
            CreateTable.TYPE, DropTable.TYPE, AddTableColumn.TYPE, DropTableColumn.TYPE, ModifyTableColumn.TYPE,
            ChangeTableColumn.TYPE, RenameTableColumn.TYPE, ModifyTableSettings.TYPE, ModifyTableTtl.TYPE,
            AddTableIndex.TYPE, DropTableIndex.TYPE, AddTableProjection.TYPE, DropTableProjection.TYPE,
            ModifySampleBy.TYPE, RemoveSampleBy.TYPE, ModifyTableComment.TYPE, RebuildTable.TYPE,
            CreateMaterializedView.TYPE, DropMaterializedView.TYPE, PopulateMaterializedView.TYPE, CreateView.TYPE,
            DropView.TYPE, CreateSqlResource.TYPE, DropSqlResource.TYPE, RawSql.TYPE, CreateDatabase.TYPE);

    /** Other spellings the seed documents use. */
    private static final Map<String, String> ALIASES = Map.of("RawSQL", "RawSql");

    private static final Map<String, OperationType<?>> BY_TAG = new LinkedHashMap<>();

    static {
        for (OperationType<?> t : ALL) {
            if (BY_TAG.put(t.tag(), t) != null) {
                throw new IllegalStateException("two operations with the tag " + t.tag());
            }
        }
    }

    private Operations() {
    }

    private static final Map<Class<?>, OperationType<?>> BY_CLASS = new java.util.HashMap<>();

    static {
        ALL.forEach(t -> BY_CLASS.put(t.type(), t));
    }

    /** The kind of an operation. */
    static OperationType<?> typeOf(Operation op) {
        return BY_CLASS.get(op.getClass());
    }

    /** The operation a tag (or one of its other spellings) names. */
    static Optional<OperationType<?>> byTag(String tag) {
        return Optional.ofNullable(BY_TAG.get(ALIASES.getOrDefault(tag, tag)));
    }

    static List<String> tags() {
        return List.copyOf(BY_TAG.keySet());
    }
}
