package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.model.ModelTree;
import dev.moose.core.model.Table;
import dev.moose.core.version.Feature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@code MODIFY SETTING} for changed or added settings, {@code RESET SETTING} for removed ones. */
public record ModifyTableSettings(TableRef table, SortedMap<String, String> beforeSettings, SortedMap<String, String> afterSettings)
        implements Operation {

    static final OperationType<ModifyTableSettings> TYPE = new OperationType<>("ModifyTableSettings",
            ModifyTableSettings.class, Execution.METADATA,
            f -> {
                TableRef t = f.ref();
                return new ModifyTableSettings(t, f.settings("before_settings"), f.settings("after_settings"));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.ref(table);
        out.put("before_settings", ModelTree.settings(beforeSettings));
        out.put("after_settings", ModelTree.settings(afterSettings));
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.other(table.key(), "settings: " + beforeSettings + " -> " + afterSettings);
    }

    public ModifyTableSettings {
        beforeSettings = literals(beforeSettings);
        afterSettings = literals(afterSettings);
    }

    private static SortedMap<String, String> literals(SortedMap<String, String> m) {
        SortedMap<String, String> out = new TreeMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, Table.settingLiteral(v)));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    private List<String> changed() {
        List<String> out = new ArrayList<>();
        afterSettings.forEach((k, v) -> {
            if (!v.equals(beforeSettings.get(k))) {
                out.add(k + " = " + v);
            }
        });
        return out;
    }

    private List<String> removed() {
        return beforeSettings.keySet().stream().filter(k -> !afterSettings.containsKey(k)).toList();
    }

    @Override
    public List<String> render(RenderContext context) {
        List<String> out = new ArrayList<>();
        if (!changed().isEmpty()) {
            out.add(table.alter("MODIFY SETTING " + String.join(", ", changed())));
        }
        if (!removed().isEmpty()) {
            if (!context.capabilities().has(Feature.RESET_SETTING)) {
                throw new PlanException("cannot remove settings " + removed() + " of " + table.displayName() + " on ClickHouse "
                        + context.version() + ": RESET SETTING needs " + Feature.RESET_SETTING.since()
                        + "; set them to their default value in the code instead");
            }
            out.add(table.alter("RESET SETTING " + String.join(", ", removed())));
        }
        return out;
    }

    @Override
    public List<Feature> requires() {
        List<Feature> f = new ArrayList<>();
        if (!changed().isEmpty()) {
            f.add(Feature.MODIFY_SETTING);
        }
        if (!removed().isEmpty()) {
            f.add(Feature.RESET_SETTING);
        }
        return f;
    }

    @Override
    public InfraMap apply(InfraMap state) {
        Table t = table.in(state, name());
        SortedMap<String, String> settings = new TreeMap<>(t.settings());
        removed().forEach(settings::remove);
        settings.putAll(afterSettings);
        return state.withTable(t.withSettings(settings));
    }

    @Override
    public String describe() {
        return "change settings of " + table.displayName() + ": " + String.join(", ", changed())
                + (removed().isEmpty() ? "" : " reset " + String.join(", ", removed()));
    }
}
